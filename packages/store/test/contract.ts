import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createStore,
  exportAll,
  importAll,
  isStoreError,
  MIGRATIONS,
  type Store,
  seedEvidence,
} from '../src/index.ts';
import { truncateAll } from '../src/testing.ts';
import {
  COUNCILS,
  DEFLATORS,
  DISCOUNT_SCHEDULES,
  INDICATORS,
  makeCaseStudy,
  makeEvidence,
  SYNONYMS,
  UNIT_COSTS,
} from './fixtures.ts';

/** Postgres error code of a rejected statement, whichever engine raised it. */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code;
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected SQLSTATE ${code}`).toBeDefined();
  expect(sqlState(caught)).toBe(code);
}

async function exportLines(store: Store): Promise<string[]> {
  const lines: string[] = [];
  await exportAll(store, (line) => lines.push(line));
  return lines;
}

const UNIQUE = '23505';
const FOREIGN_KEY = '23503';
const CHECK = '23514';
const NOT_NULL = '23502';
const RESTRICT = '23001';

/**
 * One behaviour contract for every engine. `makeStore` opens a store (migrations are run here); the
 * suite shares it across tests and empties every table before each one.
 */
export function runStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await makeStore();
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
    });
    beforeEach(async () => {
      await truncateAll(store);
    });

    it('runs migrations idempotently', async () => {
      expect(await store.migrate()).toEqual([]);
      expect(await store.caseStudies.count()).toBe(0);
    });

    it('rejects rows the domain forbids: unknown enum, duplicate slug or id, missing row, missing value', async () => {
      await rejectsWith(
        store.db
          .insertInto('organisations')
          .values({ id: 'club', name: 'Club', kind: 'club' as never, gss_code: null })
          .execute(),
        CHECK,
      );
      await store.organisations.create(
        { id: 'hull', name: 'Hull', kind: 'council', gssCode: 'E06000010' },
        'admin',
      );
      await rejectsWith(
        store.organisations.create({ id: 'hull', name: 'Hull again', kind: 'council' }, 'admin'),
        UNIQUE,
      );
      await rejectsWith(
        store.organisations.create(
          { id: 'bad-gss', name: 'Bad', kind: 'council', gssCode: 'E07000001' },
          'admin',
        ),
        CHECK,
      );
      await rejectsWith(
        store.organisations.setMember({ userId: 'u1', organisationId: 'nowhere', role: 'curator' }, 'admin'),
        FOREIGN_KEY,
      );
      await rejectsWith(
        store.organisations.setMember(
          { userId: 'u1', organisationId: 'hull', role: 'king' as never },
          'admin',
        ),
        CHECK,
      );

      await store.caseStudies.save({ document: makeCaseStudy('hull-front-door'), actor: 'curator' });
      const row = await store.db
        .selectFrom('case_studies')
        .selectAll()
        .where('slug', '=', 'hull-front-door')
        .executeTakeFirstOrThrow();
      await rejectsWith(
        store.transaction(async ({ db }) => {
          await db
            .insertInto('case_studies')
            .values({ ...row, document: JSON.stringify(row.document) })
            .execute();
        }),
        UNIQUE,
      );
      // A current row must point at an existing version (checked at commit).
      await rejectsWith(
        store.transaction(async ({ db }) => {
          await db
            .updateTable('case_studies')
            .set({ current_version: 9 })
            .where('slug', '=', 'hull-front-door')
            .execute();
        }),
        FOREIGN_KEY,
      );
      await rejectsWith(
        store.db
          .insertInto('outbox')
          .values({ entity: 'x', entity_id: 'y', version: 1, op: 'merge' as never, payload: '{}' })
          .execute(),
        CHECK,
      );
      await rejectsWith(
        store.db
          .insertInto('audit_log')
          .values({
            actor: null as never,
            action: 'a',
            entity_type: 'b',
            entity_id: 'c',
            before: null,
            after: null,
          })
          .execute(),
        NOT_NULL,
      );
      // Money without a price year is refused by the database itself.
      const portfolio = await store.portfolios.create({ organisationId: 'hull', name: 'Early help' }, 'u1');
      await rejectsWith(
        store.db
          .insertInto('portfolio_services')
          .values({
            id: crypto.randomUUID(),
            portfolio_id: portfolio.id,
            position: 0,
            name: 'Mentoring',
            provider: null,
            annual_cost_pence: 100,
            annual_cost_price_year: null,
            contract_end: null,
            cohort: null,
            participants_per_year: null,
            indicators: '[]',
            evidence_level: null,
            case_study_slugs: '[]',
          })
          .execute(),
        CHECK,
      );
      expect((await store.organisations.list()).map((o) => o.id)).toEqual(['hull']);
    });

    it('keeps case-study versions immutable and every edit as a new version', async () => {
      const first = await store.caseStudies.save({
        document: makeCaseStudy('edge-of-care'),
        actor: 'curator',
      });
      expect(first).toMatchObject({ outcome: 'created', version: 1 });
      expect(
        (await store.caseStudies.save({ document: makeCaseStudy('edge-of-care'), actor: 'curator' })).outcome,
      ).toBe('unchanged');
      const second = await store.caseStudies.save({
        document: makeCaseStudy('edge-of-care', { title: 'Council 1 redesigns its edge-of-care service' }),
        actor: 'curator',
        changeNote: 'Retitled',
      });
      expect(second).toMatchObject({ outcome: 'versioned', version: 2 });

      await rejectsWith(
        store.db
          .updateTable('case_study_versions')
          .set({ change_note: 'rewritten' })
          .where('slug', '=', 'edge-of-care')
          .execute(),
        RESTRICT,
      );
      await rejectsWith(
        store.db.deleteFrom('case_study_versions').where('slug', '=', 'edge-of-care').execute(),
        RESTRICT,
      );

      const versions = await store.caseStudies.versions('edge-of-care');
      expect(versions.map((v) => [v.version, v.document.title, v.changeNote])).toEqual([
        [1, 'Council 1 redesigns its early help front door', null],
        [2, 'Council 1 redesigns its edge-of-care service', 'Retitled'],
      ]);
      const current = await store.caseStudies.get('edge-of-care');
      expect(current).toMatchObject({ currentVersion: 2, status: 'published' });
      expect(current?.document.version).toBe(2);

      const withdrawn = await store.caseStudies.setStatus('edge-of-care', 'withdrawn', 'curator');
      expect(withdrawn).toMatchObject({ outcome: 'versioned', version: 3 });
      const messages = await store.outbox.pending();
      expect(messages.map((m) => [m.entityId, m.version, m.op])).toEqual([
        ['edge-of-care', 1, 'upsert'],
        ['edge-of-care', 2, 'upsert'],
        ['edge-of-care', 3, 'delete'],
      ]);
    });

    it('keeps the audit log append-only', async () => {
      const event = await store.audit.append({
        actor: 'admin',
        action: 'test.event',
        entityType: 'thing',
        entityId: '1',
        after: { a: 1 },
      });
      await rejectsWith(
        store.db.updateTable('audit_log').set({ actor: 'someone-else' }).where('id', '=', event.id).execute(),
        RESTRICT,
      );
      await rejectsWith(store.db.deleteFrom('audit_log').where('id', '=', event.id).execute(), RESTRICT);
      expect(await store.audit.list()).toEqual([event]);
    });

    it('seeds idempotently by content hash, and an edit becomes a new version with audit and outbox rows', async () => {
      const evidence = makeEvidence([makeCaseStudy('alpha-hub', {}, 1), makeCaseStudy('beta-hub', {}, 2)]);
      const first = await seedEvidence(store, evidence);
      expect(first).toMatchObject({ created: 2, versioned: 0, unchanged: 0 });
      expect(first.referenceSetsReplaced.sort()).toEqual(
        [
          'councils',
          'deflators',
          'discount-schedules',
          'indicators',
          'optimism-bias',
          'synonyms',
          'unit-costs',
        ].sort(),
      );
      const before = await exportLines(store);

      const again = await seedEvidence(store, evidence);
      expect(again).toEqual({
        created: 0,
        versioned: 0,
        unchanged: 2,
        referenceSetsReplaced: [],
        changes: 0,
      });
      expect(await exportLines(store)).toEqual(before);

      // Key order does not matter to the hash: the same content written differently is unchanged.
      const reordered = Object.fromEntries(Object.entries(makeCaseStudy('alpha-hub', {}, 1)).reverse());
      expect((await seedEvidence(store, { caseStudies: [{ value: reordered as never }] })).changes).toBe(0);

      const edited = makeEvidence([
        makeCaseStudy(
          'alpha-hub',
          { summary: 'Council 1 merged its teams and referrals fell by a fifth.' },
          1,
        ),
        makeCaseStudy('beta-hub', {}, 2),
      ]);
      const third = await seedEvidence(store, edited);
      expect(third).toMatchObject({ created: 0, versioned: 1, unchanged: 1, changes: 1 });
      expect((await store.caseStudies.versions('alpha-hub')).map((v) => v.version)).toEqual([1, 2]);
      expect((await store.caseStudies.get('alpha-hub'))?.document.summary).toBe(
        'Council 1 merged its teams and referrals fell by a fifth.',
      );
      const audit = await store.audit.list({ entityType: 'case-study', entityId: 'alpha-hub' });
      expect(audit.map((a) => a.action)).toEqual(['case-study.create', 'case-study.version']);
      const outbox = (await store.outbox.pending()).filter((m) => m.entityId === 'alpha-hub');
      expect(outbox.map((m) => [m.version, m.op])).toEqual([
        [1, 'upsert'],
        [2, 'upsert'],
      ]);

      // Reference data reads back as the schema objects it was loaded from.
      expect(await store.reference.councils()).toEqual(COUNCILS);
      expect(await store.reference.deflatorSeries()).toEqual(DEFLATORS);
      expect(await store.reference.discountSchedules()).toEqual(DISCOUNT_SCHEDULES);
      expect(await store.reference.unitCosts()).toEqual(UNIT_COSTS);
      expect(await store.reference.indicators()).toEqual(INDICATORS);
      expect(await store.reference.synonyms()).toEqual(SYNONYMS);
      expect(await store.reference.optimismBias()).toEqual({ 'standard-buildings': { upper: 24, lower: 2 } });

      // A changed reference set is replaced as a whole.
      const fewer = await seedEvidence(store, { caseStudies: [], councils: COUNCILS.slice(0, 1) });
      expect(fewer.referenceSetsReplaced).toEqual(['councils']);
      expect(await store.reference.councils()).toEqual(COUNCILS.slice(0, 1));
    });

    it('refuses invalid evidence without writing any of it', async () => {
      const broken = makeCaseStudy('gamma-hub', { councils: ['W06000001'] });
      let caught: unknown;
      try {
        await seedEvidence(store, makeEvidence([makeCaseStudy('ok-hub'), broken]));
      } catch (error) {
        caught = error;
      }
      expect(isStoreError(caught, 'INVALID_DOCUMENT')).toBe(true);
      expect((caught as { details: string[] }).details[0]).toMatch(
        /^case-studies\/gamma-hub\.yaml:2: councils\.0: /,
      );
      expect(await store.caseStudies.count()).toBe(0);
      expect(await store.reference.councils()).toEqual([]);
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        store.transaction(async (t) => {
          await t.organisations.create(
            { id: 'leeds', name: 'Leeds', kind: 'council', gssCode: 'E08000035' },
            'admin',
          );
          await t.caseStudies.save({ document: makeCaseStudy('leeds-family-valued'), actor: 'curator' });
          await seedEvidence(t, makeEvidence([makeCaseStudy('leeds-other')]));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.organisations.list()).toEqual([]);
      expect(await store.caseStudies.count()).toBe(0);
      expect(await store.audit.list()).toEqual([]);
      expect(await store.outbox.pending()).toEqual([]);
      expect(await store.reference.hashes()).toEqual({});
    });

    it('claims, completes and retries outbox messages with backoff', async () => {
      await seedEvidence(store, {
        caseStudies: ['one-hub', 'two-hub', 'three-hub'].map((slug, i) => ({
          value: makeCaseStudy(slug, {}, i),
        })),
      });
      expect(
        await store.outbox.enqueue({
          entity: 'case-study',
          entityId: 'one-hub',
          version: 1,
          op: 'upsert',
          payload: {},
        }),
      ).toBe(false);
      const t0 = Date.now() + 1000;
      const at = (ms: number) => ({ now: new Date(t0 + ms) });

      const firstTwo = await store.outbox.claim(2, at(0));
      expect(firstTwo.map((m) => [m.entityId, m.attempts])).toEqual([
        ['one-hub', 1],
        ['two-hub', 1],
      ]);
      expect((await store.outbox.claim(10, at(0))).map((m) => m.entityId)).toEqual(['three-hub']);
      const [one, two] = firstTwo as [(typeof firstTwo)[0], (typeof firstTwo)[0]];
      await store.outbox.complete([one.id], at(0));
      await store.outbox.fail(two.id, 'search index unavailable', at(0));

      expect(await store.outbox.claim(10, at(500))).toEqual([]);
      const retried = await store.outbox.claim(10, at(1500));
      expect(retried.map((m) => [m.entityId, m.attempts, m.lastError])).toEqual([
        ['two-hub', 2, 'search index unavailable'],
      ]);
      await store.outbox.fail(two.id, 'still unavailable', at(1500));
      // Second failure: 2 s backoff, so not due at +3 s but due at +4 s.
      expect(await store.outbox.claim(10, at(3000))).toEqual([]);
      expect((await store.outbox.claim(10, at(4000))).map((m) => m.attempts)).toEqual([3]);
      // After its lease expires, the unacknowledged third message is claimable again; the completed one never.
      const later = await store.outbox.claim(10, at(120_000));
      expect(later.map((m) => m.entityId)).toEqual(['two-hub', 'three-hub']);
      expect((await store.outbox.pending()).map((m) => m.entityId)).toEqual(['two-hub', 'three-hub']);
    });

    it('runs the submission workflow and publishes as a case-study version', async () => {
      await store.organisations.create(
        { id: 'hull', name: 'Hull', kind: 'council', gssCode: 'E06000010' },
        'admin',
      );
      const draft = await store.submissions.create({
        organisationId: 'hull',
        authorId: 'officer',
        document: { slug: 'hull-hub' },
      });
      expect(draft).toMatchObject({ status: 'draft', version: 1 });
      await expect(
        store.submissions.transition(draft.id, { to: 'published', actor: 'curator' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      const edited = await store.submissions.updateDraft(
        draft.id,
        makeCaseStudy('hull-hub') as never,
        1,
        'officer',
      );
      await expect(store.submissions.updateDraft(draft.id, {}, 1, 'officer')).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await store.submissions.transition(draft.id, {
        to: 'submitted',
        actor: 'officer',
        expectedVersion: edited.version,
      });
      await store.submissions.comment(draft.id, 'curator', 'Please add the running cost.');
      const published = await store.submissions.transition(draft.id, {
        to: 'published',
        actor: 'curator',
        comment: 'Looks good',
      });
      expect(published.status).toBe('published');
      expect((await store.submissions.events(draft.id)).map((e) => e.action)).toEqual([
        'submit',
        'comment',
        'publish',
      ]);
      expect(await store.caseStudies.get('hull-hub')).toMatchObject({
        organisationId: 'hull',
        currentVersion: 1,
        status: 'published',
      });
      expect((await store.submissions.list({ organisationId: 'hull' })).map((s) => s.id)).toEqual([draft.id]);
    });

    it('creates, reads, updates and removes portfolios', async () => {
      await store.organisations.create({ id: 'hull', name: 'Hull', kind: 'council' }, 'admin');
      const created = await store.portfolios.create(
        {
          organisationId: 'hull',
          name: 'Early help',
          thresholds: { contractWindowMonths: 18 },
          services: [
            {
              name: 'Mentoring',
              description: 'One-to-one mentoring for young people at risk of exclusion.',
              provider: 'Charity A',
              annualCost: { pence: 12_000_000, priceYear: '2024-25' },
              contractEnd: '2026-03-31',
              cohort: { description: 'Young people at risk of exclusion', ageRange: { min: 11, max: 16 } },
              participantsPerYear: 120,
              indicators: [
                {
                  indicator: 'referrals-rate',
                  baseline: { value: 600, year: '2021-22' },
                  latest: { value: 550, year: '2023-24' },
                },
              ],
              evidenceLevel: 1,
              deliveryStartYear: 2019,
              caseStudySlugs: ['alpha-hub'],
              interventionNames: ['Mentoring'],
            },
            { name: 'Parenting groups' },
          ],
        },
        'officer',
      );
      expect(created.services.map((s) => s.name)).toEqual(['Mentoring', 'Parenting groups']);
      expect(created.thresholds).toEqual({ contractWindowMonths: 18 });
      expect(await store.portfolios.get(created.id)).toEqual(created);
      // Every field of the decommissioning model survives the round trip, years and all.
      expect(created.services[0]).toMatchObject({
        description: 'One-to-one mentoring for young people at risk of exclusion.',
        annualCost: { pence: 12_000_000, priceYear: '2024-25' },
        contractEnd: '2026-03-31',
        cohort: { ageRange: { min: 11, max: 16 }, needLevels: [] },
        indicators: [{ baseline: { value: 600, year: '2021-22' }, latest: { value: 550, year: '2023-24' } }],
        deliveryStartYear: 2019,
        interventionNames: ['Mentoring'],
      });
      const [mentoring] = created.services;
      // A service that keeps its id keeps it; one with a foreign or no id gets a new one.
      const updated = await store.portfolios.update(
        created.id,
        {
          thresholds: { weakEvidenceAfterYears: 2 },
          services: [
            { ...mentoring, name: 'Mentoring (renamed)' },
            { id: crypto.randomUUID(), name: 'Family group conferencing' },
          ],
        },
        'officer',
      );
      expect(updated.services.map((s) => s.name)).toEqual([
        'Mentoring (renamed)',
        'Family group conferencing',
      ]);
      expect(updated.services[0]?.id).toBe(mentoring?.id);
      expect(updated.thresholds).toEqual({ weakEvidenceAfterYears: 2 });
      await expect(
        store.portfolios.update(created.id, { services: [{ name: '' }] }, 'officer'),
      ).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' });
      await expect(
        store.portfolios.update(created.id, { thresholds: { costPercentile: 10 } }, 'officer'),
      ).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' });
      expect((await store.portfolios.list('hull')).map((p) => p.services.length)).toEqual([2]);

      const added = await store.portfolios.addService(created.id, { name: 'Youth club' }, 'officer');
      const replaced = await store.portfolios.replaceService(
        created.id,
        added.id,
        { name: 'Youth club (detached)', provider: 'Council' },
        'officer',
      );
      expect(replaced).toMatchObject({ id: added.id, name: 'Youth club (detached)', provider: 'Council' });
      expect((await store.portfolios.get(created.id))?.services.map((s) => s.name)).toEqual([
        'Mentoring (renamed)',
        'Family group conferencing',
        'Youth club (detached)',
      ]);
      await expect(
        store.portfolios.replaceService(created.id, crypto.randomUUID(), { name: 'X' }, 'officer'),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.portfolios.removeService(created.id, added.id, 'officer')).toBe(true);
      expect(await store.portfolios.removeService(created.id, added.id, 'officer')).toBe(false);
      expect(await store.portfolios.remove(created.id, 'officer')).toBe(true);
      expect(await store.portfolios.get(created.id)).toBeUndefined();
      expect(await store.portfolios.get('not-a-uuid')).toBeUndefined();
    });

    it('migration 0003 turns services stored before it into documents without inventing figures', async () => {
      // A fresh database stopped at 0002, as a deployment from before portfolio documents would be.
      const old = await createStore({ engine: 'pglite' });
      try {
        const migrator = new Migrator({
          db: old.db,
          provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
          migrationTableName: 'costed_migrations',
        });
        await migrator.migrateTo('0002-identity');
        await old.db
          .insertInto('organisations')
          .values({ id: 'hull', name: 'Hull', kind: 'council' })
          .execute();
        const portfolioId = crypto.randomUUID();
        const serviceId = crypto.randomUUID();
        await old.db
          .insertInto('portfolios')
          .values({
            id: portfolioId,
            organisation_id: 'hull',
            name: 'Old',
            created_at: '2024-01-01T00:00:00Z',
            updated_at: '2024-01-01T00:00:00Z',
          } as never)
          .execute();
        await old.db
          .insertInto('portfolio_services')
          .values({
            id: serviceId,
            portfolio_id: portfolioId,
            position: 0,
            name: 'Mentoring',
            provider: 'Charity A',
            annual_cost_pence: 12_000_000,
            annual_cost_price_year: '2024-25',
            contract_end: '2026-03-31',
            cohort: 'Young people at risk of exclusion',
            participants_per_year: 120,
            indicators: '[{"indicator":"referrals-rate","baseline":600,"latest":550}]',
            evidence_level: 1,
            case_study_slugs: '["alpha-hub"]',
          } as never)
          .execute();
        expect(await old.migrate()).toEqual(['0003-portfolios']);
        const migrated = await old.portfolios.get(portfolioId);
        expect(migrated?.thresholds).toEqual({});
        expect(migrated?.services).toEqual([
          {
            id: serviceId,
            name: 'Mentoring',
            description: null,
            provider: 'Charity A',
            annualCost: { pence: 12_000_000, priceYear: '2024-25' },
            contractEnd: '2026-03-31',
            cohort: { description: 'Young people at risk of exclusion', ageRange: null, needLevels: [] },
            participantsPerYear: 120,
            // 0002 kept values without years: the document keeps the indicator, not a guessed year.
            indicators: [{ indicator: 'referrals-rate', baseline: null, latest: null }],
            evidenceLevel: 1,
            deliveryStartYear: null,
            caseStudySlugs: ['alpha-hub'],
            interventionNames: [],
          },
        ]);
        // The old values themselves are still in their column.
        const raw = await old.db
          .selectFrom('portfolio_services')
          .select('indicators')
          .executeTakeFirstOrThrow();
        expect(raw.indicators).toEqual([{ indicator: 'referrals-rate', baseline: 600, latest: 550 }]);
      } finally {
        await old.close();
      }
    });

    it('appends portfolio decisions with an audit event each, and the database refuses to change them', async () => {
      await store.organisations.create({ id: 'hull', name: 'Hull', kind: 'council' }, 'admin');
      const portfolio = await store.portfolios.create(
        { organisationId: 'hull', name: 'Services', services: [{ name: 'Mentoring' }] },
        'officer',
      );
      const serviceId = portfolio.services[0]?.id ?? '';
      const rationale = 'The contract ends in March and the outcome data is two years old.';
      const first = await store.portfolios.recordDecision(
        portfolio.id,
        { serviceId, decision: 'evaluate', rationale, decidedBy: 'A. Officer', decidedOn: '2025-01-10' },
        'user-1',
      );
      const second = await store.portfolios.recordDecision(
        portfolio.id,
        {
          serviceId,
          decision: 'keep',
          rationale: `${rationale} The evaluation came back positive.`,
          decidedBy: 'A. Officer',
          decidedOn: '2025-06-01',
          recommendation: 'evaluate-before-deciding',
          reviewedOn: '2025-05-30',
        },
        'user-1',
      );
      expect(first).toMatchObject({
        serviceId,
        decision: 'evaluate',
        organisationId: 'hull',
        actor: 'user-1',
      });
      expect((await store.portfolios.decisions(portfolio.id, serviceId)).map((d) => d.decision)).toEqual([
        'evaluate',
        'keep',
      ]);
      expect((await store.portfolios.latestDecisions(portfolio.id)).get(serviceId)).toEqual(second);
      const audit = await store.audit.list({ entityType: 'portfolio', entityId: portfolio.id });
      expect(audit.filter((e) => e.action === 'portfolio.decision')).toHaveLength(2);
      await expect(
        store.portfolios.recordDecision(
          portfolio.id,
          { serviceId, decision: 'keep', rationale: 'too short', decidedBy: 'A', decidedOn: '2025-01-10' },
          'user-1',
        ),
      ).rejects.toMatchObject({ code: 'INVALID_DOCUMENT' });
      await expect(
        store.portfolios.recordDecision(
          portfolio.id,
          {
            serviceId: crypto.randomUUID(),
            decision: 'keep',
            rationale,
            decidedBy: 'A',
            decidedOn: '2025-01-10',
          },
          'user-1',
        ),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        store.db.updateTable('portfolio_decisions').set({ decision: 'decommission' }).execute(),
      ).rejects.toThrow(/immutable/);
      await expect(store.db.deleteFrom('portfolio_decisions').execute()).rejects.toThrow(/immutable/);
      // Deleting the portfolio keeps the record of what was decided.
      expect(await store.portfolios.remove(portfolio.id, 'officer')).toBe(true);
      expect(await store.portfolios.decisions(portfolio.id)).toHaveLength(2);
    });

    it('stores organisation API keys only as hashes, audits creation and revocation, and keeps them out of the export', async () => {
      await store.organisations.create({ id: 'hull', name: 'Hull', kind: 'council' }, 'admin');
      const hash = 'a'.repeat(64);
      const key = await store.apiKeys.create(
        {
          id: 'key-1',
          organisationId: 'hull',
          name: 'CI',
          displayPrefix: 'costed_abc',
          hash,
          scopes: ['submissions:read'],
        },
        'officer',
      );
      expect(key).toMatchObject({ hash, scopes: ['submissions:read'], revokedAt: null, lastUsedAt: null });
      expect((await store.apiKeys.findByHash(hash))?.id).toBe('key-1');
      await rejectsWith(
        store.apiKeys.create(
          { id: 'key-2', organisationId: 'hull', name: 'dup', displayPrefix: 'costed_abc', hash, scopes: [] },
          'officer',
        ),
        UNIQUE,
      );
      await rejectsWith(
        store.apiKeys.create(
          {
            id: 'key-3',
            organisationId: 'hull',
            name: 'plain',
            displayPrefix: 'costed_abc',
            hash: 'costed_plaintext',
            scopes: [],
          },
          'officer',
        ),
        CHECK,
      );
      await store.apiKeys.touch('key-1', '2026-11-23T10:00:00.000Z');
      expect((await store.apiKeys.get('key-1'))?.lastUsedAt).toMatch(/^2026-11-23T10:00:00/);
      const revoked = await store.apiKeys.revoke('key-1', 'officer');
      expect(revoked.revokedAt).not.toBeNull();
      expect((await store.apiKeys.revoke('key-1', 'someone-else')).revokedBy).toBe('officer');
      await expect(store.apiKeys.revoke('nope', 'officer')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const actions = (await store.audit.list({ entityType: 'api-key' })).map((e) => e.action).sort();
      expect(actions).toEqual(['api-key.create', 'api-key.revoke']);
      const lines: string[] = [];
      await exportAll(store, (line) => lines.push(line));
      expect(lines.join('\n')).not.toContain(hash);
    });

    it('exports and re-imports the whole store byte for byte', async () => {
      await store.organisations.create(
        { id: 'hull', name: 'Hull', kind: 'council', gssCode: 'E06000010' },
        'admin',
      );
      await store.organisations.setMember(
        { userId: 'officer', organisationId: 'hull', role: 'council-member' },
        'admin',
      );
      await seedEvidence(
        store,
        makeEvidence([makeCaseStudy('alpha-hub', {}, 1), makeCaseStudy('beta-hub', {}, 2)]),
      );
      await store.caseStudies.save({
        document: makeCaseStudy('alpha-hub', { tags: ['edited'] }, 1),
        actor: 'curator',
      });
      const submission = await store.submissions.create({
        organisationId: 'hull',
        authorId: 'officer',
        document: { title: 'Draft' },
      });
      await store.submissions.transition(submission.id, { to: 'submitted', actor: 'officer' });
      const portfolio = await store.portfolios.create(
        {
          organisationId: 'hull',
          name: 'Services',
          thresholds: { contractWindowMonths: 9 },
          services: [{ name: 'Mentoring', annualCost: { pence: 5, priceYear: '2024' } }],
        },
        'officer',
      );
      await store.portfolios.recordDecision(
        portfolio.id,
        {
          serviceId: portfolio.services[0]?.id ?? '',
          decision: 'evaluate',
          rationale: 'No outcome data yet: evaluate before deciding whether to keep the service.',
          decidedBy: 'A. Officer',
          decidedOn: '2025-01-10',
        },
        'officer',
      );
      const [claimed] = await store.outbox.claim(1);
      if (claimed) await store.outbox.fail(claimed.id, 'boom');

      const progress: number[] = [];
      const first = await exportLines(store);
      expect(first[0]).toBe('{"type":"header","format":"costed-store","formatVersion":1}');
      const types = new Set(first.map((l) => (JSON.parse(l) as { type: string }).type));
      for (const type of [
        'organisation',
        'member',
        'reference-set',
        'council',
        'deflator-series',
        'case-study',
        'case-study-version',
        'submission',
        'review-event',
        'portfolio',
        'portfolio-service',
        'portfolio-decision',
        'audit',
        'outbox',
      ]) {
        expect(types, type).toContain(type);
      }

      await expect(importAll(store, first)).rejects.toMatchObject({ code: 'IMPORT_TARGET_NOT_EMPTY' });
      await truncateAll(store);
      const result = await importAll(
        store,
        (async function* () {
          yield* first;
        })(),
        (p) => progress.push(p.records),
      );
      expect(result.records).toBe(first.length);
      expect(progress.at(-1)).toBe(first.length);
      const second = await exportLines(store);
      expect(second.join('\n')).toBe(first.join('\n'));
      // The richer portfolio fields survive the round trip, not only the columns.
      const restored = await store.portfolios.get(portfolio.id);
      expect(restored?.thresholds).toEqual(portfolio.thresholds);
      expect(restored?.services).toEqual(portfolio.services);
      expect((await store.portfolios.decisions(portfolio.id)).map((d) => d.decision)).toEqual(['evaluate']);

      // Sequences continue after the imported ids.
      const next = await store.audit.append({
        actor: 'admin',
        action: 'after.import',
        entityType: 'x',
        entityId: '1',
      });
      const maxImported = Math.max(
        ...first
          .map((l) => JSON.parse(l) as { type: string; id?: number })
          .filter((r) => r.type === 'audit')
          .map((r) => r.id ?? 0),
      );
      expect(next.id).toBe(maxImported + 1);
    });

    it('rejects an invalid import file, naming the line, and writes nothing', async () => {
      await seedEvidence(store, makeEvidence([makeCaseStudy('alpha-hub')]));
      const lines = await exportLines(store);
      await truncateAll(store);
      const index = lines.findIndex((l) => l.includes('"type":"case-study-version"'));
      const broken = [...lines];
      const record = JSON.parse(lines[index] ?? '{}') as { document: { slug: string } };
      record.document.slug = 'Not A Slug';
      broken[index] = JSON.stringify(record);
      broken.splice(1, 0, '{"type":"mystery"}', 'not json');

      let caught: unknown;
      try {
        await importAll(store, broken);
      } catch (error) {
        caught = error;
      }
      expect(isStoreError(caught, 'IMPORT_INVALID')).toBe(true);
      const details = (caught as { details: string[] }).details;
      expect(details[0]).toMatch(/^line 2: type: /);
      expect(details[1]).toMatch(/^line 3: \(record\): not JSON/);
      expect(details).toContainEqual(
        expect.stringMatching(new RegExp(`^line ${index + 3}: document\\.slug: `)),
      );
      expect(await store.reference.hashes()).toEqual({});
      expect(await store.caseStudies.count()).toBe(0);
      expect(await store.audit.list()).toEqual([]);
    });
  });
}
