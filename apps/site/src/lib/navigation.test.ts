import { describe, expect, it } from 'vitest';
import {
  buildServiceNavigation,
  findActiveItem,
  formatPageTitle,
  type NavigationUser,
  SERVICE_NAVIGATION,
} from './navigation.ts';

describe('findActiveItem', () => {
  it('matches the item for its own path and paths below it, not lookalikes', () => {
    expect(findActiveItem('/search')?.text).toBe('Search');
    expect(findActiveItem('/search/saved')?.text).toBe('Search');
    expect(findActiveItem('/searching')).toBeUndefined();
    expect(findActiveItem('/accessibility')).toBeUndefined();
  });

  it('lists the signed-out navigation in the agreed order, ending with Sign in', () => {
    expect(SERVICE_NAVIGATION.map((i) => i.text)).toEqual([
      'Search',
      'Compare',
      'Appraise',
      'Submit',
      'Open data',
      'Sign in',
    ]);
  });

  it('marks Portfolios active on a portfolio service page and API keys on the keys page', () => {
    const { items } = buildServiceNavigation(member('council-member'), 'token');
    expect(findActiveItem('/portfolios/abc/services/1', items)?.text).toBe('Portfolios');
    expect(findActiveItem('/account/api-keys', items)?.text).toBe('API keys');
  });
});

function member(role: NavigationUser['role'], organisationRoles: string[] = [role]): NavigationUser {
  return {
    role,
    email: `${role}@example.org`,
    name: `A ${role}`,
    organisations: organisationRoles.map((r, i) => ({ organisationId: `org-${i}`, role: r })),
  };
}

const texts = (user: NavigationUser | undefined, csrf?: string) =>
  buildServiceNavigation(user, csrf).items.map((i) => i.text);

describe('buildServiceNavigation', () => {
  it('offers a signed-out visitor Sign in and no account area', () => {
    const navigation = buildServiceNavigation(undefined);
    expect(navigation.items.map((i) => i.text)).toContain('Sign in');
    expect(navigation.account).toBeUndefined();
  });

  it('never offers Sign in to someone signed in, and names them with the sign-out CSRF token', () => {
    for (const role of ['public', 'council-member', 'curator', 'admin'] as const) {
      const navigation = buildServiceNavigation(member(role), 'csrf-token');
      expect(navigation.items.map((i) => i.text)).not.toContain('Sign in');
      expect(navigation.account).toEqual({ displayName: `A ${role}`, csrf: 'csrf-token' });
    }
  });

  it('gives each role the links it can use', () => {
    expect(texts(member('public', []), 't')).toEqual(['Search', 'Compare', 'Appraise', 'Open data']);
    expect(texts(member('council-member'), 't')).toEqual([
      'Search',
      'Compare',
      'Appraise',
      'Submit',
      'Portfolios',
      'API keys',
      'Open data',
    ]);
    expect(texts(member('curator'), 't')).toEqual([
      'Search',
      'Compare',
      'Appraise',
      'Submit',
      'Review queue',
      'API keys',
      'Open data',
    ]);
    expect(texts(member('admin', []), 't')).toEqual([
      'Search',
      'Compare',
      'Appraise',
      'Submit',
      'Review queue',
      'Organisations',
      'Open data',
    ]);
  });

  it('shows a curator who is also a council member both the review queue and portfolios', () => {
    const both = member('curator', ['curator', 'council-member']);
    expect(texts(both, 't')).toEqual(expect.arrayContaining(['Review queue', 'Portfolios', 'API keys']));
  });

  it('falls back to the e-mail address when the account has no name', () => {
    const navigation = buildServiceNavigation({ ...member('curator'), name: '  ' }, 't');
    expect(navigation.account?.displayName).toBe('curator@example.org');
  });

  it('treats a user without a CSRF token as signed out (no sign-out form can be built)', () => {
    expect(buildServiceNavigation(member('curator')).account).toBeUndefined();
    expect(texts(member('curator'))).toContain('Sign in');
  });
});

describe('formatPageTitle', () => {
  it('appends the service name with an en dash', () => {
    expect(formatPageTitle('Accessibility statement')).toBe('Accessibility statement – Costed');
    expect(formatPageTitle('  ')).toBe('Costed');
  });
});
