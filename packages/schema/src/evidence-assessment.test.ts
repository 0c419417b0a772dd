import { describe, expect, it } from 'vitest';
import { EVIDENCE_LEVELS, EVIDENCE_RESULT_LABELS, EvidenceAssessment } from './evidence-assessment.ts';

const base = {
  design: 'before-after',
  evaluator: null,
  independence: 'unknown',
  level: 1,
  result: 'not-evaluated',
  rationale: 'Figures reported by the council; no evaluation.',
  assessedBy: 'Costed seed curation',
  assessedOn: '2026-11-23',
} as const;

describe('EvidenceAssessment', () => {
  it('keeps "not evaluated" distinct from "no effect"', () => {
    expect(EVIDENCE_RESULT_LABELS['not-evaluated']).not.toBe(EVIDENCE_RESULT_LABELS['evaluated-no-effect']);
    expect(EvidenceAssessment.parse(base).result).toBe('not-evaluated');
  });
  it('refuses a high level for something never evaluated', () => {
    const r = EvidenceAssessment.safeParse({ ...base, level: 3 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['level']);
  });
  it('defines every level 0–4 with EIF and Maryland mappings', () => {
    expect(EVIDENCE_LEVELS.map((l) => l.level)).toEqual([0, 1, 2, 3, 4]);
    for (const l of EVIDENCE_LEVELS) expect(l.definition.length).toBeGreaterThan(20);
  });
});
