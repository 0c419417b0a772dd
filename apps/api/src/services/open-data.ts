/**
 * Open-data exports over the published case studies: CSV tables (streamed), JSON and JSON Lines
 * (streamed), an XLSX workbook (built in a worker thread and cached per content version), a Frictionless
 * data package and an Atom feed. Only published case studies are ever read. Every export carries an ETag
 * derived from the store's published content, so unchanged data costs a client one cheap query and a 304.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { createMethodStamp, createPriceConverter, isCostingError, toMoney } from '@costed/costing';
import {
  type AtomEntry,
  atomFeed,
  type CaseStudyTables,
  type CaseStudyTablesContext,
  type ConvertedPrices,
  caseStudyTables,
  csvFileName,
  type DataPackage,
  dataPackage,
  streamCsv,
  type Table,
  tableList,
  type WorkbookMeta,
} from '@costed/exports';
import type { CaseStudy, PriceYear } from '@costed/schema';
import { type CaseStudyRecord, type Store, toCaseStudyRecord } from '@costed/store';
import { sql } from 'kysely';
import type { Config } from '../env.ts';
import { ApiError } from '../errors.ts';
import type { ReferenceCache, ReferenceSnapshot } from './reference-cache.ts';
import type { XlsxWorkerInput, XlsxWorkerOutput } from './xlsx-worker.ts';

/** What the exports need from `AppServices`. */
export interface OpenDataDeps {
  store: Pick<Store, 'db'>;
  reference: Pick<ReferenceCache, 'get'>;
  config: Pick<Config, 'publicUrl' | 'siteUrl'>;
}

