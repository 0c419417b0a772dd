import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPriceConverter,
  improvementAsCount,
  measureImpact,
  type PriceConverter,
  summariseCaseStudyCosts,
} from '@costed/costing';
import {
  DecisionRecord,
  type EvidenceComparator,
  type ImportError,
  importPortfolio,
  isDecommissioningError,
  type PortfolioReview,
  type PortfolioServiceInput,
  type ReviewThresholds,
  type ReviewThresholdsInput,
  reviewPortfolio,
} from '@costed/decommissioning';
import { escapeXml, type TableData, writeCsv, writeXlsx } from '@costed/exports';
import type { CaseStudy, PriceYear } from '@costed/schema';
import {
  isStoreError,
  type Portfolio,
  type PortfolioDecision,
  type Store,
  type StoredPortfolioService,
} from '@costed/store';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import type { Principal } from '../lib/access.ts';
import { organisationsOf } from '../lib/access.ts';
import type { ReferenceSnapshot } from './reference-cache.ts';

export interface PortfolioDeps {
  store: Store;
  reference: { get(): Promise<ReferenceSnapshot> };
}

/** What the commissioner sends; who decided and when are taken from the session and the clock. */
export const DecisionBody = DecisionRecord.omit({ serviceId: true, decidedBy: true, decidedOn: true });

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Portfolios are private commissioning data. Only a signed-in member of the owning council (or an admin) may
 * touch one; API keys carry submission scopes only, so they are refused outright.
 */
function requireUser(principal: Principal): Extract<Principal, { kind: 'user' }> {
  if (principal.kind !== 'user') {
    throw new ApiError(
      'forbidden',
      'Portfolios are private commissioning data that API keys cannot read or change: sign in as a member of the council.',
    );
  }
  return principal;
}

function actorOf(principal: Principal): string {
  return requireUser(principal).userId;
}

function notFound(id: string): ApiError {
  return new ApiError(
    'not-found',
    `No portfolio ${id} is visible to you. Check the id, or sign in as a member of the council that owns it.`,
  );
}

function mayManage(principal: Principal, organisationId: string): boolean {
  const user = requireUser(principal);
  return user.role === 'admin' || organisationsOf(user).includes(organisationId);
}

/** Loads a portfolio the caller may see; another council's answers 404 so its existence does not leak. */
export async function loadPortfolio(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
): Promise<Portfolio> {
  requireUser(principal);
  const portfolio = await deps.store.portfolios.get(id);
  if (!portfolio || !mayManage(principal, portfolio.organisationId)) throw notFound(id);
  return portfolio;
}

function mapStoreError(error: unknown): never {
  if (isStoreError(error, 'INVALID_DOCUMENT')) {
    const details = ((error as unknown as { details?: string[] }).details ?? []).map((d) => {
      const [path = '', ...rest] = d.split(': ');
      return { path: `body.${path}`, message: rest.join(': ') };
    });
    throw new ApiError('validation-failed', error.message, { errors: details });
  }
  if (isStoreError(error, 'NOT_FOUND')) throw new ApiError('not-found', error.message);
  if (isStoreError(error, 'CONFLICT')) throw new ApiError('conflict', error.message);
  throw error;
}

/**
 * Refuses indicators outside the taxonomy, naming each by its path in the request: `body.services.N.…` for
 * a portfolio's list, `body.…` for one service (pass `'body'`).
 */
async function indicatorCheck(
  deps: PortfolioDeps,
  services: readonly PortfolioServiceInput[],
  pathOf: (serviceIndex: number) => string = (si) => `body.services.${si}`,
): Promise<void> {
  const { indicatorsById } = await deps.reference.get();
  const errors = services.flatMap((s, si) =>
    (s.indicators ?? []).flatMap((i, ii) =>
      indicatorsById.has(i.indicator)
        ? []
        : [
            {
              path: `${pathOf(si)}.indicators.${ii}.indicator`,
              message: `"${i.indicator}" is not an indicator in the taxonomy: see GET /v1/reference/indicators.`,
            },
          ],
    ),
  );
  if (errors.length > 0) {
    throw new ApiError('validation-failed', `${errors.length} indicator(s) are not in the taxonomy.`, {
      errors,
    });
  }
}

