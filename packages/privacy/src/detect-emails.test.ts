import { describe, expect, it } from 'vitest';
import { detectEmails } from './detect-emails.ts';

describe('detectEmails', () => {
  it('finds addresses and leaves trailing sentence punctuation out of the span', () => {
    const text = 'Her email is chloe.m.2006@example.co.uk.';
    const [f] = detectEmails(text);
    expect(text.slice(f?.start, f?.end)).toBe('chloe.m.2006@example.co.uk');
    expect(f?.match).toBe('c***@example.co.uk');
  });

  it('finds plus-addressing and sub-domains', () => {
    expect(detectEmails('to reece+plans@example.com and 19kw@pupils.example.sch.uk')).toHaveLength(2);
  });

  it('passes an @ that is not an address', () => {
    for (const text of ['Meet @ the hub', 'Twitter @CostedUK', 'a@b', 'user@localhost']) {
      expect(detectEmails(text), text).toEqual([]);
    }
  });
});
