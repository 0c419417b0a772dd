import { DELIVERY_MODEL_LABELS, POLICY_STRAND_LABELS, SERVICE_AREA_LABELS } from '@costed/schema';
import {
  COST_BAND_LABELS,
  type CostBand,
  evidenceLevelLabel,
  type SearchDocument,
} from './search-document.ts';
import type { Facet, FacetValue, SearchFilters } from './search-query.ts';

/** The values a document has for each facet, as strings. */
export function facetValuesOf(doc: SearchDocument): Record<Facet, readonly string[]> {
  return {
    council: doc.councils,
    region: doc.regions,
    policyStrand: [doc.policyStrand],
    serviceArea: doc.serviceAreas,
    deliveryModel: [doc.deliveryModel],
    evidenceLevel: [String(doc.evidenceLevel)],
    costBand: [doc.costBand],
    year: [doc.year],
  };
}

/** Filter values as facet value strings (evidence levels are numbers in the query). */
export function filterValues(filters: SearchFilters | undefined): [Facet, string[]][] {
  if (!filters) return [];
  const out: [Facet, string[]][] = [];
  for (const [facet, values] of Object.entries(filters) as [Facet, (string | number)[] | undefined][]) {
    if (values && values.length > 0) out.push([facet, values.map(String)]);
  }
  return out;
}

/** The label shown for a facet value; councils are named from the lookup, falling back to the code. */
export function facetLabel(facet: Facet, value: string, councilNames: ReadonlyMap<string, string>): string {
  switch (facet) {
    case 'council':
      return councilNames.get(value) ?? value;
    case 'policyStrand':
      return POLICY_STRAND_LABELS[value as keyof typeof POLICY_STRAND_LABELS] ?? value;
    case 'serviceArea':
      return SERVICE_AREA_LABELS[value as keyof typeof SERVICE_AREA_LABELS] ?? value;
    case 'deliveryModel':
      return DELIVERY_MODEL_LABELS[value as keyof typeof DELIVERY_MODEL_LABELS] ?? value;
    case 'evidenceLevel':
      return evidenceLevelLabel(Number(value));
    case 'costBand':
      return COST_BAND_LABELS[value as CostBand] ?? value;
    default:
      return value;
  }
}

/** Facet values in display order: most hits first, then by value so the order is stable. */
export function sortFacetValues(values: FacetValue[]): FacetValue[] {
  return values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
