import { describe, expect, it } from 'vitest';
import { findActiveItem, formatPageTitle, SERVICE_NAVIGATION } from './navigation.ts';

describe('findActiveItem', () => {
  it('matches the item for its own path and paths below it, not lookalikes', () => {
    expect(findActiveItem('/search')?.text).toBe('Search');
    expect(findActiveItem('/search/saved')?.text).toBe('Search');
    expect(findActiveItem('/searching')).toBeUndefined();
    expect(findActiveItem('/accessibility')).toBeUndefined();
  });

  it('lists the service navigation in the agreed order', () => {
    expect(SERVICE_NAVIGATION.map((i) => i.text)).toEqual([
      'Search',
      'Compare',
      'Appraise',
      'Submit',
      'Review',
      'Open data',
      'Sign in',
    ]);
  });
});

describe('formatPageTitle', () => {
  it('appends the service name with an en dash', () => {
    expect(formatPageTitle('Accessibility statement')).toBe('Accessibility statement – Costed');
    expect(formatPageTitle('  ')).toBe('Costed');
  });
});
