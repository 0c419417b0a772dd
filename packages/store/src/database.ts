import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

/**
 * Row types of every table, as Kysely sees them. Timestamps are read back as ISO 8601 strings in UTC
 * (microseconds kept) and bigints as numbers, on both engines (see type-parsers.ts), so rows compare
 * and export identically whichever engine wrote them.
 */
type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;
type JsonValue = unknown;

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: 'council' | 'sector-body' | 'other';
  gss_code: string | null;
  created_at: Timestamp;
}

export interface MembersTable {
  user_id: string;
  organisation_id: string;
  role: 'public' | 'council-member' | 'curator' | 'admin';
  created_at: Timestamp;
}

export interface CaseStudiesTable {
  slug: string;
  status: 'draft' | 'submitted' | 'changes-requested' | 'published' | 'withdrawn';
  current_version: number;
  organisation_id: string | null;
  content_hash: string;
  document: Json<JsonValue>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseStudyVersionsTable {
  slug: string;
  version: number;
  document: Json<JsonValue>;
  content_hash: string;
  created_at: Timestamp;
  created_by: string;
  change_note: string | null;
}

export interface SubmissionsTable {
  id: string;
  organisation_id: string;
  author_id: string;
  status: 'draft' | 'submitted' | 'changes-requested' | 'published' | 'withdrawn';
  document: Json<JsonValue>;
  target_slug: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReviewEventsTable {
  id: Generated<number>;
  submission_id: string;
  actor: string;
  action: 'submit' | 'request-changes' | 'return-to-draft' | 'publish' | 'withdraw' | 'comment';
  comment: string | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<JsonValue | null> | null;
  after: Json<JsonValue | null> | null;
}

export interface OutboxTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  version: number;
  op: 'upsert' | 'delete';
  payload: Json<JsonValue>;
  created_at: Timestamp;
  attempts: Generated<number>;
  available_at: Timestamp;
  processed_at: string | null;
  last_error: string | null;
}

export interface PortfoliosTable {
  id: string;
  organisation_id: string;
  name: string;
  /** Thresholds the council set (a partial `ReviewThresholds`); defaults fill the rest at review time. */
  thresholds: ColumnType<JsonValue, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PortfolioServicesTable {
  id: string;
  portfolio_id: string;
  position: number;
  name: string;
  provider: string | null;
  annual_cost_pence: number | null;
  annual_cost_price_year: string | null;
  contract_end: string | null;
  cohort: string | null;
  participants_per_year: number | null;
  indicators: Json<JsonValue>;
  evidence_level: number | null;
  case_study_slugs: Json<JsonValue>;
  /** The whole `PortfolioService` (0003); null only for rows written without one (e.g. an older JSONL import). */
  document: Json<JsonValue> | null;
}

/** Append-only (a trigger refuses UPDATE and DELETE): the latest decision per service is the current one. */
export interface PortfolioDecisionsTable {
  id: Generated<number>;
  portfolio_id: string;
  organisation_id: string;
  service_id: string;
  decision: string;
  rationale: string;
  decided_by: string;
  decided_on: string;
  recommendation: string | null;
  reviewed_on: string | null;
  actor: string;
  created_at: Timestamp;
}

export interface ReferenceSetsTable {
  name: string;
  content_hash: string;
  loaded_at: Timestamp;
  document: Json<JsonValue | null> | null;
}

export interface DeflatorSeriesTable {
  id: string;
  kind: 'financial' | 'calendar';
  release: string;
  base: string;
  source_url: string;
}

export interface DeflatorPointsTable {
  series_id: string;
  position: number;
  year: string;
  index: number;
  status: 'outturn' | 'forecast';
}

export interface DiscountSchedulesTable {
  id: 'standard' | 'health' | 'reduced';
  name: string;
  edition: string;
  source_url: string;
}

export interface DiscountBandsTable {
  schedule_id: string;
  from_year: number;
  to_year: number | null;
  rate_percent: number;
}

export interface UnitCostsTable {
  id: string;
  pence: number;
  price_year: string;
  cost_type: 'fiscal' | 'economic' | 'social';
  agency: string;
  document: Json<JsonValue>;
}

export interface CouncilsTable {
  gss_code: string;
  name: string;
  type: 'unitary' | 'metropolitan-district' | 'london-borough' | 'county';
  region: string;
  document: Json<JsonValue>;
}

export interface IndicatorsTable {
  id: string;
  name: string;
  unit: 'count' | 'percent' | 'rate-per-10000' | 'rate-per-1000' | 'score';
  better_direction: 'higher' | 'lower';
  document: Json<JsonValue>;
}

export interface SynonymsTable {
  position: number;
  document: Json<JsonValue>;
}

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AuthSessionTable {
  id: string;
  expiresAt: Timestamp;
  token: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface ApiKeysTable {
  id: string;
  organisation_id: string;
  name: string;
  display_prefix: string;
  hash: string;
  scopes: Json<string[]>;
  created_by: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface Database {
  organisations: OrganisationsTable;
  members: MembersTable;
  case_studies: CaseStudiesTable;
  case_study_versions: CaseStudyVersionsTable;
  submissions: SubmissionsTable;
  review_events: ReviewEventsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  portfolios: PortfoliosTable;
  portfolio_services: PortfolioServicesTable;
  portfolio_decisions: PortfolioDecisionsTable;
  reference_sets: ReferenceSetsTable;
  deflator_series: DeflatorSeriesTable;
  deflator_points: DeflatorPointsTable;
  discount_schedules: DiscountSchedulesTable;
  discount_bands: DiscountBandsTable;
  unit_costs: UnitCostsTable;
  councils: CouncilsTable;
  indicators: IndicatorsTable;
  synonyms: SynonymsTable;
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  api_keys: ApiKeysTable;
}

/** Anything queries can run on: the store's pool or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;

/** Every table, in an order that respects foreign keys when writing (reverse it to delete). */
export const TABLES_IN_WRITE_ORDER = [
  'organisations',
  'members',
  'reference_sets',
  'deflator_series',
  'deflator_points',
  'discount_schedules',
  'discount_bands',
  'unit_costs',
  'councils',
  'indicators',
  'synonyms',
  'case_studies',
  'case_study_versions',
  'submissions',
  'review_events',
  'portfolios',
  'portfolio_services',
  'portfolio_decisions',
  'audit_log',
  'outbox',
  'api_keys',
  'auth_session',
  'auth_user',
] as const satisfies readonly (keyof Database)[];
