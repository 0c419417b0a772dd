import { CaseStudy } from '@costed/schema';
import { describe, expect, it } from 'vitest';
import { makeCaseStudy } from '../test/case-study-fixture.ts';
import { streamJsonLines, writeJson, writeJsonLines } from './write-json.ts';

const studies = [
  makeCaseStudy(),
  makeCaseStudy({
    slug: 'second-case-study',
    summary: 'A summary with\na newline, "quotes" and \u2028 a separator.',
  }),
];

describe('writeJson', () => {
  it('writes the case studies as published, and they parse back schema-valid and equal', () => {
    const json = writeJson(studies);
    const parsed = JSON.parse(json) as unknown[];
    expect(parsed).toEqual(studies);
    expect(parsed.map((p) => CaseStudy.parse(p))).toEqual(studies);
    expect(json).not.toContain('@context');
    expect(json.endsWith('\n')).toBe(true);
  });

  it('keeps "not reported" as the object with its reason, not a number', () => {
    const [first] = JSON.parse(writeJson(studies, { indent: 0 })) as { costs: { money: unknown }[] }[];
    expect(first?.costs[1]?.money).toEqual({
      notReported: true,
      reason: 'The article gives no running cost.',
    });
  });
});

describe('writeJsonLines', () => {
  it('writes one record per line, even when strings hold newlines', () => {
    const lines = writeJsonLines(studies).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((l) => JSON.parse(l))).toEqual(studies);
  });

  it('streams the same text one record at a time', async () => {
    async function* cursor() {
      yield* studies;
    }
    const chunks: string[] = [];
    for await (const chunk of streamJsonLines(cursor())) chunks.push(chunk);
    expect(chunks).toHaveLength(2);
    expect(chunks.join('')).toBe(writeJsonLines(studies));
  });
});