export async function listPortfolios(deps: PortfolioDeps, principal: Principal, organisationId?: string) {
  const user = requireUser(principal);
  const mine = organisationsOf(user);
  const orgs = organisationId ? [organisationId] : mine;
  if (organisationId && user.role !== 'admin' && !mine.includes(organisationId)) return [];
  const out: Portfolio[] = [];
  for (const org of orgs) out.push(...(await deps.store.portfolios.list(org)));
  return out;
}

export async function createPortfolio(
  deps: PortfolioDeps,
  principal: Principal,
  body: {
    organisationId?: string | undefined;
    name: string;
    thresholds?: ReviewThresholdsInput | undefined;
    services?: PortfolioServiceInput[] | undefined;
  },
): Promise<Portfolio> {
  const user = requireUser(principal);
  const mine = organisationsOf(user);
  const organisationId = body.organisationId ?? (mine.length === 1 ? mine[0] : undefined);
  if (!organisationId) {
    throw new ApiError(
      'validation-failed',
      'You belong to several organisations (or none): name organisationId.',
      {
        errors: [
          { path: 'body.organisationId', message: 'Required when you belong to several organisations' },
        ],
      },
    );
  }
  if (!mayManage(user, organisationId)) {
    throw new ApiError(
      'forbidden',
      `You are not a member of ${organisationId}, so you cannot keep its portfolio.`,
    );
  }
  await indicatorCheck(deps, body.services ?? []);
  try {
    return await deps.store.portfolios.create(
      {
        organisationId,
        name: body.name,
        ...(body.thresholds ? { thresholds: body.thresholds } : {}),
        ...(body.services ? { services: body.services } : {}),
      },
      actorOf(user),
    );
  } catch (error) {
    mapStoreError(error);
  }
}

export async function updatePortfolio(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  body: { name?: string | undefined; thresholds?: ReviewThresholdsInput | undefined },
): Promise<Portfolio> {
  await loadPortfolio(deps, principal, id);
  try {
    return await deps.store.portfolios.update(
      id,
      {
        ...(body.name ? { name: body.name } : {}),
        ...(body.thresholds ? { thresholds: body.thresholds } : {}),
      },
      actorOf(principal),
    );
  } catch (error) {
    mapStoreError(error);
  }
}

export async function deletePortfolio(deps: PortfolioDeps, principal: Principal, id: string): Promise<void> {
  await loadPortfolio(deps, principal, id);
  await deps.store.portfolios.remove(id, actorOf(principal));
}

export async function addService(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  service: PortfolioServiceInput,
): Promise<StoredPortfolioService> {
  await loadPortfolio(deps, principal, id);
  await indicatorCheck(deps, [service], () => 'body');
  try {
    return await deps.store.portfolios.addService(id, service, actorOf(principal));
  } catch (error) {
    mapStoreError(error);
  }
}

export async function replaceService(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  serviceId: string,
  service: PortfolioServiceInput,
): Promise<StoredPortfolioService> {
  await loadPortfolio(deps, principal, id);
  await indicatorCheck(deps, [service], () => 'body');
  try {
    return await deps.store.portfolios.replaceService(id, serviceId, service, actorOf(principal));
  } catch (error) {
    mapStoreError(error);
  }
}

export async function removeService(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  serviceId: string,
) {
  await loadPortfolio(deps, principal, id);
  const removed = await deps.store.portfolios.removeService(id, serviceId, actorOf(principal));
  if (!removed) throw new ApiError('not-found', `Portfolio ${id} has no service ${serviceId}.`);
}

export type ImportMode = 'replace' | 'append';

/**
 * Imports a CSV or XLSX file. Everything is validated before anything is written; any problem answers 422 with
 * every row-level error and the store is untouched. A valid file replaces the services (`replace`, the
 * default) or adds them after the existing ones (`append`) in one transaction.
 */
