import type { CaseStudy, CostLine, OutcomeMeasure, StudyDesign } from '@costed/schema';
import { createRandom, type Random } from './random.ts';
import {
  BODY_SENTENCES,
  DELIVERY_MODELS,
  EVALUATORS,
  FUNDERS,
  INDICATORS,
  INTERVENTIONS,
  PUBLISHERS,
  SYNTHETIC_COUNCILS,
} from './vocabulary.ts';

export interface GenerateOptions {
  /** How many case studies to produce. */
  count: number;
  /** PRNG seed: the same seed and options always produce the same case studies. */
  seed: number;
  /** Length range of the Markdown body in bytes (default [700, 1900], which makes each record 2–5 KB as JSON). */
  bodyBytes?: readonly [number, number];
}

const DESIGN_BY_LEVEL: Record<number, readonly StudyDesign[]> = {
  0: ['descriptive-case-study'],
  1: ['before-after', 'descriptive-case-study'],
  2: ['comparison-group'],
  3: ['quasi-experimental'],
  4: ['randomised-trial', 'systematic-review'],
};

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function financialYear(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? key);
}

function buildBody(rng: Random, vars: Record<string, string>, bytes: number): string {
  const parts: string[] = [`## What changed\n\n${fill(rng.pick(BODY_SENTENCES), vars)}`];
  let size = parts[0]!.length;
  let section = 0;
  const headings = ['## Costs', '## Outcomes', '## What others can learn'];
  while (size < bytes) {
    const sentence = fill(rng.pick(BODY_SENTENCES), vars);
    // Start a new section every few sentences so the Markdown looks like the real accounts.
    const piece =
      rng.chance(0.2) && section < headings.length
        ? `\n\n${headings[section++]}\n\n${sentence}`
        : ` ${sentence}`;
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('');
}

function generateOne(rng: Random, index: number, bodyBytes: readonly [number, number]): CaseStudy {
  const template = rng.pick(INTERVENTIONS);
  const councils = rng.chance(0.12) ? rng.sample(SYNTHETIC_COUNCILS, 2) : [rng.pick(SYNTHETIC_COUNCILS)];
  const lead = councils[0]!;
  const startYear = rng.int(2008, 2023);
  const endYear = rng.chance(0.6) ? Math.min(startYear + rng.int(1, 5), 2025) : undefined;
  const priceYear = financialYear(startYear);
  const deliveryModel = councils.length > 1 ? 'combined' : rng.pick(DELIVERY_MODELS);
  const source = {
    id: 'src-1',
    title: `${lead.name}: ${template.name.toLowerCase()} ${rng.pick(['cuts costs', 'reports results', 'two years on', 'evaluated'])}`,
    publisher: rng.pick(PUBLISHERS),
    date: String(Math.min((endYear ?? startYear) + 1, 2025)),
    kind: 'article' as const,
  };
  const quote = (what: string) => ({ source: 'src-1', quote: `The article states ${what}.` });

  const participants = rng.int(20, 2500);
  const costs: CostLine[] = [];
  if (rng.chance(0.15)) {
    costs.push({
      label: 'Total cost of the programme',
      money: { notReported: true, reason: 'The article gives no cost for the programme.' },
      kind: 'recurring',
      basis: 'total',
    });
  } else {
    const annual = rng.int(80, 6000) * 100_000;
    costs.push({
      label: `Annual running cost of ${template.name}`,
      money: { pence: annual, priceYear },
      kind: 'recurring',
      basis: 'per-year',
      funder: rng.pick(FUNDERS),
      citation: quote('the annual running cost'),
    });
    if (rng.chance(0.5)) {
      costs.push({
        label: 'Set-up and training',
        money: { pence: rng.int(10, 800) * 100_000, priceYear },
        kind: 'set-up',
        basis: 'total',
        citation: quote('the set-up cost'),
      });
    }
    if (rng.chance(0.6)) {
      costs.push({
        label: 'Cost per child or family supported',
        money: { pence: Math.round(annual / participants), priceYear },
        kind: 'recurring',
        basis: 'per-participant',
        citation: quote('the cost per participant'),
      });
    }
  }

  const outcomes: OutcomeMeasure[] = rng.sample(INDICATORS, rng.int(0, 2)).map((ind) => {
    const baseline = ind.unit === 'count' ? rng.int(20, 400) : rng.int(5, 90);
    const change = ind.better === 'lower' ? -rng.int(0, 30) : rng.int(0, 30);
    return {
      indicator: ind.id,
      unit: ind.unit,
      betterDirection: ind.better,
      baseline: { value: baseline, year: financialYear(startYear) },
      followUp: {
        value: Math.max(0, Math.round(baseline * (1 + change / 100))),
        year: financialYear(endYear ?? startYear + 1),
      },
      citation: quote(ind.phrase),
    };
  });

  const evaluated = rng.chance(0.55);
  const level = evaluated ? rng.int(1, 4) : rng.int(0, 1);
  const result = evaluated
    ? rng.pick([
        'evaluated-positive',
        'evaluated-positive',
        'evaluated-mixed',
        'evaluated-no-effect',
      ] as const)
    : 'not-evaluated';

  const names = councils.map((c) => c.name).join(' and ');
  const vars = { council: names, intervention: template.name, cohort: template.cohort };
  const [bodyMin, bodyMax] = bodyBytes;
  const outcomeText = outcomes.length
    ? ` It reports changes in ${outcomes.map((o) => INDICATORS.find((i) => i.id === o.indicator)!.phrase).join(' and ')}.`
    : ' It does not report outcome data.';
  const title = `${names}: ${template.name} for ${template.cohort}`.slice(0, 200);
  const slug = `${slugify(lead.name)}-${slugify(template.name)}-${index + 1}`;

  return {
    slug,
    title,
    summary: `${names} set up ${template.what}, working with ${template.cohort}.${outcomeText}`.slice(
      0,
      1200,
    ),
    body: buildBody(rng, vars, rng.int(bodyMin, bodyMax)),
    councils: councils.map((c) => c.gssCode),
    intervention: {
      name: template.name,
      description: `${template.name}: ${template.what}.`,
      branded: template.branded,
    },
    policyStrand: template.strand,
    serviceAreas: rng.sample(template.areas, rng.int(1, template.areas.length)),
    deliveryModel,
    cohort: {
      description: template.cohort,
      ageRange: { min: template.ages[0], max: template.ages[1] },
      needLevels: [...template.needs],
      ...(rng.chance(0.5)
        ? {
            size: {
              count: participants,
              unit: 'children' as const,
              year: String(startYear + 1),
              citation: quote('how many were served'),
            },
          }
        : {}),
    },
    period: endYear ? { start: String(startYear), end: String(endYear) } : { start: String(startYear) },
    costs,
    savings: rng.chance(0.4)
      ? [
          {
            label: 'Placement costs avoided',
            money: { pence: rng.int(50, 5000) * 100_000, priceYear },
            cashable: rng.pick(['cashable', 'non-cashable', 'unknown'] as const),
            claimedBy: `${lead.name} council`,
            verifiedBy: rng.chance(0.3) ? rng.pick(EVALUATORS) : null,
            citation: quote('the saving'),
          },
        ]
      : [],
    outcomes,
    keyFacts: [],
    evidence: {
      design: rng.pick(DESIGN_BY_LEVEL[level]!),
      evaluator: evaluated ? rng.pick(EVALUATORS) : null,
      independence: evaluated
        ? rng.pick(['independent', 'commissioned-independent', 'internal'] as const)
        : 'unknown',
      level,
      result,
      rationale: evaluated
        ? 'An evaluation measured outcomes against a baseline or comparison.'
        : 'The account describes the change but nobody has evaluated it.',
      assessedBy: 'Synthetic curator',
      assessedOn: `${Math.min((endYear ?? startYear) + 1, 2025)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    },
    sources: [source],
    licence: 'CC-BY-4.0',
    status: 'published',
    version: 1,
    tags: rng.sample(template.tags, rng.int(1, template.tags.length)),
  };
}

/**
 * Yields synthetic case studies one at a time, so 100k records can be streamed into an index without
 * holding them all. Deterministic: the same options always yield the same sequence.
 */
export function* iterateCaseStudies(options: GenerateOptions): Generator<CaseStudy> {
  const { count, seed } = options;
  const bodyBytes = options.bodyBytes ?? [700, 1900];
  if (!Number.isInteger(count) || count < 0) {
    throw Object.assign(new Error(`count must be a whole number ≥ 0 (got ${count}).`), {
      code: 'SYNTHETIC_BAD_COUNT',
    });
  }
  if (bodyBytes[0] < 20 || bodyBytes[1] < bodyBytes[0]) {
    throw Object.assign(
      new Error(`bodyBytes must be [min, max] with 20 ≤ min ≤ max (got [${bodyBytes.join(', ')}]).`),
      { code: 'SYNTHETIC_BAD_BODY_BYTES' },
    );
  }
  const rng = createRandom(seed);
  for (let i = 0; i < count; i++) yield generateOne(rng, i, bodyBytes);
}

/** Generates `count` synthetic case studies as an array (see iterateCaseStudies for the streaming form). */
export function generateCaseStudies(options: GenerateOptions): CaseStudy[] {
  return [...iterateCaseStudies(options)];
}
