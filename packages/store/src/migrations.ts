import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Database } from './database.ts';
import { StoreError } from './store-error.ts';

/*
 * One set of migrations for both engines. Each is a list of single SQL statements, because PGlite's
 * query path (extended protocol) takes one statement at a time. Constraints live in the database, not
 * only in code, so a bug or a hand-written SQL session cannot store what the domain forbids.
 */

const SLUG = `'^[a-z0-9]+(-[a-z0-9]+)*$'`;
const STATUS = `('draft','submitted','changes-requested','published','withdrawn')`;

const initial: readonly string[] = [
  `create function costed_forbid_change() returns trigger language plpgsql as $$
   begin
     raise exception '% rows are immutable: % is not allowed', TG_TABLE_NAME, TG_OP
       using errcode = 'restrict_violation',
             hint = 'Append a new row (a new version or a new audit event) instead.';
   end $$`,

  `create table organisations (
     id text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
     name text not null check (length(name) > 0),
     kind text not null check (kind in ('council','sector-body','other')),
     gss_code text unique check (gss_code ~ '^E(06|08|09|10)[0-9]{6}$'),
     created_at timestamptz not null default now()
   )`,
  `create table members (
     user_id text not null check (length(user_id) > 0),
     organisation_id text not null references organisations(id) on delete cascade,
     role text not null check (role in ('public','council-member','curator','admin')),
     created_at timestamptz not null default now(),
     primary key (user_id, organisation_id)
   )`,

  `create table case_studies (
     slug text primary key check (slug ~ ${SLUG}),
     status text not null check (status in ${STATUS}),
     current_version integer not null check (current_version > 0),
     organisation_id text references organisations(id),
     content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
     document jsonb not null check (jsonb_typeof(document) = 'object'),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create table case_study_versions (
     slug text not null references case_studies(slug),
     version integer not null check (version > 0),
     document jsonb not null check (jsonb_typeof(document) = 'object'),
     content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
     created_at timestamptz not null default now(),
     created_by text not null check (length(created_by) > 0),
     change_note text,
     primary key (slug, version)
   )`,
  // The current row must point at a version that exists; deferred so both rows go in one transaction.
  `alter table case_studies add constraint case_studies_current_version_fk
     foreign key (slug, current_version) references case_study_versions(slug, version)
     deferrable initially deferred`,
  `create trigger case_study_versions_immutable before update or delete on case_study_versions
     for each row execute function costed_forbid_change()`,

  `create table submissions (
     id uuid primary key,
     organisation_id text not null references organisations(id),
     author_id text not null check (length(author_id) > 0),
     status text not null check (status in ${STATUS}),
     document jsonb not null check (jsonb_typeof(document) = 'object'),
     target_slug text check (target_slug ~ ${SLUG}),
     version integer not null default 1 check (version > 0),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create index submissions_organisation_idx on submissions (organisation_id, status)`,
  `create table review_events (
     id bigserial primary key,
     submission_id uuid not null references submissions(id) on delete cascade,
     actor text not null check (length(actor) > 0),
     action text not null check (action in ('submit','request-changes','return-to-draft','publish','withdraw','comment')),
     comment text,
     created_at timestamptz not null default now()
   )`,
  `create index review_events_submission_idx on review_events (submission_id, id)`,

  `create table audit_log (
     id bigserial primary key,
     at timestamptz not null default now(),
     actor text not null check (length(actor) > 0),
     action text not null check (length(action) > 0),
     entity_type text not null check (length(entity_type) > 0),
     entity_id text not null check (length(entity_id) > 0),
     before jsonb,
     after jsonb
   )`,
  `create index audit_log_entity_idx on audit_log (entity_type, entity_id, id)`,
  `create trigger audit_log_append_only before update or delete on audit_log
     for each row execute function costed_forbid_change()`,

  `create table outbox (
     id bigserial primary key,
     entity text not null check (length(entity) > 0),
     entity_id text not null check (length(entity_id) > 0),
     version integer not null check (version > 0),
     op text not null check (op in ('upsert','delete')),
     payload jsonb not null,
     created_at timestamptz not null default now(),
     attempts integer not null default 0 check (attempts >= 0),
     available_at timestamptz not null default now(),
     processed_at timestamptz,
     last_error text,
     unique (entity, entity_id, version)
   )`,
  `create index outbox_pending_idx on outbox (available_at, id) where processed_at is null`,

  `create table portfolios (
     id uuid primary key,
     organisation_id text not null references organisations(id),
     name text not null check (length(name) > 0),
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create table portfolio_services (
     id uuid primary key,
     portfolio_id uuid not null references portfolios(id) on delete cascade,
     position integer not null check (position >= 0),
     name text not null check (length(name) > 0),
     provider text,
     annual_cost_pence bigint check (annual_cost_pence >= 0),
     annual_cost_price_year text check (annual_cost_price_year ~ '^[0-9]{4}(-[0-9]{2})?$'),
     contract_end date,
     cohort text,
     participants_per_year integer check (participants_per_year >= 0),
     indicators jsonb not null default '[]' check (jsonb_typeof(indicators) = 'array'),
     evidence_level smallint check (evidence_level between 0 and 4),
     case_study_slugs jsonb not null default '[]' check (jsonb_typeof(case_study_slugs) = 'array'),
     -- money without a price year is not money
     check ((annual_cost_pence is null) = (annual_cost_price_year is null)),
     unique (portfolio_id, position)
   )`,

  `create table reference_sets (
     name text primary key check (name in ('deflators','discount-schedules','unit-costs','councils','indicators','synonyms','optimism-bias')),
     content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
     loaded_at timestamptz not null default now(),
     document jsonb
   )`,
  `create table deflator_series (
     id text primary key check (length(id) > 0),
     kind text not null check (kind in ('financial','calendar')),
     release text not null check (length(release) > 0),
     base text not null,
     source_url text not null
   )`,
  `create table deflator_points (
     series_id text not null references deflator_series(id) on delete cascade,
     position integer not null check (position >= 0),
     year text not null check (year ~ '^[0-9]{4}(-[0-9]{2})?$'),
     index double precision not null check (index > 0),
     status text not null check (status in ('outturn','forecast')),
     primary key (series_id, year),
     unique (series_id, position)
   )`,
  `create table discount_schedules (
     id text primary key check (id in ('standard','health','reduced')),
     name text not null,
     edition text not null,
     source_url text not null
   )`,
  `create table discount_bands (
     schedule_id text not null references discount_schedules(id) on delete cascade,
     from_year integer not null check (from_year >= 0),
     to_year integer check (to_year >= from_year),
     rate_percent double precision not null check (rate_percent between 0 and 100),
     primary key (schedule_id, from_year)
   )`,
  `create table unit_costs (
     id text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
     pence bigint not null,
     price_year text not null check (price_year ~ '^[0-9]{4}(-[0-9]{2})?$'),
     cost_type text not null check (cost_type in ('fiscal','economic','social')),
     agency text not null,
     document jsonb not null
   )`,
  `create table councils (
     gss_code text primary key check (gss_code ~ '^E(06|08|09|10)[0-9]{6}$'),
     name text not null,
     type text not null check (type in ('unitary','metropolitan-district','london-borough','county')),
     region text not null,
     document jsonb not null
   )`,
  `create table indicators (
     id text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
     name text not null,
     unit text not null check (unit in ('count','percent','rate-per-10000','rate-per-1000','score')),
     better_direction text not null check (better_direction in ('higher','lower')),
     document jsonb not null
   )`,
  `create table synonyms (
     position integer primary key check (position >= 0),
     document jsonb not null
   )`,
];

