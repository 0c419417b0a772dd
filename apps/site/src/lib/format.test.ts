import { describe, expect, it } from 'vitest';
import {
  classifyChange,
  formatAgeRange,
  formatChange,
  formatCount,
  formatDate,
  formatMoney,
  formatOutcomeValue,
  formatPenceOrNotReported,
  formatPeriod,
  formatPounds,
  sanitiseSnippet,
} from './format.ts';

describe('money', () => {
  it('writes whole pounds without pence and keeps pence when there are some', () => {
    expect(formatPounds(125_000)).toBe('£1,250');
    expect(formatPounds(125_050)).toBe('£1,250.50');
    expect(formatPounds(-5)).toBe('-£0.05');
  });
  it('rounds to the pound when asked (converted amounts are estimates)', () => {
    expect(formatPounds(19_081_272_085, { wholePounds: true })).toBe('£190,812,721');
    expect(formatPounds(149, { wholePounds: true })).toBe('£1');
  });
  it('always states the price year with an amount', () => {
    expect(formatMoney({ pence: 10_800_000_000, priceYear: '2002-03' })).toBe(
      '£108,000,000 (2002-03 prices)',
    );
  });
  it('shows a missing amount as "Not reported", never £0', () => {
    expect(formatPenceOrNotReported(null)).toBe('Not reported');
    expect(formatPenceOrNotReported(0)).toBe('£0');
  });
});

describe('dates and periods', () => {
  it('writes GOV.UK-style dates from ISO dates and timestamps, without a time-zone shift', () => {
    expect(formatDate('2026-11-23T23:59:00.000Z')).toBe('23 November 2026');
    expect(formatDate('2015-03')).toBe('March 2015');
    expect(formatDate('not a date')).toBe('not a date');
  });
  it('writes periods, continuing ones included', () => {
    expect(formatPeriod({ start: '2002', end: '2012' })).toBe('2002 to 2012');
    expect(formatPeriod({ start: '2011-03' })).toBe('From March 2011 (continuing)');
  });
  it('counts in words with the right plural', () => {
    expect(formatCount(1, 'case study', 'case studies')).toBe('1 case study');
    expect(formatCount(12, 'case study', 'case studies')).toBe('12 case studies');
    expect(formatCount(1200, 'council')).toBe('1,200 councils');
  });
  it('writes age ranges', () => {
    expect(formatAgeRange({ min: 0, max: 9 })).toBe('Aged 0 (from birth) to 9');
  });
});

describe('outcomes', () => {
  it('writes values in their unit', () => {
    expect(formatOutcomeValue(32, 'percent')).toBe('32%');
    expect(formatOutcomeValue(45.5, 'rate-per-10000')).toBe('45.5 per 10,000');
    expect(formatOutcomeValue(1204, 'count')).toBe('1,204');
  });
  it('says whether a change is better or worse for the indicator', () => {
    expect(classifyChange(32, 50, 'higher')).toBe('better');
    expect(classifyChange(32, 50, 'lower')).toBe('worse');
    expect(classifyChange(10, 10, 'lower')).toBe('no change');
  });
  it('writes a percentage change in percentage points and other changes with the relative size', () => {
    expect(formatChange(32, 50, 'percent')).toBe('+18 percentage points');
    expect(formatChange(40, 30, 'count')).toBe('−10 (−25%)');
  });
});

describe('sanitiseSnippet', () => {
  it('passes the API snippet alphabet: escaped text and balanced <mark>', () => {
    const snippet =
      '… on the <mark>edge</mark> of <mark>care</mark> &amp; &lt;families&gt; &quot;x&quot; &#39;y&#39;';
    expect(sanitiseSnippet(snippet)).toEqual({ html: snippet, safe: true });
  });
  it('escapes everything when any other tag is present', () => {
    const result = sanitiseSnippet('<mark>edge</mark><img src=x onerror=alert(1)>');
    expect(result.safe).toBe(false);
    expect(result.html).toBe('edge&lt;img src=x onerror=alert(1)&gt;');
    expect(result.html).not.toMatch(/<(?!\/?mark>)/);
  });
  it('refuses marks with attributes, nested or unbalanced marks, and raw ampersands or brackets', () => {
    for (const bad of [
      '<mark class="x">a</mark>',
      '<mark><mark>a</mark></mark>',
      '<mark>a',
      'a</mark>',
      'fish & chips',
      'a > b',
      '<script>alert(1)</script>',
      '&#x3C;script&#x3E;',
    ]) {
      const result = sanitiseSnippet(bad);
      expect(result.safe, bad).toBe(false);
      expect(result.html, bad).not.toContain('<');
    }
  });
  it('accepts plain text', () => {
    expect(sanitiseSnippet('no matches here').safe).toBe(true);
  });
});
