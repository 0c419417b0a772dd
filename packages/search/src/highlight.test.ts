import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightText, MARK_CLOSE, MARK_OPEN, sentinelsToHtml } from './highlight.ts';

describe('highlightText', () => {
  it('escapes the text, then marks whole words whose index term matched', () => {
    expect(highlightText('Families & <children>', new Set(['family']))).toBe(
      '<mark>Families</mark> &amp; &lt;children&gt;',
    );
  });

  it('returns undefined when nothing matched', () => {
    expect(highlightText('Nothing here', new Set(['care']))).toBeUndefined();
  });

  it('crops long text around the first match', () => {
    const text = `${'word '.repeat(100)}fostering ${'tail '.repeat(100)}`;
    const snippet = highlightText(text, new Set(['fostering']), 80)!;
    expect(snippet).toContain('<mark>fostering</mark>');
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.length).toBeLessThan(120);
  });

  it('never lets markup through, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 6 }), (text, word) => {
        const snippet = highlightText(`${text} ${word}`, new Set([word.toLowerCase()])) ?? '';
        expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
      }),
    );
  });
});

describe('sentinelsToHtml', () => {
  it('escapes backend text first and only then turns sentinels into marks', () => {
    expect(sentinelsToHtml(`<img onerror=x> ${MARK_OPEN}care${MARK_CLOSE}`)).toBe(
      '&lt;img onerror=x&gt; <mark>care</mark>',
    );
    expect(sentinelsToHtml('no match')).toBeUndefined();
  });
});
