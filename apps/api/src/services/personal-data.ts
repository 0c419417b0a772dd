import { type FieldFinding, flagSmallCounts, type ScanResult, scanDocument } from '@costed/privacy';
import { ApiError, type FieldError } from '../errors.ts';

type CountedOutcome = Parameters<typeof flagSmallCounts>[0][number];

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * A draft's outcomes may be half written, so each one is read defensively; the array keeps its indices so
 * every flag points at the right outcome. A missing figure becomes 0, which is never flagged ("none"
 * identifies nobody).
 */
function countedOutcomes(document: Record<string, unknown>): CountedOutcome[] {
  const outcomes = Array.isArray(document.outcomes) ? document.outcomes : [];
  return outcomes.map((raw): CountedOutcome => {
    const o = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const baseline = (o.baseline ?? {}) as Record<string, unknown>;
    const followUp = (o.followUp ?? {}) as Record<string, unknown>;
    const population = numberOrUndefined(o.population);
    const baselineValue = numberOrUndefined(baseline.value);
    return {
      unit: (o.unit === 'count' ? 'count' : 'percent') as CountedOutcome['unit'],
      ...(population !== undefined ? { population } : {}),
      ...(baselineValue !== undefined ? { baseline: { value: baselineValue, year: '' } } : {}),
      followUp: { value: numberOrUndefined(followUp.value) ?? 0, year: '' },
    } as CountedOutcome;
  });
}

/** The personal-data guard's view of a (possibly partial) submission: findings refuse it, small counts only warn. */
export function scanSubmission(document: Record<string, unknown>): ScanResult {
  const findings = scanDocument(document);
  return { ok: findings.length === 0, findings, smallCounts: flagSmallCounts(countedOutcomes(document)) };
}

/** One field error per finding, naming the field, the span and why, e.g. `body.document.summary`. */
export function findingErrors(findings: readonly FieldFinding[], prefix: string): FieldError[] {
  return findings.map((f) => ({
    path: f.path ? `${prefix}.${f.path}` : prefix,
    message: `${f.reason} (characters ${f.start}–${f.end}: "${f.match}")`,
    code: f.kind,
  }));
}

/**
 * Refuses any text that holds personal data, before anything is written: 422 `personal-data-found` whose
 * `errors[]` name each field and whose `findings[]` give the span (start, end), the masked match and the reason.
 */
export function assertNoPersonalData(value: unknown, prefix: string): void {
  const findings = scanDocument(value);
  if (findings.length === 0) return;
  const fields = [...new Set(findings.map((f) => (f.path ? `${prefix}.${f.path}` : prefix)))];
  throw new ApiError(
    'personal-data-found',
    `Personal data was found in ${fields.length} field(s): ${fields.join(', ')}. Nothing was saved. Remove or generalise it (e.g. "a child aged 7", "the family", a district such as "LS6") and send it again.`,
    {
      errors: findingErrors(findings, prefix),
      extensions: {
        findings: findings.map((f) => ({ ...f, path: f.path ? `${prefix}.${f.path}` : prefix })),
      },
    },
  );
}
