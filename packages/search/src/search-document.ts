import {
  type CaseStudy,
  type Council,
  DELIVERY_MODEL_LABELS,
  type DeliveryModel,
  EVIDENCE_LEVELS,
  type EvidenceResult,
  POLICY_STRAND_LABELS,
  type PolicyStrand,
  type Region,
  SERVICE_AREA_LABELS,
  type ServiceArea,
} from '@costed/schema';
import { z } from 'zod';
import { SearchError } from './search-error.ts';

/** Cost per participant bands, at the price year the caller converted to. */
export const CostBand = z
  .enum(['under-1k', '1k-5k', '5k-20k', '20k-plus', 'not-reported'])
  .describe(
    'Cost per participant band: under £1,000; £1,000–£4,999; £5,000–£19,999; £20,000 or more; not reported.',
  );
export type CostBand = z.infer<typeof CostBand>;

export const COST_BAND_LABELS: Record<CostBand, string> = {
  'under-1k': 'Under £1,000 per participant',
  '1k-5k': '£1,000 to £4,999 per participant',
  '5k-20k': '£5,000 to £19,999 per participant',
  '20k-plus': '£20,000 or more per participant',
  'not-reported': 'Cost per participant not reported',
};

/** The band a cost per participant (in pence) falls in; `null` means not reported, never zero. */
export function costBandOf(costPerParticipantPence: number | null | undefined): CostBand {
  if (costPerParticipantPence === null || costPerParticipantPence === undefined) return 'not-reported';
  if (costPerParticipantPence < 100_000) return 'under-1k';
  if (costPerParticipantPence < 500_000) return '1k-5k';
  if (costPerParticipantPence < 2_000_000) return '5k-20k';
  return '20k-plus';
}

/**
 * What the index holds for one published case study: the searchable text, the facet values and the
 * display fields of a hit. Flat and JSON-serialisable so the same object goes to every adapter.
 */
export interface SearchDocument {
  /** Equal to the slug (Meilisearch's primary key). */
  id: string;
  slug: string;
  /** The store's version: reconcile compares it to find stale entries. */
  version: number;
  title: string;
  summary: string;
  intervention: string;
  interventionDescription: string;
  /** GSS codes, aligned with councilNames. */
  councils: string[];
  councilNames: string[];
  regions: Region[];
  policyStrand: PolicyStrand;
  policyStrandLabel: string;
  serviceAreas: ServiceArea[];
  serviceAreaLabels: string[];
  deliveryModel: DeliveryModel;
  deliveryModelLabel: string;
  evidenceLevel: number;
  evidenceResult: EvidenceResult;
  /** Outcome indicator ids written as words ("looked after under 4"), so they can be found by text. */
  outcomes: string[];
  tags: string[];
  /** Cost per participant in pence at `priceYear`; null when not reported. */
  costPerParticipantPence: number | null;
  totalCostPence: number | null;
  priceYear: string | null;
  costBand: CostBand;
  /** First calendar year of the period, e.g. "2014". */
  year: string;
  /** ISO date of publication, when known. */
  publishedAt: string | null;
  /** Number used by the recency sort: publication date (or period start) as YYYYMMDD. */
  recency: number;
}

export interface SearchDocumentContext {
  councils: ReadonlyMap<string, Council>;
  costPerParticipantPence?: number | null;
  totalCostPence?: number | null;
  priceYear?: string;
  publishedAt?: string;
}

function recencyOf(publishedAt: string | null, year: string): number {
  const source = publishedAt ?? `${year}-01-01`;
  const digits = source
    .replace(/[^0-9]/g, '')
    .slice(0, 8)
    .padEnd(8, '0');
  return Number(digits);
}

/**
 * Turns a case study into the document the index holds. Cost figures are the caller's, already converted to
 * one price year (search never converts money). Throws SEARCH_UNKNOWN_COUNCIL when a council code is not in
 * the lookup, because a facet without a name or region would mislead.
 */
export function toSearchDocument(cs: CaseStudy, ctx: SearchDocumentContext): SearchDocument {
  const councils = cs.councils.map((code) => {
    const council = ctx.councils.get(code);
    if (!council) {
      throw new SearchError(
        'SEARCH_UNKNOWN_COUNCIL',
        `Case study "${cs.slug}" names council ${code}, which is not in the council list. Add it to data/reference councils or correct the code.`,
      );
    }
    return council;
  });
  const year = cs.period.start.slice(0, 4);
  const publishedAt = ctx.publishedAt ?? null;
  const costPerParticipantPence = ctx.costPerParticipantPence ?? null;
  return {
    id: cs.slug,
    slug: cs.slug,
    version: cs.version,
    title: cs.title,
    summary: cs.summary,
    intervention: cs.intervention.name,
    interventionDescription: cs.intervention.description,
    councils: councils.map((c) => c.gssCode),
    councilNames: councils.map((c) => c.name),
    regions: [...new Set(councils.map((c) => c.region))],
    policyStrand: cs.policyStrand,
    policyStrandLabel: POLICY_STRAND_LABELS[cs.policyStrand],
    serviceAreas: [...cs.serviceAreas],
    serviceAreaLabels: cs.serviceAreas.map((a) => SERVICE_AREA_LABELS[a]),
    deliveryModel: cs.deliveryModel,
    deliveryModelLabel: DELIVERY_MODEL_LABELS[cs.deliveryModel],
    evidenceLevel: cs.evidence.level,
    evidenceResult: cs.evidence.result,
    outcomes: [...new Set(cs.outcomes.map((o) => o.indicator.replace(/-/g, ' ')))],
    tags: [...cs.tags],
    costPerParticipantPence,
    totalCostPence: ctx.totalCostPence ?? null,
    priceYear: ctx.priceYear ?? null,
    costBand: costBandOf(costPerParticipantPence),
    year,
    publishedAt,
    recency: recencyOf(publishedAt, year),
  };
}

/** Label of an evidence level facet value, e.g. "3 – Robust comparison". */
export function evidenceLevelLabel(level: number): string {
  const def = EVIDENCE_LEVELS.find((d) => d.level === level);
  return def ? `${level} – ${def.name}` : String(level);
}
