/**
 * What the portfolio routes of the API answer (`/v1/portfolios…`). The schemas live in `@costed/contract`, which
 * the API serialises with; this module re-exports them under the names the portfolio pages use.
 */
export {
  Decision as DecisionValue,
  DecisionEntry,
  DecisionsResponse,
  IndicatorsResponse as IndicatorChoices,
  Portfolio,
  PortfolioMethodStamp as MethodStamp,
  PortfolioReview,
  PortfolioServiceView as ReviewedService,
  PortfoliosResponse,
  Recommendation as RecommendationValue,
  RuleCheck,
  ServiceReview,
  Severity,
  StoredPortfolioService as StoredService,
} from '@costed/contract';
