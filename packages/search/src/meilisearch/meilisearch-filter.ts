import { DeliveryModel, GssCode, PolicyStrand, Region, ServiceArea } from '@costed/schema';
import { CostBand } from '../search-document.ts';
import { SearchError } from '../search-error.ts';
import { type Facet, SearchFilters } from '../search-query.ts';
import { FACET_ATTRIBUTES } from './meilisearch-settings.ts';

/** Every value a filter may carry, checked again here so this function is safe on its own. */
const ALLOWED: Record<Facet, (value: string) => boolean> = {
  council: (v) => GssCode.safeParse(v).success,
  region: (v) => Region.safeParse(v).success,
  policyStrand: (v) => PolicyStrand.safeParse(v).success,
  serviceArea: (v) => ServiceArea.safeParse(v).success,
  deliveryModel: (v) => DeliveryModel.safeParse(v).success,
  evidenceLevel: (v) => /^[0-4]$/.test(v),
  costBand: (v) => CostBand.safeParse(v).success,
  year: (v) => /^\d{4}$/.test(v),
};

/**
 * Translates validated filters into Meilisearch's array form (outer array AND, inner arrays OR). Values come
 * only from enums and validated codes; anything else is refused with SEARCH_INVALID_QUERY, never escaped
 * into the expression.
 */
export function buildMeilisearchFilter(filters: unknown): string[][] {
  const parsed = SearchFilters.safeParse(filters ?? {});
  if (!parsed.success) {
    throw new SearchError(
      'SEARCH_INVALID_QUERY',
      `The filters are not valid (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}). Use the listed facet values.`,
    );
  }
  const out: string[][] = [];
  for (const [facet, values] of Object.entries(parsed.data) as [Facet, (string | number)[]][]) {
    if (!values || values.length === 0) continue;
    const attribute = FACET_ATTRIBUTES[facet];
    out.push(
      values.map((raw) => {
        const value = String(raw);
        if (!ALLOWED[facet](value) || /["\\]/.test(value)) {
          throw new SearchError('SEARCH_INVALID_QUERY', `"${value}" is not a known ${facet} value.`);
        }
        return facet === 'evidenceLevel' ? `${attribute} = ${value}` : `${attribute} = "${value}"`;
      }),
    );
  }
  return out;
}
