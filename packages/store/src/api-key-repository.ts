import { createAuditRepository } from './audit-repository.ts';
import type { Executor, Row } from './database.ts';
import { inTransaction, toJson } from './executor.ts';
import { StoreError } from './store-error.ts';

export interface ApiKeyRecord {
  id: string;
  organisationId: string;
  name: string;
  /** The first characters of the key, shown so people can tell their keys apart. */
  displayPrefix: string;
  /** SHA-256 of the key; the key itself is never stored. */
  hash: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export function toApiKeyRecord(row: Row<'api_keys'>): ApiKeyRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    displayPrefix: row.display_prefix,
    hash: row.hash,
    scopes: row.scopes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

/** Organisation API keys (hashed at rest). Creating and revoking a key are audited in the same transaction. */
export interface ApiKeyRepository {
  create(
    key: {
      id: string;
      organisationId: string;
      name: string;
      displayPrefix: string;
      hash: string;
      scopes: string[];
    },
    actor: string,
  ): Promise<ApiKeyRecord>;
  list(organisationId: string): Promise<ApiKeyRecord[]>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  findByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** Records use; a no-op for an unknown id. */
  touch(id: string, at?: string): Promise<void>;
  /** Revokes a key; revoking twice keeps the first revocation. */
  revoke(id: string, actor: string): Promise<ApiKeyRecord>;
}

export function createApiKeyRepository(db: Executor): ApiKeyRepository {
  return {
    create: (key, actor) =>
      inTransaction(db, async (tx) => {
        const row = await tx
          .insertInto('api_keys')
          .values({
            id: key.id,
            organisation_id: key.organisationId,
            name: key.name,
            display_prefix: key.displayPrefix,
            hash: key.hash,
            scopes: toJson(key.scopes),
            created_by: actor,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await createAuditRepository(tx).append({
          actor,
          action: 'api-key.create',
          entityType: 'api-key',
          entityId: key.id,
          after: {
            organisationId: key.organisationId,
            name: key.name,
            displayPrefix: key.displayPrefix,
            scopes: key.scopes,
          },
        });
        return toApiKeyRecord(row);
      }),
    async list(organisationId) {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toApiKeyRecord);
    },
    async get(id) {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toApiKeyRecord(row) : undefined;
    },
    async findByHash(hash) {
      const row = await db.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
      return row ? toApiKeyRecord(row) : undefined;
    },
    async touch(id, at) {
      await db
        .updateTable('api_keys')
        .set({ last_used_at: at ?? new Date().toISOString() })
        .where('id', '=', id)
        .execute();
    },
    revoke: (id, actor) =>
      inTransaction(db, async (tx) => {
        const existing = await tx
          .selectFrom('api_keys')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!existing) throw new StoreError('NOT_FOUND', `No API key with id "${id}".`);
        if (existing.revoked_at) return toApiKeyRecord(existing);
        const row = await tx
          .updateTable('api_keys')
          .set({ revoked_at: new Date().toISOString(), revoked_by: actor })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await createAuditRepository(tx).append({
          actor,
          action: 'api-key.revoke',
          entityType: 'api-key',
          entityId: id,
          before: { revokedAt: null },
          after: { revokedAt: row.revoked_at },
        });
        return toApiKeyRecord(row);
      }),
  };
}
