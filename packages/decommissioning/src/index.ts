export {
  Decision,
  DecisionRecord,
  type DecisionRecordInput,
  MIN_RATIONALE_LENGTH,
} from './decision-record.ts';
export {
  DecommissioningError,
  type DecommissioningErrorCode,
  isDecommissioningError,
} from './decommissioning-error.ts';
export { addMonths, IsoDate, isIsoDate } from './iso-date.ts';
export {
  PortfolioService,
  type PortfolioServiceInput,
  ServiceCohort,
  ServiceIndicator,
} from './portfolio-service.ts';
export { type RecommendationWithReason, recommend } from './recommend.ts';
export { Recommendation } from './recommendation.ts';
export {
  type PortfolioReview,
  type ReviewOptions,
  RULES,
  RULES_VERSION,
  reviewPortfolio,
  type ServiceReview,
} from './review-portfolio.ts';
export {
  DEFAULT_REVIEW_THRESHOLDS,
  ReviewThresholds,
  type ReviewThresholdsInput,
} from './review-thresholds.ts';
export { type CohortOverlap, cohortKeywords, compareCohorts, jaccard } from './rules/duplicate-provision.ts';
export { quantile } from './rules/quantile.ts';
export {
  type EvidenceComparator,
  type Flag,
  type IndicatorInfo,
  RULE_IDS,
  type RuleCategory,
  type RuleCheck,
  type RuleEvidence,
  type RuleId,
  type Severity,
} from './rules/rule-check.ts';