export async function importServices(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  input: { bytes: Uint8Array; mode: ImportMode; filename?: string | undefined; limitBytes: number },
): Promise<Portfolio> {
  await loadPortfolio(deps, principal, id);
  const { indicators } = await deps.reference.get();
  const result = await importPortfolio(input.bytes, {
    ...(input.filename ? { filename: input.filename } : {}),
    limits: { maxBytes: input.limitBytes },
    indicators,
  });
  if (!result.ok) {
    const tooLarge = result.errors.find((e: ImportError) => e.code === 'file-too-large');
    if (tooLarge) throw new ApiError('payload-too-large', tooLarge.message);
    const wrongType = result.errors.find((e: ImportError) => e.code === 'unsupported-file-type');
    if (wrongType) throw new ApiError('unsupported-media-type', wrongType.message);
    throw new ApiError(
      'unprocessable',
      `The file has ${result.errors.length} problem(s); nothing was imported. Fix them and upload the whole file again.`,
      {
        errors: result.errors.map((e) => ({
          path:
            e.row === null
              ? 'file'
              : e.column === null
                ? `row ${e.row}`
                : `row ${e.row}, column "${e.column}"`,
          message: e.message,
          code: e.code,
        })),
      },
    );
  }
  try {
    return await deps.store.transaction(async (scope) => {
      const current = await scope.portfolios.get(id);
      if (!current) throw notFound(id);
      const services: PortfolioServiceInput[] =
        input.mode === 'append' ? [...current.services, ...result.services] : result.services;
      return scope.portfolios.update(id, { services }, actorOf(principal));
    });
  } catch (error) {
    mapStoreError(error);
  }
}

function directionalPercent(improvement: number, baseline: number): number | null {
  return baseline === 0 ? null : (improvement * 100) / Math.abs(baseline);
}

/**
 * Comparators from published case studies: for each outcome with a baseline and a follow-up, the case study's
 * improvement (% of baseline, positive = better), its cost per participant where reported, and its cost per
 * outcome improved where the whole cost is reported and the improvement can be counted. Gaps stay gaps.
 */
export function comparatorsFrom(
  caseStudies: readonly CaseStudy[],
  converter: PriceConverter,
  priceYear: PriceYear,
): EvidenceComparator[] {
  const out: EvidenceComparator[] = [];
  for (const cs of caseStudies) {
    const costs = summariseCaseStudyCosts(cs, converter, priceYear);
    const wholeCost = costs.notReportedLines === 0 ? costs.totalPence : null;
    for (const outcome of cs.outcomes) {
      if (!outcome.baseline) continue;
      const impact = measureImpact(outcome);
      let costPerOutcomePence: number | null = null;
      if (wholeCost !== null && wholeCost > 0) {
        try {
          const improved = improvementAsCount(outcome);
          if (improved > 0) costPerOutcomePence = wholeCost / improved;
        } catch {
          // A score, or a rate without a population, cannot be counted: no cost per outcome.
        }
      }
      out.push({
        slug: cs.slug,
        indicator: outcome.indicator,
        priceYear,
        costPerOutcomePence,
        costPerParticipantPence: costs.perParticipantPence,
        improvementPercent: directionalPercent(impact.improvement, outcome.baseline.value),
        evidenceLevel: cs.evidence.level,
        intervention: cs.intervention.name,
      });
    }
  }
  return out;
}

type ServiceResult = PortfolioReview['results'][number];

export type ReviewWithDecisions = Omit<PortfolioReview, 'results'> & {
  portfolio: { id: string; name: string; organisationId: string };
  results: (Omit<ServiceResult, 'service'> & {
    service: ServiceResult['service'] & { id: string };
    latestDecision: PortfolioDecision | null;
  })[];
};

/** Runs the rules over a portfolio at a price year, with comparators from the published evidence. */
export async function reviewPortfolioById(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  priceYear: PriceYear,
): Promise<ReviewWithDecisions> {
  const portfolio = await loadPortfolio(deps, principal, id);
  const reference = await deps.reference.get();
  const converter = createPriceConverter(reference.deflators);
  const published = await deps.store.caseStudies.list({ status: 'published' });
  let review: PortfolioReview;
  try {
    review = reviewPortfolio(portfolio.services, {
      thresholds: portfolio.thresholds,
      today: today(),
      indicators: reference.indicators.map((i) => ({
        id: i.id,
        name: i.name,
        unit: i.unit,
        betterDirection: i.betterDirection,
      })),
      deflators: reference.deflators,
      comparators: comparatorsFrom(
        published.map((r) => r.document),
        converter,
        priceYear,
      ),
      priceYear,
    });
  } catch (error) {
    if (isDecommissioningError(error)) throw new ApiError('unprocessable', error.message);
    throw error;
  }
  const latest = await deps.store.portfolios.latestDecisions(id);
  return {
    ...review,
    portfolio: { id: portfolio.id, name: portfolio.name, organisationId: portfolio.organisationId },
    results: review.results.map((r) => {
      // The rules review the stored services themselves, and the store gives every stored service its id; the
      // answer promises it (pages link to each service by it).
      const serviceId = r.service.id;
      if (serviceId === undefined) throw new Error(`A stored service of portfolio ${id} has no id.`);
      return {
        ...r,
        service: { ...r.service, id: serviceId },
        latestDecision: latest.get(serviceId) ?? null,
      };
    }),
  };
}

