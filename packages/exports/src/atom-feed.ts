import { type CaseStudy, POLICY_STRAND_LABELS } from '@costed/schema';
import { caseStudyUrl } from './case-study-url.ts';

/** A case study as the feed needs it, with when it was last published (the store knows; the schema does not). */
export type AtomEntry = Pick<CaseStudy, 'slug' | 'title' | 'summary' | 'policyStrand' | 'status'> & {
  updated: string | Date;
};

export interface AtomFeedOptions {
  /** Site root; entry links are `<siteUrl>/case-studies/<slug>`. */
  siteUrl: string;
  /** Where this feed is served; also the feed's id. */
  feedUrl: string;
  /** The feed's `updated` time (ISO 8601 or Date), supplied by the caller. */
  updated: string | Date;
  title?: string;
  subtitle?: string;
}

/** XML 1.0 forbids these code points even when escaped, so they are dropped rather than written. */
function isXmlChar(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  return codePoint !== 0xfffe && codePoint !== 0xffff;
}

function keepXmlChars(text: string): string {
  // toWellFormed replaces lone surrogates (not allowed in XML) with U+FFFD first.
  let out = '';
  for (const ch of text.toWellFormed()) if (isXmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

/** Escapes text for XML element content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return keepXmlChars(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const iso = (value: string | Date): string => (value instanceof Date ? value.toISOString() : value);

/**
 * An Atom 1.0 feed (RFC 4287) of published case studies; entries with any other status are left out.
 * Titles and summaries are `type="text"` and entity-escaped: a feed reader shows `<script>` as text and
 * never runs it (the `feed` package writes titles as `type="html"`, which readers render as markup).
 */
export function atomFeed(entries: readonly AtomEntry[], options: AtomFeedOptions): string {
  const title = options.title ?? 'Costed: costed case studies of children’s-services redesigns';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(options.feedUrl)}</id>`,
    `  <title type="text">${escapeXml(title)}</title>`,
  ];
  if (options.subtitle) lines.push(`  <subtitle type="text">${escapeXml(options.subtitle)}</subtitle>`);
  lines.push(
    `  <updated>${escapeXml(iso(options.updated))}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(options.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(options.siteUrl)}"/>`,
    // RFC 4287 needs an author on the feed when an entry has none.
    '  <author><name>Costed</name></author>',
  );
  for (const entry of entries) {
    if (entry.status !== 'published') continue;
    const url = caseStudyUrl(options.siteUrl, entry.slug);
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(url)}</id>`,
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `    <updated>${escapeXml(iso(entry.updated))}</updated>`,
      `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
      `    <category term="${escapeXml(entry.policyStrand)}" label="${escapeXml(POLICY_STRAND_LABELS[entry.policyStrand])}"/>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
