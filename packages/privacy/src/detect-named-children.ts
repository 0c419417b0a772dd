import type { Finding } from './finding.ts';
import { isKnownFirstName } from './first-names.ts';
import { maskCharacters } from './text-context.ts';

// Capitalised words that stand before an age or a verb in case-study prose without being a name.
const NOT_NAMES = new Set(
  (
    'A An The This That These Those It Its He She They Him Her His Their Them We Our Us You Your I My One ' +
    'Each Every Another Other Some Any No None All Both Either Neither Such Most Many Few Several ' +
    'In On At By Of For From To With Without Within Under Over Between After Before During Since Until ' +
    'And But Or Nor So Yet If When While Where Who Whose Which What Why How Then Also However Overall ' +
    'Child Children Young Person People Pupil Pupils Student Students Baby Babies Boy Boys Girl Girls ' +
    'Family Families Parent Parents Mother Father Mum Dad Carer Carers Sibling Siblings Son Daughter ' +
    'Brother Sister Teenager Toddler Infant Case Cases Table Figure Page Pages Year Years Stage Key Phase ' +
    'Wave Step Level Tier Band Grade Week Weeks Month Months Day Days Round Group Groups Cohort Site Sites ' +
    'Hub Hubs Ward Wards Area Areas District Region Section Chapter Appendix Annex Paragraph Part Model ' +
    'Version Indicator Option Total Mean Median Average Age Aged Ages Team Teams Service Services Council ' +
    'Councils Authority Authorities Borough County City England Wales Britain Ofsted Government Department ' +
    'Programme Project Panel Court Police School Schools Report Review Evaluation Sample Survey Census ' +
    'January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday Number Figures Data Source Note Notes'
  ).split(' '),
);

const NAME = String.raw`([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)(?:\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?))?`;
const AGE = `(?:[0-9]|1[0-9]|2[0-5])`;
// "Jamie, aged 7," "Kayleigh (14)" "Tyler, 15, was" "Aisha, a 12-year-old" "Leah, who is 11" "(born 2 February 2010)".
const WITH_AGE = new RegExp(
  String.raw`\b${NAME}(?:,\s*(?:aged\s+${AGE}\b(?!\s*(?:[-–]|to\b))|${AGE}\s*(?=,|\s+(?:was|is|has|had|went|lives|cares|can|who)\b)|an?\s+${AGE}[- ](?:year|month)[- ]old\b|who\s+(?:is|was)\s+${AGE}\b)|\s*\(\s*(?:aged\s+)?${AGE}(?:\s*(?:years?\s+old|yrs?))?\s*\)|\s*\(born\b|\s+aged\s+${AGE}\b(?!\s*(?:[-–]|to\b)))`,
  'g',
);
// "her son Tom", "their youngest child, Harvey", "a girl called Chloe".
const WITH_RELATIVE = new RegExp(
  String.raw`\b(?:(?:[Hh]er|[Hh]is|[Tt]heir|[Mm]y|[Oo]ur|[Ww]hose)\s+(?:(?:eldest|oldest|youngest|younger|older|baby|little|twin|adopted|foster)\s+)?(?:son|daughter|brother|sister|child|baby|grandson|granddaughter|nephew|niece|stepson|stepdaughter|half-brother|half-sister)|\b[Aa]n?\s+(?:(?:young|little)\s+)?(?:girl|boy|child|person|teenager|toddler|baby)\s+(?:called|named))\s*,?\s+${NAME}`,
  'g',
);
// "Jayden went missing", "Nathan was diagnosed", "Sophie's foster placement".
const STRONG_EVENT = String.raw`went missing|ran away|self-harmed|was taken into care|was excluded|was groomed|was sexually exploited|disclosed\b|was removed|was adopted|was placed (?:with|in) (?:foster|kinship|a children)`;
const WEAK_EVENT = `was (?:placed|diagnosed|arrested|referred|admitted|subject to|found|living|accommodated|born)|has (?:autism|ADHD|a learning disability|cerebral palsy|an EHC plan)|'s (?:foster|placement|mother|mum|father|dad|social worker|school|carers?|plan|sister|brother)`;
const WITH_EVENT = new RegExp(String.raw`\b${NAME}(?:,\s*who)?\s*(${STRONG_EVENT}|${WEAK_EVENT})`, 'g');

function isName(word: string | undefined): word is string {
  return word !== undefined && !NOT_NAMES.has(word);
}

/** Keeps the first letter of each word: "Freya Thompson" → "F**** T*******". */
function mask(name: string): string {
  return maskCharacters(name, (i) => i === 0 || name[i - 1] === ' ' || name[i - 1] === '-');
}

/**
 * A person's name next to a child's age, a relative, or what happened to the child. Adults named in
 * their role ("Eileen Munro's review", "Isabelle Trowler, the Chief Social Worker") pass.
 */
export function detectNamedChildren(text: string): Finding[] {
  const found: Finding[] = [];
  const push = (start: number, name: string, confidence: number, why: string) => {
    // Several patterns can fire on one name ("Her son Tom, who has ADHD"): report it once, at its best.
    const same = found.findIndex((f) => f.start === start);
    if (same >= 0 && (found[same]?.confidence ?? 0) >= confidence) return;
    if (same >= 0) found.splice(same, 1);
    found.push({
      kind: 'named-child',
      start,
      end: start + name.length,
      match: mask(name),
      reason: `A first name next to ${why} can identify a child; use "Child A" or "a 7-year-old" instead.`,
      confidence,
    });
  };
  const nameOf = (m: RegExpMatchArray, offset: number): { name: string; start: number } | undefined => {
    const first = m[offset];
    const second = m[offset + 1];
    const at = (word: string) => (m.index ?? 0) + m[0].indexOf(word);
    // "Then Jamie, aged 7": a capitalised connective or determiner before the name is not part of it.
    if (!isName(first)) return isName(second) ? { name: second, start: at(second) } : undefined;
    const name = second !== undefined && isName(second) ? `${first} ${second}` : first;
    return { name, start: at(first) };
  };

  for (const m of text.matchAll(WITH_AGE)) {
    const hit = nameOf(m, 1);
    if (hit === undefined) continue;
    const known = isKnownFirstName(hit.name.split(' ')[0] ?? '');
    push(hit.start, hit.name, known ? 0.9 : 0.8, 'the child’s age');
  }
  for (const m of text.matchAll(WITH_RELATIVE)) {
    const hit = nameOf(m, 1);
    if (hit === undefined) continue;
    push(
      hit.start,
      hit.name,
      isKnownFirstName(hit.name.split(' ')[0] ?? '') ? 0.9 : 0.8,
      'a family relationship',
    );
  }
  for (const m of text.matchAll(WITH_EVENT)) {
    const hit = nameOf(m, 1);
    if (hit === undefined) continue;
    const event = m[3] ?? '';
    const strong = new RegExp(`^(?:${STRONG_EVENT})`).test(event);
    const known = isKnownFirstName(hit.name.split(' ')[0] ?? '');
    // Councils and places also "were placed" or "were referred"; without a known first name only the
    // events that happen to children alone count.
    if (!known && !strong) continue;
    push(hit.start, hit.name, known && strong ? 0.85 : 0.7, 'what happened to the child');
  }
  return found.sort((a, b) => a.start - b.start);
}
