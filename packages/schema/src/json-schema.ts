import { z } from 'zod';
import { CaseStudy } from './case-study.ts';
import { Council } from './council.ts';
import { DeflatorSeries } from './deflator-series.ts';
import { DiscountSchedule } from './discount-schedule.ts';
import { OutcomeIndicator } from './outcome-indicator.ts';
import { SynonymGroup } from './synonym-group.ts';
import { UnitCost } from './unit-cost.ts';

/** The schemas that data/ files are written against, by the file name their JSON Schema is saved under. */
export const DATA_SCHEMAS = {
  'case-study': CaseStudy,
  council: Council,
  'deflator-series': DeflatorSeries,
  'discount-schedule': DiscountSchedule,
  'outcome-indicator': OutcomeIndicator,
  'synonym-group': SynonymGroup,
  'unit-cost': UnitCost,
} as const;

/** JSON Schema (draft 2020-12) for one data schema, describing the input an author writes. */
export function toJsonSchema(name: keyof typeof DATA_SCHEMAS): Record<string, unknown> {
  return z.toJSONSchema(DATA_SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
