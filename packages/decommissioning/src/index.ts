export {
  buildPortfolioCsv,
  buildPortfolioXlsx,
  EXAMPLE_PORTFOLIO,
  toPortfolioRow,
} from './build-portfolio-template.ts';
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
export {
  type ImportError,
  type ImportOptions,
  type ImportResult,
  importPortfolio,
} from './import-portfolio.ts';
export {
  DEFAULT_IMPORT_LIMITS,
  type FileKind,
  type ImportLimits,
  type Inspection,
  inspectUpload,
  inspectZip,
} from './inspect-upload.ts';
export { addMonths, IsoDate, isIsoDate } from './iso-date.ts';
export {
  MAX_TEMPLATE_INDICATORS,
  PORTFOLIO_COLUMN_NAMES,
  PORTFOLIO_COLUMNS,
  type PortfolioColumn,
} from './portfolio-columns.ts';
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
