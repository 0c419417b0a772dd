import { z } from 'zod';

export const Recommendation = z
  .enum(['keep', 'review', 'consider-decommissioning', 'evaluate-before-deciding'])
  .describe('What the rules suggest a commissioner looks at; never a decision.');
export type Recommendation = z.infer<typeof Recommendation>;
