/**
 * A PostCSS step (Vite's `css.postcss.plugins`) over the CSS compiled from GOV.UK Frontend's Sass.
 *
 * 1. GOV.UK's identity: the footer styles carry the crown (`.govuk-footer__crown`) and the Royal Arms crest
 *    behind Crown copyright (`.govuk-footer__copyright-logo`, pointing at an image we do not serve). Sass
 *    cannot leave part of a component out, so those selectors are removed here; the rest is used as published.
 * 2. Internet Explorer hacks: `@media screen and (min-width: 0\0)` compiles to a U+FFFD character that the
 *    CSS minifier (lightningcss) rejects. No browser we support applies those blocks, so they are dropped.
 */
export const GOVUK_IDENTITY_SELECTOR =
  /govuk-footer__crown|govuk-footer__copyright-logo|govuk-header|govuk-logo/;

/** The parts of PostCSS nodes this step touches (PostCSS itself arrives through Vite). */
export interface SelectorRule {
  selectors: string[];
  remove(): unknown;
}
export interface AtRuleNode {
  name: string;
  params: string;
  remove(): unknown;
}

/** Drops the identity selectors from one rule, and the rule itself when nothing is left. */
export function stripIdentitySelectors(rule: SelectorRule): void {
  const kept = rule.selectors.filter((selector) => !GOVUK_IDENTITY_SELECTOR.test(selector));
  if (kept.length === rule.selectors.length) return;
  if (kept.length === 0) rule.remove();
  else rule.selectors = kept;
}

/** Drops a media query written as an IE-only hack (`\0`, or the U+FFFD Sass turns it into). */
export function dropIeMediaHack(atRule: AtRuleNode): void {
  if (atRule.name === 'media' && /\\0|\uFFFD/.test(atRule.params)) atRule.remove();
}

export function cleanGovukCss(): {
  postcssPlugin: string;
  Rule: (rule: SelectorRule) => void;
  AtRule: (atRule: AtRuleNode) => void;
} {
  return { postcssPlugin: 'costed-clean-govuk-css', Rule: stripIdentitySelectors, AtRule: dropIeMediaHack };
}
