import {
  CaseStudy,
  Council,
  DeflatorSeries,
  DiscountSchedule,
  OutcomeIndicator,
  SynonymGroup,
  UnitCost,
} from '@costed/schema';
import type { z } from 'zod';
import { OptimismBiasRow } from './optimism-bias-row.ts';

/** Every schema a data/ file is written against, by the name its JSON Schema file takes in data/schemas/. */
export const EVIDENCE_SCHEMAS = {
  'case-study': CaseStudy,
  council: Council,
  'deflator-series': DeflatorSeries,
  'discount-schedule': DiscountSchedule,
  'outcome-indicator': OutcomeIndicator,
  'synonym-group': SynonymGroup,
  'unit-cost': UnitCost,
  'optimism-bias': OptimismBiasRow,
} as const satisfies Record<string, z.ZodType>;
export type EvidenceSchemaName = keyof typeof EVIDENCE_SCHEMAS;

/** A reference table: one YAML sequence of `schema` items in `path` (relative to the data directory). */
export interface ReferenceFile {
  key: 'councils' | 'discountSchedules' | 'unitCosts' | 'indicators' | 'synonyms' | 'optimismBias';
  path: string;
  schema: EvidenceSchemaName;
}

export const REFERENCE_FILES: readonly ReferenceFile[] = [
  { key: 'councils', path: 'reference/councils.yaml', schema: 'council' },
  { key: 'discountSchedules', path: 'reference/discount-schedules.yaml', schema: 'discount-schedule' },
  { key: 'unitCosts', path: 'reference/unit-costs.yaml', schema: 'unit-cost' },
  { key: 'indicators', path: 'reference/indicators.yaml', schema: 'outcome-indicator' },
  { key: 'synonyms', path: 'reference/synonyms.yaml', schema: 'synonym-group' },
  { key: 'optimismBias', path: 'reference/optimism-bias.yaml', schema: 'optimism-bias' },
];

export const CASE_STUDIES_DIR = 'case-studies';
export const DEFLATORS_DIR = 'reference/deflators';
export const SCHEMAS_DIR = 'schemas';

/**
 * Name of the JSON Schema file for a schema. A file holding a YAML sequence points its
 * yaml-language-server comment at `<name>.list.schema.json` (an array of the item schema), because editors
 * validate the whole document against the schema named there; `<name>.schema.json` is the item itself.
 */
export function schemaFileName(name: EvidenceSchemaName, list: boolean): string {
  return list ? `${name}.list.schema.json` : `${name}.schema.json`;
}
