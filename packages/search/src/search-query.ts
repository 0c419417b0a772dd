import {
  DeliveryModel,
  type EvidenceResult,
  GssCode,
  PolicyStrand,
  Region,
  ServiceArea,
} from '@costed/schema';
import { z } from 'zod';
import { CostBand } from './search-document.ts';

export const FACETS = [
  'council',
  'region',
  'policyStrand',
  'serviceArea',
  'deliveryModel',
  'evidenceLevel',
  'costBand',
  'year',
] as const;
export type Facet = (typeof FACETS)[number];

export const SearchSort = z
  .enum(['relevance', 'cost-per-participant', 'evidence-level', 'recency'])
  .describe(
    'relevance (best match first); cost-per-participant (cheapest first, not reported last); evidence-level (strongest first); recency (newest first).',
  );
export type SearchSort = z.infer<typeof SearchSort>;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(50);

/**
 * Filters accept only known enum values and validated codes: the Meilisearch adapter builds its filter
 * expression from these, so nothing a user types can reach the filter string.
 */
export const SearchFilters = z
  .object({
    council: list(GssCode).describe('Councils by ONS GSS code (any of).'),
    region: list(Region).describe('Regions (any of).'),
    policyStrand: list(PolicyStrand).describe('Policy strands (any of).'),
    serviceArea: list(ServiceArea).describe('Service areas (any of).'),
    deliveryModel: list(DeliveryModel).describe('Delivery models (any of).'),
    evidenceLevel: list(z.number().int().min(0).max(4)).describe('Evidence levels 0–4 (any of).'),
    costBand: list(CostBand).describe('Cost per participant bands (any of).'),
    year: list(z.string().regex(/^\d{4}$/, 'A year filter is four digits, e.g. "2014"')).describe(
      'First year of the period (any of).',
    ),
  })
  .partial()
  .strict()
  .describe(
    'Facet filters: values within one facet are alternatives (OR); different facets all apply (AND).',
  );
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchQuery = z
  .object({
    q: z.string().max(200, 'A search is at most 200 characters').optional().describe('Words to search for.'),
    filters: SearchFilters.optional(),
    sort: SearchSort.default('relevance'),
    page: z.number().int().min(1).max(1000).default(1).describe('Page number, from 1.'),
    pageSize: z.number().int().min(1).max(100).default(20).describe('Hits per page (1–100).'),
    facets: z.boolean().default(false).describe('Whether to return facet counts.'),
  })
  .strict()
  .describe('A search over published case studies.');
export type SearchQuery = z.infer<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

export interface Highlight {
  field: 'title' | 'summary' | 'intervention';
  /** HTML-safe: the text is escaped, then matched words are wrapped in <mark>. */
  snippet: string;
}

export interface SearchHit {
  slug: string;
  title: string;
  summary: string;
  highlights: Highlight[];
  /** Relevance score; comparable only within one result. */
  score: number;
  version: number;
  intervention: string;
  councils: { code: string; name: string }[];
  regions: string[];
  policyStrand: PolicyStrand;
  serviceAreas: ServiceArea[];
  deliveryModel: DeliveryModel;
  evidenceLevel: number;
  evidenceResult: EvidenceResult;
  costPerParticipantPence: number | null;
  totalCostPence: number | null;
  priceYear: string | null;
  costBand: CostBand;
  year: string;
  publishedAt: string | null;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Exact number of matching documents (all pages). */
  total: number;
  page: number;
  pageSize: number;
  /** Counts over all matching documents (query and filters applied); empty when facets were not asked for. */
  facets: Partial<Record<Facet, FacetValue[]>>;
  /** Preferred names of the synonym groups the query used. */
  synonymsUsed: string[];
  /** True when typo-tolerant matching was needed to find the hits. */
  fuzzyUsed: boolean;
}
