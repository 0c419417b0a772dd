import { describe, expect, it } from 'vitest';
import {
  type AtRuleNode,
  dropIeMediaHack,
  type SelectorRule,
  stripIdentitySelectors,
} from './clean-govuk-css.ts';

function rule(selectors: string[]): SelectorRule & { removed: boolean } {
  return {
    selectors,
    removed: false,
    remove() {
      this.removed = true;
    },
  };
}

describe('stripIdentitySelectors', () => {
  it('removes a rule that styles only the crown or the crest', () => {
    const crown = rule(['.govuk-footer__crown']);
    const crest = rule(['.govuk-footer__copyright-logo::before']);
    stripIdentitySelectors(crown);
    stripIdentitySelectors(crest);
    expect(crown.removed).toBe(true);
    expect(crest.removed).toBe(true);
  });

  it('keeps the other selectors of a shared rule, and leaves other rules alone', () => {
    const shared = rule(['.govuk-footer__link', '.govuk-header__link']);
    const footer = rule(['.govuk-footer__meta']);
    stripIdentitySelectors(shared);
    stripIdentitySelectors(footer);
    expect(shared.removed).toBe(false);
    expect(shared.selectors).toEqual(['.govuk-footer__link']);
    expect(footer.removed).toBe(false);
    expect(footer.selectors).toEqual(['.govuk-footer__meta']);
  });
});

describe('dropIeMediaHack', () => {
  const at = (name: string, params: string): AtRuleNode & { removed: boolean } => ({
    name,
    params,
    removed: false,
    remove() {
      this.removed = true;
    },
  });

  it('drops the IE-only media query in either spelling and keeps real ones', () => {
    const escaped = at('media', 'screen and (min-width: 0\\0)');
    const replaced = at('media', 'screen and (min-width: 0\uFFFD)');
    const real = at('media', '(min-width: 40.0625em)');
    for (const node of [escaped, replaced, real]) dropIeMediaHack(node);
    expect([escaped.removed, replaced.removed, real.removed]).toEqual([true, true, false]);
  });
});
