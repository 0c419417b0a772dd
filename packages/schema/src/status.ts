import { z } from 'zod';

export const Status = z
  .enum(['draft', 'submitted', 'changes-requested', 'published', 'withdrawn'])
  .describe('Workflow status: draft → submitted → changes requested → published → withdrawn.');
export type Status = z.infer<typeof Status>;

/** Which transitions the workflow allows; every one is recorded as an audit event. */
export const STATUS_TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  draft: ['submitted'],
  submitted: ['changes-requested', 'published', 'draft'],
  'changes-requested': ['submitted', 'draft'],
  published: ['withdrawn'],
  withdrawn: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export const Role = z
  .enum(['public', 'council-member', 'curator', 'admin'])
  .describe(
    'public (published data only), council member (own organisation’s submissions), curator (reviews and publishes), admin.',
  );
export type Role = z.infer<typeof Role>;
