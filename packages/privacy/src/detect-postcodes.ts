import { isValid, POSTCODE_CORPUS_REGEX, toOutcode } from 'postcode';
import type { Finding } from './finding.ts';

// The `postcode` package checks the shape of a postcode; it accepts any letters in the area ("QQ1 1AA",
// "KS4 1AB" where KS4 is a key stage). The 121 areas Royal Mail uses (plus the Crown dependencies and
// BFPO/non-geographic BF and BX) are a short, stable list, so checking the area removes most look-alikes.
const AREAS = new Set(
  (
    'AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC ' +
    'EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ' +
    'ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW ' +
    'SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
  ).split(' '),
);

/** Full UK postcodes ("LS6 2QP", "sw1a2aa"). A district alone ("LS6", "SW1A") names thousands of homes and passes. */
export function detectPostcodes(text: string): Finding[] {
  const found: Finding[] = [];
  // The package's corpus pattern is global and stateful, so copy it for each scan.
  const pattern = new RegExp(POSTCODE_CORPUS_REGEX.source, 'gi');
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    // A postcode stands alone: not glued to letters or digits ("E06000011AB", "ABC1 2DE").
    if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? ' ') || /[\p{L}\p{N}]/u.test(text[end] ?? ' ')) continue;
    if (!isValid(m[0])) continue;
    const outcode = toOutcode(m[0]);
    const area = outcode?.match(/^[A-Z]+/)?.[0];
    if (outcode === null || area === undefined || !AREAS.has(area)) continue;
    const upper = m[0] === m[0].toUpperCase();
    found.push({
      kind: 'postcode',
      start,
      end,
      match: `${outcode} ***`,
      reason: `A full postcode ("${outcode} ***") points to a handful of homes and can identify a child's family; give the postcode district ("${outcode}") or the local authority instead.`,
      confidence: upper ? 0.9 : 0.75,
    });
  }
  return found;
}
