import { z } from 'zod';

/**
 * ONS GSS code of an English local authority that can run children's services: unitary authorities (E06),
 * metropolitan districts (E08), London boroughs (E09) and counties (E10), each followed by six digits.
 */
export const GssCode = z
  .string()
  .regex(
    /^E(06|08|09|10)\d{6}$/,
    'A council code is an ONS GSS code: E06, E08, E09 or E10 followed by six digits (e.g. E06000011)',
  )
  .describe('ONS GSS code of an English upper-tier council (E06/E08/E09/E10 + 6 digits).');
export type GssCode = z.infer<typeof GssCode>;

export const CouncilType = z
  .enum(['unitary', 'metropolitan-district', 'london-borough', 'county'])
  .describe(
    'Type of authority: unitary (E06), metropolitan district (E08), London borough (E09), county (E10).',
  );
export type CouncilType = z.infer<typeof CouncilType>;

export const Region = z
  .enum([
    'North East',
    'North West',
    'Yorkshire and The Humber',
    'East Midlands',
    'West Midlands',
    'East of England',
    'London',
    'South East',
    'South West',
  ])
  .describe('English region (ITL1).');
export type Region = z.infer<typeof Region>;

const TYPE_BY_PREFIX: Record<string, CouncilType> = {
  E06: 'unitary',
  E08: 'metropolitan-district',
  E09: 'london-borough',
  E10: 'county',
};

/** The council type a GSS code implies. */
export function councilTypeOf(code: GssCode): CouncilType {
  const type = TYPE_BY_PREFIX[code.slice(0, 3)];
  if (!type) throw new Error(`Not an upper-tier council code: ${code}`);
  return type;
}

export const Council = z
  .object({
    gssCode: GssCode,
    name: z.string().min(1).describe('Common name, e.g. "East Riding of Yorkshire".'),
    officialName: z.string().min(1).describe('Official name, e.g. "East Riding of Yorkshire Council".'),
    type: CouncilType,
    region: Region,
    combinedAuthority: z
      .string()
      .optional()
      .describe('Combined authority code, where the council belongs to one.'),
    population0to17: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe("Resident population aged 0–17 (children's population) in the reference year."),
    populationAllAges: z.number().int().nonnegative().optional().describe('Resident population, all ages.'),
    populationYear: z
      .string()
      .optional()
      .describe('Reference date of the population figures, e.g. "mid-2023".'),
    successorOf: z.array(z.string()).optional().describe('Former codes this council replaced.'),
    endedOn: z.string().optional().describe('Date the authority ceased (for former councils), YYYY-MM-DD.'),
    notes: z.string().optional(),
  })
  .strict()
  .refine((c) => councilTypeOf(c.gssCode) === c.type, {
    message:
      'The council type does not match its GSS code prefix (E06 unitary, E08 metropolitan, E09 London, E10 county)',
    path: ['type'],
  })
  .describe('An English council with children’s-services responsibility.');
export type Council = z.infer<typeof Council>;