/*
 * Identity: the tables better-auth uses (users, server-side sessions, credentials, verification tokens), in
 * exactly the DDL better-auth 1.7 compiles for PostgreSQL with the `auth_` model names the API configures —
 * so one migrator owns the whole schema — and organisation API keys, stored only as SHA-256 hashes.
 * None of these are part of the evidence-base export.
 */
const identity: readonly string[] = [
  `create table "auth_user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null)`,
  `create table "auth_session" ("id" text not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" text not null references "auth_user" ("id") on delete cascade)`,
  `create table "auth_account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "auth_user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null)`,
  `create table "auth_verification" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null)`,
  `create index "auth_session_userId_idx" on "auth_session" ("userId")`,
  `create index "auth_account_userId_idx" on "auth_account" ("userId")`,
  `create index "auth_verification_identifier_idx" on "auth_verification" ("identifier")`,
  `create table api_keys (
     id text primary key check (length(id) > 0),
     organisation_id text not null references organisations(id) on delete cascade,
     name text not null check (length(name) between 1 and 100),
     display_prefix text not null check (length(display_prefix) between 4 and 32),
     hash text not null unique check (hash ~ '^[0-9a-f]{64}$'),
     scopes jsonb not null check (jsonb_typeof(scopes) = 'array'),
     created_by text not null check (length(created_by) > 0),
     created_at timestamptz not null default now(),
     last_used_at timestamptz,
     revoked_at timestamptz,
     revoked_by text
   )`,
  `create index api_keys_organisation_idx on api_keys (organisation_id)`,
];

