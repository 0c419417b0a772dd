import { Role } from '@costed/schema';
import { z } from 'zod';

export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['council', 'sector-body', 'other']),
  gssCode: z.string().nullable(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

/** GET /v1/organisations */
export const OrganisationsResponse = z.object({ organisations: z.array(Organisation) });
export type OrganisationsResponse = z.infer<typeof OrganisationsResponse>;

export const Member = z.object({
  userId: z.string(),
  organisationId: z.string(),
  role: Role,
  createdAt: z.string(),
});
export type Member = z.infer<typeof Member>;

/** A member as listed: with the name and e-mail of their account (null if the account is gone). */
export const MemberWithAccount = Member.extend({
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export type MemberWithAccount = z.infer<typeof MemberWithAccount>;

/** GET /v1/organisations/:organisationId/members */
export const MembersResponse = z.object({ members: z.array(MemberWithAccount) });
export type MembersResponse = z.infer<typeof MembersResponse>;
