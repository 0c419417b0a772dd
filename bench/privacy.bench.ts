// Scan throughput of @costed/privacy on a 5 KB case study, against a plain `includes` pass over the same
// text (the cheapest scan there is), median of repeated runs. Run: pnpm exec node bench/privacy.bench.ts
import { scanText } from '@costed/privacy';

const PARAGRAPHS = [
  "In 2012-13 North Yorkshire County Council (E10000023) spent £108m on children's social care, up from £96.4m in 2011-12.",
  'The No Wrong Door hubs supported 154 young people aged 11 to 17 in the first year, and the number of looked-after children fell from 1,192 to 1,037 between March 2013 and March 2016.',
  'Care proceedings for children under 2 fell by 47% over three years. Set-up costs were £1.2m (2015-16 prices), funded by the DfE Children’s Social Care Innovation Programme.',
  'The unit cost of a residential placement was £3,830 per week in 2016-17; the programme claims £4.20 for every £1 invested over five years.',
  'Source: Sebba, J. et al. (2017) Children’s Social Care Innovation Programme: Final evaluation report, p. 47, published on 12 March 2019.',
  'Contacts per 10,000 children: 2,010 (2013-14), 1,842 (2014-15), 1,612 (2015-16). Staff turnover fell from 22.4% to 13.1%.',
  'Hubs in LS1 and SW1A opened in 2016; Isabelle Trowler, the Chief Social Worker, visited them in the autumn.',
  'Re-referral rates within 12 months dropped from 24% to 17%, and the NEET rate among care leavers aged 19 to 21 fell from 44% to 36%.',
];
let text = '';
for (let i = 0; text.length < 5 * 1024; i++) text += `${PARAGRAPHS[i % PARAGRAPHS.length]}\n`;
text = text.slice(0, 5 * 1024);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function time(run: () => unknown, repeats: number, inner: number): number {
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) run();
    samples.push((performance.now() - t0) / inner);
  }
  return median(samples);
}

const NEEDLES = ['@', 'NHS', 'born', 'DOB', 'aged', '07', '+44'];
const baseline = () => NEEDLES.filter((n) => text.includes(n)).length;
// Warm up both so the JIT has compiled them before measuring.
for (let i = 0; i < 20; i++) {
  scanText(text);
  baseline();
}
// Worst case: one sentence about a child makes the date parser run over the whole text.
const CHILD = ' Jamie, aged 7, was placed on 3 March 2019.';
const withChild = text.slice(0, text.length - CHILD.length) + CHILD;
const findings = scanText(text).length;
const childFindings = scanText(withChild).length;
const scanMs = time(() => scanText(text), 31, 5);
const childMs = time(() => scanText(withChild), 31, 5);
const baseMs = time(baseline, 31, 2000);
const kb = text.length / 1024;
console.log(`text: ${text.length} characters, ${findings} findings (clean prose)`);
console.log(
  `scanText: median ${scanMs.toFixed(3)} ms per 5 KB = ${(kb / (scanMs / 1000) / 1024).toFixed(2)} MB/s`,
);
console.log(
  `scanText with one child sentence (${childFindings} findings): median ${childMs.toFixed(3)} ms per 5 KB = ${(kb / (childMs / 1000) / 1024).toFixed(2)} MB/s`,
);
console.log(
  `baseline (String.prototype.includes × ${NEEDLES.length}): median ${(baseMs * 1000).toFixed(2)} µs per 5 KB`,
);
console.log(
  `ratio scanText / baseline: ${(scanMs / baseMs).toFixed(0)}× (clean), ${(childMs / baseMs).toFixed(0)}× (with child sentence)`,
);