export async function recordDecision(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  serviceId: string,
  body: z.output<typeof DecisionBody>,
): Promise<PortfolioDecision> {
  await loadPortfolio(deps, principal, id);
  const user = requireUser(principal);
  try {
    return await deps.store.portfolios.recordDecision(
      id,
      { ...body, serviceId, decidedBy: user.name || user.email, decidedOn: today() },
      user.userId,
    );
  } catch (error) {
    mapStoreError(error);
  }
}

export async function listDecisions(
  deps: PortfolioDeps,
  principal: Principal,
  id: string,
  serviceId: string,
) {
  const portfolio = await loadPortfolio(deps, principal, id);
  if (!portfolio.services.some((s) => s.id === serviceId)) {
    // A removed service's history is still kept; only refuse ids this portfolio never decided about.
    const history = await deps.store.portfolios.decisions(id, serviceId);
    if (history.length === 0) throw new ApiError('not-found', `Portfolio ${id} has no service ${serviceId}.`);
    return history;
  }
  return deps.store.portfolios.decisions(id, serviceId);
}

export const REVIEW_COLUMNS = [
  { name: 'service_id', type: 'string', description: 'The service id.', required: true },
  { name: 'service', type: 'string', description: 'Service name.', required: true },
  { name: 'provider', type: 'string', description: 'Who delivers it.' },
  {
    name: 'recommendation',
    type: 'string',
    description: 'What the rules suggest looking at.',
    required: true,
  },
  { name: 'rule', type: 'string', description: 'The rule that fired (empty when none did).' },
  { name: 'severity', type: 'string', description: 'info, warning or concern.' },
  { name: 'indicator', type: 'string', description: 'The indicator the flag is about, if any.' },
  { name: 'comparators', type: 'string', description: 'Case-study slugs used as evidence, separated by ;.' },
  { name: 'threshold', type: 'string', description: 'The thresholds the rule applied.' },
  { name: 'explanation', type: 'string', description: 'The flag (or the recommendation) in one sentence.' },
  { name: 'decision', type: 'string', description: 'The latest decision recorded.' },
  { name: 'decided_on', type: 'string', description: 'When it was decided.' },
  { name: 'decision_rationale', type: 'string', description: 'Why.' },
] as const;

/** One row per flag (and one per service without flags), so a spreadsheet can filter by rule. */
export function reviewTable(review: ReviewWithDecisions): TableData {
  const rows: Record<string, unknown>[] = [];
  for (const r of review.results) {
    const base = {
      service_id: r.service.id ?? '',
      service: r.service.name,
      provider: r.service.provider ?? '',
      recommendation: r.recommendation,
      decision: r.latestDecision?.decision ?? '',
      decided_on: r.latestDecision?.decidedOn ?? '',
      decision_rationale: r.latestDecision?.rationale ?? '',
    };
    if (r.flags.length === 0) rows.push({ ...base, explanation: r.explanation });
    for (const f of r.flags) {
      rows.push({
        ...base,
        rule: f.rule,
        severity: f.severity,
        indicator: f.evidence.indicator ?? '',
        comparators: f.evidence.comparatorSlugs.join('; '),
        threshold: Object.entries(f.threshold)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        explanation: f.explanation,
      });
    }
  }
  return { columns: REVIEW_COLUMNS, rows };
}

export function reviewCsv(review: ReviewWithDecisions): string {
  return writeCsv(reviewTable(review), { bom: true });
}