/*
 * Portfolios keep the whole service as the decommissioning model describes it (description, structured cohort,
 * indicator values with their years, delivery start, named models), validated by `PortfolioService` in the
 * repository. The 0001 columns stay and are still written from the document: they keep older rows' figures
 * (0001 indicator values had no years, so the backfilled document cannot carry them without inventing a year)
 * and keep name, cost and contract end queryable in SQL. Decisions are append-only, like the audit log: a new
 * decision supersedes an old one by being later, never by editing it. They have no foreign key to portfolios,
 * so deleting a portfolio (or replacing a service) leaves the record of what was decided.
 */
const portfolios: readonly string[] = [
  `alter table portfolios add column thresholds jsonb not null default '{}'
     check (jsonb_typeof(thresholds) = 'object')`,
  `alter table portfolio_services add column document jsonb
     check (document is null or jsonb_typeof(document) = 'object')`,
  `update portfolio_services set document = jsonb_build_object(
     'id', id::text,
     'name', name,
     'description', null,
     'provider', provider,
     'annualCost', case when annual_cost_pence is null then null
                   else jsonb_build_object('pence', annual_cost_pence, 'priceYear', annual_cost_price_year) end,
     'contractEnd', to_char(contract_end, 'YYYY-MM-DD'),
     'cohort', jsonb_build_object(
        'description', case when length(trim(cohort)) >= 3 then trim(cohort) end,
        'ageRange', null,
        'needLevels', '[]'::jsonb),
     'participantsPerYear', participants_per_year,
     'indicators', (select coalesce(jsonb_agg(jsonb_build_object(
                       'indicator', i->>'indicator', 'baseline', null, 'latest', null)), '[]'::jsonb)
                    from jsonb_array_elements(indicators) as i),
     'evidenceLevel', evidence_level,
     'deliveryStartYear', null,
     'caseStudySlugs', case_study_slugs,
     'interventionNames', '[]'::jsonb)
   where document is null`,
  `create table portfolio_decisions (
     id bigserial primary key,
     portfolio_id uuid not null,
     organisation_id text not null check (length(organisation_id) > 0),
     service_id uuid not null,
     decision text not null check (decision in ('keep','change','decommission','evaluate')),
     rationale text not null check (length(rationale) >= 40),
     decided_by text not null check (length(decided_by) > 0),
     decided_on date not null,
     recommendation text check (recommendation in ('keep','review','consider-decommissioning','evaluate-before-deciding')),
     reviewed_on date,
     actor text not null check (length(actor) > 0),
     created_at timestamptz not null default now()
   )`,
  `create index portfolio_decisions_service_idx on portfolio_decisions (portfolio_id, service_id, id)`,
  `create trigger portfolio_decisions_append_only before update or delete on portfolio_decisions
     for each row execute function costed_forbid_change()`,
];

function statementsMigration(statements: readonly string[]): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}

/** Migrations by name; names sort in the order they apply. Never edit one that has shipped: add another. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': statementsMigration(initial),
  '0002-identity': statementsMigration(identity),
  '0003-portfolios': statementsMigration(portfolios),
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Brings the schema up to date; a no-op when it already is. Returns the names it applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'costed_migrations' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(
      'MIGRATION_FAILED',
      `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}. The database is left at the last migration that succeeded; fix the cause and start again.`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
