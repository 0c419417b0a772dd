import { AgeRange, EvidenceLevel, IndicatorId, Money, NeedLevel, Observation, Slug } from '@costed/schema';
import { z } from 'zod';
import { IsoDate } from './iso-date.ts';

/** One target outcome of a service: an indicator from the taxonomy, with its baseline and latest values. */
export const ServiceIndicator = z
  .object({
    indicator: IndicatorId,
    baseline: Observation.nullable().default(null).describe('Value before the service (or at its start).'),
    latest: Observation.nullable().default(null).describe('The most recent value.'),
  })
  .strict()
  .describe('A target outcome indicator with baseline {value, year} and latest {value, year}.');
export type ServiceIndicator = z.output<typeof ServiceIndicator>;

/** Who the service is for. Ages and need levels make the duplicate-provision test precise. */
export const ServiceCohort = z
  .object({
    description: z
      .string()
      .trim()
      .min(3)
      .nullable()
      .default(null)
      .describe('Who the service is for, in plain words (ORUK: eligibility, in service.description).'),
    ageRange: AgeRange.nullable()
      .default(null)
      .describe('Ages served, inclusive (ORUK: service.minimum_age / maximum_age).'),
    needLevels: z.array(NeedLevel).default([]).describe('Levels of need served; empty when not recorded.'),
  })
  .strict();
export type ServiceCohort = z.output<typeof ServiceCohort>;

/**
 * One service in a council's portfolio, as a commissioner describes it for review. Unknown figures are
 * `null`, never zero: a missing cost or outcome is a gap to fill, not a value.
 */
export const PortfolioService = z
  .object({
    id: z.string().min(1).optional().describe('Stable id once stored; absent for a fresh import.'),
    name: z.string().trim().min(1).max(200).describe('ORUK service.name.'),
    description: z.string().trim().min(1).nullable().default(null).describe('ORUK service.description.'),
    provider: z
      .string()
      .trim()
      .min(1)
      .nullable()
      .default(null)
      .describe('Who delivers it (ORUK organization.name via service.organization_id).'),
    annualCost: Money.nullable()
      .default(null)
      .refine((m) => m === null || m.pence >= 0, 'An annual cost cannot be negative')
      .describe('What the council pays per year, with its price year; null if unknown.'),
    contractEnd: IsoDate.nullable().default(null).describe('When the current contract or agreement ends.'),
    cohort: ServiceCohort.default({ description: null, ageRange: null, needLevels: [] }),
    participantsPerYear: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .default(null)
      .describe('Children, young people or families served per year.'),
    indicators: z.array(ServiceIndicator).default([]).describe('Target outcome indicators.'),
    evidenceLevel: EvidenceLevel.nullable()
      .default(null)
      .describe('Costed evidence level 0–4 for this service as delivered here; null if never assessed.'),
    deliveryStartYear: z
      .number()
      .int()
      .min(1900)
      .max(2100)
      .nullable()
      .default(null)
      .describe('Calendar year delivery began (for "weak evidence after N years").'),
    caseStudySlugs: z.array(Slug).default([]).describe('Costed case studies of this same model.'),
    interventionNames: z
      .array(z.string().trim().min(1))
      .default([])
      .describe('Named models it delivers, e.g. "Family Group Conferencing".'),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.indicators.forEach((i, index) => {
      if (seen.has(i.indicator)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', index, 'indicator'],
          message: `The indicator ${i.indicator} is listed twice for this service: list each indicator once`,
        });
      }
      seen.add(i.indicator);
    });
  })
  .describe('A service in a council portfolio, for review against the evidence.');
export type PortfolioService = z.output<typeof PortfolioService>;
export type PortfolioServiceInput = z.input<typeof PortfolioService>;