export async function reviewXlsx(review: ReviewWithDecisions): Promise<Uint8Array> {
  return writeXlsx(
    [
      {
        ...reviewTable(review),
        name: 'review',
        title: `Decommissioning review: ${review.portfolio.name}`,
        description: 'One row per flag; services without flags have one row with their recommendation.',
      },
    ],
    {
      title: `Decommissioning review: ${review.portfolio.name}`,
      licence: 'Private to the council that owns the portfolio',
      generatedAt: new Date().toISOString(),
      priceYear: review.priceYear,
      methodStamp: { ...review.methodStamp },
      notes: [
        `Thresholds: ${thresholdText(review.thresholds)}`,
        'Rules inform a decision and never make it; missing evidence is never on its own a reason to decommission.',
      ],
    },
  );
}

function thresholdText(thresholds: ReviewThresholds): string {
  return Object.entries(thresholds)
    .map(([k, v]) => `${k} = ${v}`)
    .join('; ');
}

const RECOMMENDATION_TEXT: Record<string, string> = {
  keep: 'Keep',
  review: 'Review',
  'consider-decommissioning': 'Consider decommissioning',
  'evaluate-before-deciding': 'Evaluate before deciding',
};

const PRINT_CSS = `body{font-family:system-ui,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;line-height:1.4;margin:2rem;color:#0b0c0c}
table{border-collapse:collapse;width:100%;margin:0.5rem 0 1rem}th,td{border:1px solid #b1b4b6;padding:0.3rem 0.5rem;text-align:left;vertical-align:top}
h2{margin-top:2rem;page-break-after:avoid}section{page-break-inside:avoid}dl{display:grid;grid-template-columns:max-content 1fr;gap:0.2rem 1rem}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}`;

/** A self-contained, script-free report for a cabinet paper: every text is escaped; the only style is inline CSS. */
export function reviewHtml(review: ReviewWithDecisions): string {
  const e = (value: unknown) => escapeXml(String(value ?? ''));
  const thresholds = Object.entries(review.thresholds)
    .map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`)
    .join('');
  const services = review.results
    .map((r) => {
      const flags =
        r.flags.length === 0
          ? '<p>No rule fired.</p>'
          : `<ul>${r.flags
              .map(
                (f) =>
                  `<li><strong>${e(f.rule)}</strong> (${e(f.severity)}): ${e(f.explanation)}${
                    f.evidence.comparatorSlugs.length
                      ? ` Evidence: ${e(f.evidence.comparatorSlugs.join(', '))}.`
                      : ''
                  }</li>`,
              )
              .join('')}</ul>`;
      const decision = r.latestDecision
        ? `<p><strong>Decision:</strong> ${e(r.latestDecision.decision)} on ${e(r.latestDecision.decidedOn)} by ${e(r.latestDecision.decidedBy)}. ${e(r.latestDecision.rationale)}</p>`
        : '<p><strong>Decision:</strong> none recorded.</p>';
      return `<section><h2>${e(r.service.name)}</h2>
<p><strong>Recommendation:</strong> ${e(RECOMMENDATION_TEXT[r.recommendation] ?? r.recommendation)}. ${e(r.explanation)}</p>
${flags}
${decision}</section>`;
    })
    .join('\n');
  const stamp = review.methodStamp;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Decommissioning review: ${e(review.portfolio.name)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<h1>Decommissioning review: ${e(review.portfolio.name)}</h1>
<dl>
<dt>Reviewed on</dt><dd>${e(review.reviewedOn)}</dd>
<dt>Price year</dt><dd>${e(review.priceYear)}</dd>
<dt>Method</dt><dd>method ${e(stamp.methodVersion)}, rules ${e(stamp.rulesVersion)}, deflators ${e(stamp.deflatorRelease ?? 'not needed')}</dd>
</dl>
<p>The rules inform a commissioner's decision and never make it. Missing evidence is never on its own a reason to decommission: it leads to "evaluate before deciding".</p>
<h2>Thresholds used</h2>
<table><tbody>${thresholds}</tbody></table>
${services}
</body>
</html>
`;
}

const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../data/templates');

/** The committed import templates (generated by @costed/decommissioning), read once. */
export function readTemplate(file: 'portfolio-template.csv' | 'portfolio-template.xlsx'): Buffer {
  return readFileSync(join(TEMPLATE_DIR, file));
}
