import { CaseStudy } from '@costed/schema';
import { describe, expect, it } from 'vitest';
import { generateCaseStudies, iterateCaseStudies } from './generate-case-studies.ts';
import { SYNTHETIC_COUNCILS } from './vocabulary.ts';

describe('generateCaseStudies', () => {
  const corpus = generateCaseStudies({ count: 300, seed: 42 });

  it('produces case studies that the CaseStudy schema accepts unchanged', () => {
    for (const cs of corpus) {
      const parsed = CaseStudy.safeParse(cs);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
      expect(parsed.data).toEqual(cs);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateCaseStudies({ count: 50, seed: 42 })).toEqual(corpus.slice(0, 50));
    expect(generateCaseStudies({ count: 50, seed: 43 })).not.toEqual(corpus.slice(0, 50));
  });

  it('gives every case study a unique slug', () => {
    expect(new Set(corpus.map((c) => c.slug)).size).toBe(corpus.length);
  });

  it('keeps each record between 2 KB and 5 KB as JSON by default', () => {
    for (const cs of corpus) {
      const bytes = Buffer.byteLength(JSON.stringify(cs));
      expect(bytes).toBeGreaterThanOrEqual(2048);
      expect(bytes).toBeLessThanOrEqual(5120);
    }
  });

  it('honours bodyBytes', () => {
    for (const cs of generateCaseStudies({ count: 20, seed: 1, bodyBytes: [100, 200] })) {
      expect(cs.body.length).toBeGreaterThanOrEqual(100);
      expect(cs.body.length).toBeLessThan(200 + 300);
    }
  });

  it('uses only councils from the built-in list and spreads across them', () => {
    const known = new Set(SYNTHETIC_COUNCILS.map((c) => c.gssCode));
    const used = new Set(corpus.flatMap((c) => c.councils));
    for (const code of used) expect(known.has(code)).toBe(true);
    expect(used.size).toBeGreaterThan(20);
  });

  it('records money with a price year and never a zero for an unreported cost', () => {
    for (const line of corpus.flatMap((c) => c.costs)) {
      if ('notReported' in line.money) expect(line.money.reason.length).toBeGreaterThan(3);
      else expect(line.money.priceYear).toMatch(/^\d{4}-\d{2}$/);
    }
  });

  it('streams the same sequence as the array form', () => {
    const streamed: string[] = [];
    for (const cs of iterateCaseStudies({ count: 300, seed: 42 })) streamed.push(cs.slug);
    expect(streamed).toEqual(corpus.map((c) => c.slug));
  });

  it('refuses a negative count with a stable code', () => {
    expect(() => generateCaseStudies({ count: -1, seed: 1 })).toThrow(
      expect.objectContaining({ code: 'SYNTHETIC_BAD_COUNT' }),
    );
  });
});
