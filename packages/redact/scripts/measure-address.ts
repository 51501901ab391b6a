/**
 * Address recall against real address queries (eval-only data, never shipped): each address of
 * /work/shared/data/address/dev.txt is placed in a sentence and we report the share of its
 * characters below county level covered by ADDRESS findings, plus speed, start-up and memory.
 *
 *   node --expose-gc --import tsx packages/redact/scripts/measure-address.ts [dev.txt] [--misses N]
 */
import { readFileSync } from 'node:fs';
import { RedactEngine } from '../src/engine.ts';
import { placeDetectors } from '../src/detectors/place/index.ts';
import { getGazetteer } from '../src/detectors/place/gazetteer.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/u.test(a)) ?? '/work/shared/data/address/dev.txt';
const missesArg = args.indexOf('--misses');
const showMisses = missesArg >= 0 ? Number(args[missesArg + 1] ?? 20) : 0;
/** Labels at or above county level: everything else is what a home address must not reveal. */
const ABOVE_COUNTY = new Set(['country', 'prov', 'city', 'district']);
/** Not part of the place itself (recipient names, "电联", separators): reported separately. */
const NOT_PLACE = new Set(['redundant', 'person', 'assist', 'otherinfo']);
const PREFIX = '我家住在', SUFFIX = '，欢迎来玩。';

interface Address { text: string; labels: string[] }

function readBio(path: string): Address[] {
  const out: Address[] = [];
  let text = '', labels: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) {
      if (text) out.push({ text, labels });
      text = ''; labels = [];
      continue;
    }
    const sp = line.lastIndexOf(' ');
    const tok = line.slice(0, sp), label = line.slice(sp + 1).replace(/^[BI]-/u, '').toLowerCase();
    text += tok;
    for (let k = 0; k < tok.length; k++) labels.push(label);
  }
  if (text) out.push({ text, labels });
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
/** CPU time as well as wall time: on a shared machine the wall clock measures the neighbours. */
const cpuMs = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const t = performance.now(), c0 = cpuMs();
getGazetteer();
const startupMs = performance.now() - t, startupCpu = cpuMs() - c0;
gc?.();
const after = process.memoryUsage();

const engine = new RedactEngine({ detectors: placeDetectors() });
const addresses = readBio(file);
const perLabel = new Map<string, [number, number]>();
let below = 0, covered = 0, strictBelow = 0, strictCovered = 0, overshoot = 0;
const misses: string[] = [];
for (const a of addresses) {
  const sentence = PREFIX + a.text + SUFFIX;
  const hit = new Uint8Array(sentence.length);
  for (const f of engine.detect(sentence, { types: ['ADDRESS'] })) {
    for (let k = f.start; k < f.end; k++) hit[k] = 1;
    overshoot += Math.max(0, PREFIX.length - f.start) + Math.max(0, f.end - (PREFIX.length + a.text.length));
  }
  let missed = '';
  a.labels.forEach((label, k) => {
    if (ABOVE_COUNTY.has(label)) return;
    const got = hit[PREFIX.length + k]!;
    const entry = perLabel.get(label) ?? [0, 0];
    entry[0]++; entry[1] += got;
    perLabel.set(label, entry);
    below++; covered += got;
    if (!NOT_PLACE.has(label)) { strictBelow++; strictCovered += got; }
    if (!got) missed += a.text[k];
  });
  if (missed && misses.length < showMisses) misses.push(`${a.text}  ← missed ${missed}`);
}

// Throughput: the whole dev set as one document of sentences.
const doc = addresses.map((a) => PREFIX + a.text + SUFFIX).join('');
const detectors = placeDetectors();
for (const d of detectors) d.detect(doc.slice(0, 20000)); // warm the JIT
/** Chars per CPU second over ~2 s of repeated runs. */
function speedOf(text: string, run: () => void): number {
  const c = cpuMs();
  let rounds = 0;
  while (cpuMs() - c < 2000) { run(); rounds++; }
  return (text.length * rounds) / ((cpuMs() - c) / 1000);
}
const speed = (run: () => void): number => speedOf(doc, run);
const perSec = speed(() => { for (const d of detectors) d.detect(doc); });
const addressPerSec = speed(() => detectors[0]!.detect(doc));
// Running prose, where addresses are rare: People's Daily (eval-only), if present.
const PROSE = '/work/shared/data/ner/peoples_daily/dev.bio';
let prose = '';
try {
  prose = readFileSync(PROSE, 'utf8').split('\n').map((l) => l.split(' ')[0] ?? '').join('');
} catch { /* optional */ }
const prosePerSec = prose ? speedOf(prose, () => { for (const d of detectors) d.detect(prose); }) : 0;
const proseFindings = prose ? detectors.map((d) => `${d.name} ${d.detect(prose).length}`).join(', ') : '';

const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(2) : '-') + '%';
const mb = (n: number): string => (n / 2 ** 20).toFixed(1) + ' MB';
console.log(`addresses: ${addresses.length}, sentence: ${PREFIX}{address}${SUFFIX}`);
console.log(`below-county coverage (all labels but country/prov/city/district): ${pct(covered, below)} of ${below} chars`);
console.log(`  place parts only (also without redundant/person/assist/otherinfo): ${pct(strictCovered, strictBelow)} of ${strictBelow} chars`);
console.log(`  spilled outside the address: ${overshoot} chars`);
for (const [label, [n, c]] of [...perLabel].sort((x, y) => y[1][0] - x[1][0])) console.log(`  ${label.padEnd(10)} ${pct(c, n).padStart(8)} of ${n}`);
console.log(`start-up (division tree + gazetteer, first call): ${startupMs.toFixed(0)} ms wall, ${startupCpu.toFixed(0)} ms CPU`);
console.log(`heap after loading: +${mb(after.heapUsed - before.heapUsed)} JS heap, +${mb(after.arrayBuffers - before.arrayBuffers)} typed arrays; RSS ${mb(after.rss)}`);
console.log(`throughput: ${(perSec / 1e6).toFixed(2)} M chars/s (ADDRESS+SCHOOL), ${(addressPerSec / 1e6).toFixed(2)} M chars/s (ADDRESS), per CPU second, ${doc.length} chars/doc`);
if (prose) console.log(`throughput on prose (People's Daily dev, ${prose.length} chars): ${(prosePerSec / 1e6).toFixed(2)} M chars/s (ADDRESS+SCHOOL); findings: ${proseFindings}`);
if (misses.length) console.log('\nmisses:\n' + misses.join('\n'));
process.stdout.on('error', () => {}); // piping into head must not crash the report
