import type { Role } from '@costed/schema';
import { createAuditRepository } from './audit-repository.ts';
import type { Executor, Row } from './database.ts';
import { inTransaction } from './executor.ts';

export type OrganisationKind = 'council' | 'sector-body' | 'other';

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  gssCode: string | null;
  createdAt: string;
}

export interface Member {
  userId: string;
  organisationId: string;
  role: Role;
  createdAt: string;
}

export function toOrganisation(row: Row<'organisations'>): Organisation {
  return { id: row.id, name: row.name, kind: row.kind, gssCode: row.gss_code, createdAt: row.created_at };
}

export function toMember(row: Row<'members'>): Member {
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    createdAt: row.created_at,
  };
}

export type MemberWithAccount = Member & { name: string | null; email: string | null };

/** Organisations (councils, sector bodies) and who belongs to them in which role. */
export interface OrganisationRepository {
  create(
    organisation: { id: string; name: string; kind: OrganisationKind; gssCode?: string | null },
    actor: string,
  ): Promise<Organisation>;
  get(id: string): Promise<Organisation | undefined>;
  list(): Promise<Organisation[]>;
  /** Adds a member or changes their role. */
  setMember(member: { userId: string; organisationId: string; role: Role }, actor: string): Promise<Member>;
  /** An organisation's members, each with the name and e-mail of their account (null if it is gone). */
  members(organisationId: string): Promise<MemberWithAccount[]>;
  membershipsOf(userId: string): Promise<Member[]>;
  /** Removes a membership (audited); false when there was none. */
  removeMember(member: { userId: string; organisationId: string }, actor: string): Promise<boolean>;
  /** The account with this e-mail address (accounts are created by signing up), for adding members by e-mail. */
  userByEmail(email: string): Promise<{ id: string; email: string; name: string } | undefined>;
  /** Whether any admin exists (so a first admin can be bootstrapped exactly once). */
  hasAdmin(): Promise<boolean>;
}

export function createOrganisationRepository(db: Executor): OrganisationRepository {
  return {
    removeMember: (member, actor) =>
      inTransaction(db, async (tx) => {
        const removed = await tx
          .deleteFrom('members')
          .where('user_id', '=', member.userId)
          .where('organisation_id', '=', member.organisationId)
          .returningAll()
          .executeTakeFirst();
        if (!removed) return false;
        await createAuditRepository(tx).append({
          actor,
          action: 'member.remove',
          entityType: 'organisation',
          entityId: member.organisationId,
          before: { userId: member.userId, role: removed.role },
        });
        return true;
      }),
    async userByEmail(email) {
      return db
        .selectFrom('auth_user')
        .select(['id', 'email', 'name'])
        .where(({ fn }) => fn('lower', ['email']), '=', email.toLowerCase())
        .executeTakeFirst();
    },
    async hasAdmin() {
      const row = await db
        .selectFrom('members')
        .select('user_id')
        .where('role', '=', 'admin')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async create(organisation, actor) {
      return inTransaction(db, async (tx) => {
        const row = await tx
          .insertInto('organisations')
          .values({
            id: organisation.id,
            name: organisation.name,
            kind: organisation.kind,
            gss_code: organisation.gssCode ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const created = toOrganisation(row);
        await createAuditRepository(tx).append({
          actor,
          action: 'organisation.create',
          entityType: 'organisation',
          entityId: created.id,
          after: { name: created.name, kind: created.kind, gssCode: created.gssCode },
        });
        return created;
      });
    },
    async get(id) {
      const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOrganisation(row);
    },
    async list() {
      return (await db.selectFrom('organisations').selectAll().orderBy('id').execute()).map(toOrganisation);
    },
    async setMember(member, actor) {
      return inTransaction(db, async (tx) => {
        const before = await tx
          .selectFrom('members')
          .select('role')
          .where('user_id', '=', member.userId)
          .where('organisation_id', '=', member.organisationId)
          .executeTakeFirst();
        const row = await tx
          .insertInto('members')
          .values({ user_id: member.userId, organisation_id: member.organisationId, role: member.role })
          .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doUpdateSet({ role: member.role }))
          .returningAll()
          .executeTakeFirstOrThrow();
        await createAuditRepository(tx).append({
          actor,
          action: before ? 'member.role' : 'member.add',
          entityType: 'organisation',
          entityId: member.organisationId,
          before: before ? { userId: member.userId, role: before.role } : undefined,
          after: { userId: member.userId, role: member.role },
        });
        return toMember(row);
      });
    },
    async members(organisationId) {
      const rows = await db
        .selectFrom('members')
        .leftJoin('auth_user', 'auth_user.id', 'members.user_id')
        .selectAll('members')
        .select(['auth_user.name as account_name', 'auth_user.email as account_email'])
        .where('organisation_id', '=', organisationId)
        .orderBy('user_id')
        .execute();
      return rows.map(({ account_name, account_email, ...row }) => ({
        ...toMember(row),
        name: account_name ?? null,
        email: account_email ?? null,
      }));
    },
    async membershipsOf(userId) {
      const rows = await db
        .selectFrom('members')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('organisation_id')
        .execute();
      return rows.map(toMember);
    },
  };
}
