import { z } from 'zod';

/** Who gains when an outcome is avoided: benefits are split by agency. */
export const Agency = z
  .enum([
    'council-childrens-services',
    'council-other',
    'schools',
    'nhs',
    'police-justice',
    'dwp-hmrc',
    'other',
  ])
  .describe('The agency whose budget a benefit falls to.');
export type Agency = z.infer<typeof Agency>;

export const AGENCY_LABELS: Record<Agency, string> = {
  'council-childrens-services': "Council children's services",
  'council-other': 'Council (other services)',
  schools: 'Schools',
  nhs: 'NHS',
  'police-justice': 'Police and justice',
  'dwp-hmrc': 'DWP and HMRC',
  other: 'Other',
};
