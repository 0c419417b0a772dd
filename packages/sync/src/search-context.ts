import {
  type CaseStudyCostSummary,
  createPriceConverter,
  type PriceConverter,
  summariseCaseStudyCosts,
} from '@costed/costing';
import type { CaseStudy, Council, PriceYear } from '@costed/schema';
import { type SearchDocument, toSearchDocument } from '@costed/search';
import type { Store } from '@costed/store';

/** The price year search figures (cost per participant, cost band, sort) are shown in. */
export const SEARCH_PRICE_YEAR: PriceYear = '2024-25';

/** Reference data a search document needs, read from the store (the source of truth). */
export interface SearchContext {
  councils: ReadonlyMap<string, Council>;
  converter: PriceConverter;
  priceYear: PriceYear;
}

export async function loadSearchContext(
  store: Pick<Store, 'reference'>,
  priceYear = SEARCH_PRICE_YEAR,
): Promise<SearchContext> {
  const [councils, deflators] = await Promise.all([
    store.reference.councils(),
    store.reference.deflatorSeries(),
  ]);
  return {
    councils: new Map(councils.map((c) => [c.gssCode, c])),
    converter: createPriceConverter(deflators),
    priceYear,
  };
}

export function costSummaryFor(caseStudy: CaseStudy, context: SearchContext): CaseStudyCostSummary {
  return summariseCaseStudyCosts(caseStudy, context.converter, context.priceYear);
}

/** The search document for one published version of a case study. */
export function searchDocumentFor(
  caseStudy: CaseStudy,
  version: number,
  context: SearchContext,
  publishedAt?: string,
): SearchDocument {
  const costs = costSummaryFor(caseStudy, context);
  return toSearchDocument(
    { ...caseStudy, version },
    {
      councils: context.councils,
      costPerParticipantPence: costs.perParticipantPence,
      totalCostPence: costs.totalPence,
      priceYear: context.priceYear,
      ...(publishedAt ? { publishedAt } : {}),
    },
  );
}