/** Table names as the exports package names them; files are `csvFileName(name)` (`case_studies` → `case-studies.csv`). */
export const EXPORT_TABLES = ['case_studies', 'costs', 'savings', 'outcomes', 'sources'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** Where the exports are served, relative to `config.publicUrl`. */
export const EXPORTS_PATH = '/v1/exports';
export const FEED_PATH = '/v1/feed.atom';
/** The feed holds the most recently published case studies; the full set is in the exports. */
export const FEED_LIMIT = 100;
/** Case studies read per query while streaming: bounded memory, few round trips. */
const PAGE_SIZE = 100;
export const CACHE_CONTROL = 'public, max-age=60';
export const DATA_PACKAGE_NAME = 'costed-case-studies';
const TITLE = 'Costed: costed case studies of children’s-services redesigns in England';

/** A response body: text, bytes, or text chunks streamed as they are produced. */
export type ExportBody = string | Uint8Array | AsyncIterable<string>;

/**
 * One export, described before any of it is produced: the route sends 304 on a matching ETag without
 * calling `open`, so an unchanged export costs one aggregate query.
 */
export interface ExportFile {
  etag: string;
  contentType: string;
  /** The download's file name (`Content-Disposition: attachment`); absent for documents read in place. */
  fileName?: string;
  open(): Promise<ExportBody>;
}

export interface ExportOptions {
  /** Adds amounts converted to this price year (HMT GDP deflators); validated against the series. */
  priceYear?: PriceYear | undefined;
}

/** Identifies the published content: any publish, new version or withdrawal changes `digest`. */
export interface PublishedVersion {
  count: number;
  digest: string;
  /** When the most recently changed published case study was written (ISO 8601), or null with none. */
  lastUpdated: string | null;
}

// Column lists are part of what an export contains: a release that changes them must change every ETag.
const COLUMNS_DIGEST = hash(
  JSON.stringify(tableList(caseStudyTables([])).map((t) => [t.name, t.columns.map((c) => c.name)])),
);

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The absolute URL of an export file, e.g. `https://api.example/v1/exports/costs.csv`. */
export function exportUrl(config: Pick<Config, 'publicUrl'>, fileName: string): string {
  return `${trimSlash(config.publicUrl)}${EXPORTS_PATH}/${fileName}`;
}

/** The table a CSV file stem names (`case-studies` → `case_studies`); an unknown name is a 404. */
export function tableForFile(stem: string): ExportTable {
  const table = EXPORT_TABLES.find((t) => csvFileName(t) === `${stem}.csv`);
  if (!table) {
    throw new ApiError(
      'not-found',
      `There is no "${stem}" table. The CSV exports are ${EXPORT_TABLES.map((t) => csvFileName(t)).join(', ')}.`,
    );
  }
  return table;
}

/**
 * One aggregate query over the published rows (no documents read): how many, a digest of every
 * slug, version and content hash, and the newest write. Works the same on PGlite and PostgreSQL.
 */
export async function readPublishedVersion(store: Pick<Store, 'db'>): Promise<PublishedVersion> {
  const result = await sql<{ n: string | number; last: string | null; digest: string | null }>`
    select count(*) as n,
           max(updated_at) as last,
           md5(string_agg(slug || ':' || current_version || ':' || content_hash, ',' order by slug)) as digest
      from case_studies
     where status = 'published'`.execute(store.db);
  const row = result.rows[0];
  return { count: Number(row?.n ?? 0), digest: row?.digest ?? 'none', lastUpdated: row?.last ?? null };
}

/**
 * Published case studies in slug order, a page at a time. Pages continue after the last slug seen
 * (keyset) rather than by offset, so a publication or withdrawal during a long download can neither
 * repeat a case study nor skip one that stayed published.
 */
export async function* readPublishedPages(
  store: Pick<Store, 'db'>,
  pageSize = PAGE_SIZE,
): AsyncGenerator<CaseStudyRecord[]> {
  let after: string | null = null;
  for (;;) {
    let query = store.db
      .selectFrom('case_studies')
      .selectAll()
      .where('status', '=', 'published')
      .orderBy('slug')
      .limit(pageSize);
    if (after !== null) query = query.where('slug', '>', after);
    const page = (await query.execute()).map(toCaseStudyRecord);
    // The row status and the document status are written together; both are checked all the same.
    const published = page.filter((r) => r.document.status === 'published');
    if (published.length > 0) yield published;
    if (page.length < pageSize) return;
    after = page.at(-1)?.slug ?? null;
    // PGlite answers in-process without an I/O turn, so without this a long export would run start to
    // finish in microtasks and starve every other request and timer; one macrotask per page lets them in.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

async function readAllPublished(store: Pick<Store, 'db'>): Promise<CaseStudy[]> {
  const all: CaseStudy[] = [];
  for await (const page of readPublishedPages(store)) for (const r of page) all.push(r.document);
  return all;
}

/**
 * Conversion of every amount to `priceYear` with the reference HMT deflators. A year outside the series
 * is refused (400 naming `querystring.priceYear`) rather than guessed. Amounts whose price year is of the
 * other kind (calendar vs financial) or outside the series keep empty converted cells.
 */
export function priceConversion(reference: ReferenceSnapshot, priceYear: PriceYear): ConvertedPrices {
  const converter = createPriceConverter(reference.deflators);
  const series = converter.seriesFor(priceYear);
  if (!series?.points.some((p) => p.year === priceYear)) {
    const covered = reference.deflators
      .map((s) => `${s.points[0]?.year} to ${s.points.at(-1)?.year} (${s.kind} years)`)
      .join(' or ');
    const message = `No HMT GDP deflator for ${priceYear} in the current release: choose a price year from ${covered || 'a loaded series'}.`;
    throw new ApiError('validation-failed', message, {
      errors: [{ path: 'querystring.priceYear', message, code: 'price-year-out-of-series' }],
    });
  }
  return {
    priceYear,
    deflatorRelease: series.release,
    convert(money) {
      try {
        return toMoney(money.pence * converter.factor(money.priceYear, priceYear), priceYear);
      } catch (error) {
        if (isCostingError(error)) return null;
        throw error;
      }
    },
  };
}

interface PreparedExport {
  version: PublishedVersion;
  reference: ReferenceSnapshot;
  context: CaseStudyTablesContext;
  etagFor(variant: string): string;
}

async function prepare(deps: OpenDataDeps, options: ExportOptions = {}): Promise<PreparedExport> {
  const [version, reference] = await Promise.all([readPublishedVersion(deps.store), deps.reference.get()]);
  const converted = options.priceYear ? priceConversion(reference, options.priceYear) : undefined;
  const context: CaseStudyTablesContext = {
    councils: reference.councilsByCode,
    siteUrl: deps.config.siteUrl,
    ...(converted ? { converted } : {}),
  };
  const basis = [
    version.count,
    version.digest,
    reference.version,
    COLUMNS_DIGEST,
    deps.config.siteUrl,
    deps.config.publicUrl,
    options.priceYear ?? '',
  ].join('\n');
  return {
    version,
    reference,
    context,
    // Weak: the same content may differ in bytes (generation time in the XLSX README) between instances.
    etagFor: (variant) => `W/"${hash(`${variant}\n${basis}`).slice(0, 32)}"`,
  };
}

function withPriceYear(stem: string, priceYear: PriceYear | undefined): string {
  return priceYear ? `${stem}-${priceYear}` : stem;
}

/** One CSV table, streamed a page of case studies at a time (formula-safe cells, CRLF, UTF-8). */
export async function prepareCsvExport(
  deps: OpenDataDeps,
  table: ExportTable,
  options: ExportOptions = {},
): Promise<ExportFile> {
  const prepared = await prepare(deps, options);
  const columns = caseStudyTables([], prepared.context)[table].columns;
  async function* rows(): AsyncGenerator<Record<string, unknown>> {
    for await (const page of readPublishedPages(deps.store)) {
      const tables: CaseStudyTables = caseStudyTables(
        page.map((r) => r.document),
        prepared.context,
      );
      yield* tables[table].rows;
    }
  }
  return {
    etag: prepared.etagFor(`csv:${table}`),
    contentType: 'text/csv; charset=utf-8',
    fileName: `${withPriceYear(csvFileName(table).replace(/\.csv$/, ''), options.priceYear)}.csv`,
    open: async () => streamCsv({ columns, rows: rows() }),
  };
}

/** The published case-study documents as they are published: a JSON array, or JSON Lines. */
export async function prepareJsonExport(deps: OpenDataDeps, format: 'json' | 'jsonl'): Promise<ExportFile> {
  const prepared = await prepare(deps);
  async function* jsonArray(): AsyncGenerator<string> {
    let first = true;
    yield '[';
    for await (const page of readPublishedPages(deps.store)) {
      let chunk = '';
      for (const r of page) {
        chunk += `${first ? '\n' : ',\n'}${JSON.stringify(r.document)}`;
        first = false;
      }
      yield chunk;
    }
    yield first ? ']\n' : '\n]\n';
  }
  async function* jsonLines(): AsyncGenerator<string> {
    for await (const page of readPublishedPages(deps.store)) {
      yield page.map((r) => `${JSON.stringify(r.document)}\n`).join('');
    }
  }
  return format === 'json'
    ? {
        etag: prepared.etagFor('json'),
        contentType: 'application/json; charset=utf-8',
        fileName: 'case-studies.json',
        open: async () => jsonArray(),
      }
    : {
        etag: prepared.etagFor('jsonl'),
        contentType: 'application/jsonl; charset=utf-8',
        fileName: 'case-studies.jsonl',
        open: async () => jsonLines(),
      };
}

/** Builds the workbook in a worker thread, so the event loop keeps answering requests meanwhile. */
export function buildXlsxOffThread(sheets: readonly Table[], meta: WorkbookMeta): Promise<Uint8Array> {
  const workerData: XlsxWorkerInput = { sheets: [...sheets], meta };
  // execArgv is not inherited: the worker needs plain Node (type stripping), not the parent's flags.
  const worker = new Worker(new URL('./xlsx-worker.ts', import.meta.url), { workerData, execArgv: [] });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.once('message', (out: XlsxWorkerOutput) => {
      if (out.ok) resolve(out.bytes);
      else reject(new Error(`The XLSX export could not be built: ${out.message}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`The XLSX worker exited (code ${code}) before answering.`)),
    );
  });
}

/**
 * Built workbooks by ETag, so each content version (and price year) is built once however many people
 * download it; the promise is cached, so concurrent first requests share one build. A failed build is
 * dropped so the next request retries.
 */
export interface XlsxCache {
  get(key: string, build: () => Promise<Uint8Array>): Promise<Uint8Array>;
  readonly size: number;
}

export function createXlsxCache(maxEntries = 4): XlsxCache {
  const entries = new Map<string, Promise<Uint8Array>>();
  return {
    get(key, build) {
      const hit = entries.get(key);
      if (hit) {
        // Re-insert: Map order is recency order, the oldest is evicted first.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const pending = build().catch((error: unknown) => {
        if (entries.get(key) === pending) entries.delete(key);
        throw error;
      });
      entries.set(key, pending);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return pending;
    },
    get size() {
      return entries.size;
    },
  };
}

function deflatorNote(reference: ReferenceSnapshot): string {
  const releases = reference.deflators.map((s) => `${s.id} (${s.release})`);
  return releases.length > 0
    ? `HM Treasury GDP deflator series loaded: ${releases.join('; ')}.`
    : 'No HM Treasury GDP deflator series is loaded.';
}

/** All five tables and a README sheet (licence, generation time, deflator release, column descriptions). */
export async function prepareXlsxExport(
  deps: OpenDataDeps,
  cache: XlsxCache,
  options: ExportOptions = {},
  build: (sheets: readonly Table[], meta: WorkbookMeta) => Promise<Uint8Array> = buildXlsxOffThread,
): Promise<ExportFile> {
  const prepared = await prepare(deps, options);
  const etag = prepared.etagFor('xlsx');
  const converted = prepared.context.converted;
  return {
    etag,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${withPriceYear('costed-case-studies', options.priceYear)}.xlsx`,
    open: () =>
      cache.get(etag, async () => {
        const tables = caseStudyTables(await readAllPublished(deps.store), prepared.context);
        const meta: WorkbookMeta = {
          title: TITLE,
          licence: 'CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)',
          generatedAt: new Date().toISOString(),
          description: `The ${prepared.version.count} published case studies in Costed, one sheet per table. Every figure cites its source; money is in whole pence with its price year.`,
          ...(converted
            ? {
                priceYear: converted.priceYear,
                methodStamp: { ...createMethodStamp({ deflatorRelease: converted.deflatorRelease }) },
              }
            : {}),
          notes: [
            deflatorNote(prepared.reference),
            `Source: ${exportUrl(deps.config, 'case-studies.xlsx')} (also as CSV, JSON and a Frictionless data package at ${exportUrl(deps.config, 'datapackage.json')}).`,
            `Attribution: Costed (${trimSlash(deps.config.siteUrl)}), licensed under CC BY 4.0.`,
          ],
        };
        return build(tableList(tables), meta);
      }),
  };
}

/** The Frictionless data package, its resources pointing at the absolute CSV URLs. */
export async function prepareDataPackage(
  deps: OpenDataDeps,
): Promise<ExportFile & { descriptor: DataPackage }> {
  const prepared = await prepare(deps);
  const tables = tableList(caseStudyTables([], prepared.context));
  const descriptor = dataPackage(tables, {
    name: DATA_PACKAGE_NAME,
    title: TITLE,
    description: `Published case studies from Costed with their costs, savings claims, outcome measures and sources, one CSV per table. ${deflatorNote(prepared.reference)} Add ?priceYear=YYYY-YY to a CSV URL for amounts converted to one price year.`,
    // The newest publication, not the clock: the same content describes itself the same way.
    ...(prepared.version.lastUpdated ? { created: prepared.version.lastUpdated } : {}),
    homepage: trimSlash(deps.config.siteUrl),
    keywords: ['children’s services', 'cost', 'case studies', 'local government', 'England'],
    lineTerminator: '\r\n',
  });
  for (const resource of descriptor.resources) resource.path = exportUrl(deps.config, resource.path);
  const body = `${JSON.stringify(descriptor, null, 2)}\n`;
  return {
    descriptor,
    etag: prepared.etagFor('datapackage'),
    contentType: 'application/json; charset=utf-8',
    open: async () => body,
  };
}

/** The most recently published case studies, newest first, as Atom 1.0. */
export async function prepareAtomFeed(deps: OpenDataDeps): Promise<ExportFile> {
  const prepared = await prepare(deps);
  return {
    etag: prepared.etagFor('atom'),
    contentType: 'application/atom+xml; charset=utf-8',
    async open() {
      const rows = await deps.store.db
        .selectFrom('case_studies')
        .selectAll()
        .where('status', '=', 'published')
        .orderBy('updated_at', 'desc')
        .orderBy('slug')
        .limit(FEED_LIMIT)
        .execute();
      const entries: AtomEntry[] = rows
        .map(toCaseStudyRecord)
        .filter((r) => r.document.status === 'published')
        .map((r) => ({ ...r.document, updated: r.updatedAt }));
      return atomFeed(entries, {
        siteUrl: trimSlash(deps.config.siteUrl),
        feedUrl: `${trimSlash(deps.config.publicUrl)}${FEED_PATH}`,
        // The newest entry's time (RFC 4287: when the feed last changed), not the clock.
        updated: prepared.version.lastUpdated ?? '1970-01-01T00:00:00Z',
        subtitle: 'Newly published and updated case studies, newest first.',
      });
    },
  };
}

/**
 * Whether an `If-None-Match` header matches the ETag (RFC 9110 §13.1.2: weak comparison, a list of
 * tags, or `*`), in which case the answer is 304 Not Modified.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}
