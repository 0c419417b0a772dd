import { z } from 'zod';

/** The five DfE/ADCS cost-effectiveness policy strands (seed 001). */
export const PolicyStrand = z
  .enum([
    'universal-services',
    'contact-and-referrals',
    'edge-of-care',
    'looked-after-children',
    'common-issues',
  ])
  .describe(
    'DfE/ADCS policy strand: universal services; contact and referrals ("front door"); interventions at the edge of care; looked-after children; common issues (workforce, commissioning, performance).',
  );
export type PolicyStrand = z.infer<typeof PolicyStrand>;

export const POLICY_STRAND_LABELS: Record<PolicyStrand, string> = {
  'universal-services': 'Universal services',
  'contact-and-referrals': 'Contact and referrals',
  'edge-of-care': 'Interventions at the edge of care',
  'looked-after-children': 'Looked-after children',
  'common-issues': 'Common issues',
};
