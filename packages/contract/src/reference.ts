import {
  Council,
  DeflatorSeries,
  DiscountSchedule,
  OutcomeIndicator,
  SynonymGroup,
  UnitCost,
} from '@costed/schema';
import { z } from 'zod';

/** A reference table as GET /v1/reference/<name> serves it: its items and the reference snapshot's version. */
export const referenceTable = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), version: z.string() });

export const DeflatorsResponse = referenceTable(DeflatorSeries);
export type DeflatorsResponse = z.infer<typeof DeflatorsResponse>;
export const DiscountRatesResponse = referenceTable(DiscountSchedule);
export type DiscountRatesResponse = z.infer<typeof DiscountRatesResponse>;
export const UnitCostsResponse = referenceTable(UnitCost);
export type UnitCostsResponse = z.infer<typeof UnitCostsResponse>;
export const CouncilsResponse = referenceTable(Council);
export type CouncilsResponse = z.infer<typeof CouncilsResponse>;
export const IndicatorsResponse = referenceTable(OutcomeIndicator);
export type IndicatorsResponse = z.infer<typeof IndicatorsResponse>;
export const SynonymsResponse = referenceTable(SynonymGroup);
export type SynonymsResponse = z.infer<typeof SynonymsResponse>;

/** Each reference route (`/v1/reference/<name>`) and the schema of its answer. */
export const REFERENCE_RESPONSES = {
  deflators: DeflatorsResponse,
  'discount-rates': DiscountRatesResponse,
  'unit-costs': UnitCostsResponse,
  councils: CouncilsResponse,
  indicators: IndicatorsResponse,
  synonyms: SynonymsResponse,
} as const;
export type ReferenceTableName = keyof typeof REFERENCE_RESPONSES;
