import type { Money, OutcomeUnit, Period } from '@costed/schema';

/**
 * How the site writes money, dates, periods and outcome values: GOV.UK style ("£1,250", "23 November 2026",
 * "2011 to 2015"), and never a figure without what it means. A missing amount is "Not reported", never £0.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Whole pence as pounds: "£1,250" when whole, "£1,250.50" otherwise; `wholePounds` rounds to the pound. */
export function formatPounds(pence: number, options: { wholePounds?: boolean } = {}): string {
  const sign = pence < 0 ? '-' : '';
  let abs = Math.abs(pence);
  if (options.wholePounds) abs = Math.round(abs / 100) * 100;
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const body = pounds.toLocaleString('en-GB');
  return rest === 0 ? `${sign}£${body}` : `${sign}£${body}.${String(rest).padStart(2, '0')}`;
}

/** Money with its price year: "£108,000,000 (2002-03 prices)". */
export function formatMoney(money: Money, options: { wholePounds?: boolean } = {}): string {
  return `${formatPounds(money.pence, options)} (${money.priceYear} prices)`;
}

/** A figure that may be missing: null is "Not reported", never zero. */
export function formatPenceOrNotReported(pence: number | null, options: { wholePounds?: boolean } = {}) {
  return pence === null ? 'Not reported' : formatPounds(pence, options);
}

/** "23 November 2026" from an ISO date or timestamp (the date part, as written, with no time-zone shift). */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  const monthName = MONTHS[Number(month) - 1];
  if (!monthName) return iso;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** A source or period date as precise as it is known: "2015", "March 2015" or "4 March 2015". */
export function formatPartialDate(value: string): string {
  return /^\d{4}$/.test(value) ? value : formatDate(value);
}

/** "2011 to 2015", "March 2011 to June 2014", or "From 2012 (continuing)". */
export function formatPeriod(period: Period): string {
  const start = formatPartialDate(period.start);
  return period.end ? `${start} to ${formatPartialDate(period.end)}` : `From ${start} (continuing)`;
}

/** "1 case study", "12 case studies". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : plural}`;
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

/** An outcome value in its unit: "32%", "45 per 10,000 children", "1,204". */
export function formatOutcomeValue(value: number, unit: OutcomeUnit): string {
  switch (unit) {
    case 'percent':
      return `${formatNumber(value)}%`;
    case 'rate-per-10000':
      return `${formatNumber(value)} per 10,000`;
    case 'rate-per-1000':
      return `${formatNumber(value)} per 1,000`;
    case 'score':
      return `${formatNumber(value)} (score)`;
    default:
      return formatNumber(value);
  }
}

export type ChangeDirection = 'better' | 'worse' | 'no change';

/** Whether follow-up is better than baseline, given which way is better. */
export function classifyChange(
  baseline: number,
  followUp: number,
  betterDirection: 'higher' | 'lower',
): ChangeDirection {
  if (followUp === baseline) return 'no change';
  const rose = followUp > baseline;
  return rose === (betterDirection === 'higher') ? 'better' : 'worse';
}

/** The change between two values in the unit's terms: "+18 percentage points", "−12 per 10,000", "−25%". */
export function formatChange(baseline: number, followUp: number, unit: OutcomeUnit): string {
  const delta = followUp - baseline;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  const size = formatNumber(Math.abs(delta));
  const body =
    unit === 'percent'
      ? `${size} percentage ${Math.abs(delta) === 1 ? 'point' : 'points'}`
      : formatOutcomeValue(Math.abs(delta), unit);
  const relative =
    baseline !== 0 && unit !== 'percent'
      ? ` (${sign}${formatNumber(Math.round((Math.abs(delta) / Math.abs(baseline)) * 1000) / 10)}%)`
      : '';
  return `${sign}${body}${relative}`;
}

/** "Aged 4 to 16", "Aged 0 (from birth) to 9". */
export function formatAgeRange(range: { min: number; max: number }): string {
  const min = range.min === 0 ? '0 (from birth)' : String(range.min);
  return `Aged ${min} to ${range.max}`;
}

/** "Evidence level 1: Before and after". */
export function formatEvidenceLevel(level: number, name?: string): string {
  return name ? `Level ${level}: ${name}` : `Level ${level}`;
}

/** Only escaped text and `<mark>`/`</mark>` may pass: the exact alphabet of the API's search snippets. */
const SNIPPET_TOKEN = /<mark>|<\/mark>|&(?:amp|lt|gt|quot|#39|#x27|apos);|[^<>&]+/gy;

/**
 * The API's search snippets are HTML-escaped text with `<mark>` around matches. This returns the snippet
 * for `set:html` only if it contains nothing else (no other tag, attribute, raw `&`, `<` or `>`, and the
 * marks balanced), and otherwise the same text escaped in full with the marks dropped — so whatever the
 * API sends, no markup but `<mark>` reaches the page.
 */
export function sanitiseSnippet(snippet: string): { html: string; safe: boolean } {
  SNIPPET_TOKEN.lastIndex = 0;
  let depth = 0;
  let consumed = 0;
  let ok = true;
  for (let match = SNIPPET_TOKEN.exec(snippet); match; match = SNIPPET_TOKEN.exec(snippet)) {
    consumed = SNIPPET_TOKEN.lastIndex;
    if (match[0] === '<mark>') {
      depth += 1;
      if (depth > 1) ok = false;
    } else if (match[0] === '</mark>') {
      depth -= 1;
      if (depth < 0) ok = false;
    }
    if (!ok) break;
  }
  if (ok && consumed === snippet.length && depth === 0) return { html: snippet, safe: true };
  return { html: escapeHtml(snippet.replace(/<\/?mark>/g, '')), safe: false };
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
