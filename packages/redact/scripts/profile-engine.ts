/**
 * Profiling harness for the 技术处理 engine (not a test, not the bench): start-up split into its
 * phases, memory with the gazetteer loaded, whole-pipeline detect() throughput (wall and CPU) on
 * ~2,000-character documents and on one large document, per-detector CPU shares, and a findings
 * fingerprint so an optimisation can be checked for unchanged behaviour.
 *
 *   node --import tsx packages/redact/scripts/profile-engine.ts [options]
 *     --set mixed|address|large|all   what to time (default all)
 *     --passes N                      timed passes per set (default 5; median and best reported)
 *     --fingerprint FILE              write every finding of every set to FILE (JSON lines) for diffing
 *     --no-detectors                  skip the per-detector breakdown
 *     --registry N                    also run the REGISTRY detector with N gold PERSON names (and as many
 *                                     gold ADDRESS spans as places, SCHOOL-like names as schools) as terms
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx packages/redact/scripts/profile-engine.ts --set mixed
 *
 * Corpora from /work/shared/data (PROFILE_DATA moves it): 人民日报 dev, 微博 train+dev, CLUENER
 * train+dev and BDCI 2020 as "mixed"; the address corpus (dev) in its templates as "address";
 * "large" is mixed + address joined into one document of ~LARGE_CHARS characters.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
};
const DATA = process.env.PROFILE_DATA ?? '/work/shared/data';
const SET = opt('set', 'all');
const PASSES = Number(opt('passes', '5'));
const FINGERPRINT = opt('fingerprint', '');
const LARGE_CHARS = Number(process.env.LARGE_CHARS ?? 2_000_000);
const mib = (b: number) => Math.round(b / 1048576);

// --- start-up, phase by phase ---
gc();
const base = process.memoryUsage();
const t0 = performance.now();
const divisions = await import('@hutong/divisions');
const redact = await import('../src/index.ts');
const gazetteerMod = await import('../src/detectors/place/gazetteer.ts');
const tImport = performance.now();
divisions.getDivisions();
const tTree = performance.now();
gazetteerMod.getGazetteer();
const tGaz = performance.now();
const engine0 = new redact.RedactEngine();
const tConstruct = performance.now();
engine0.detect('松溪县郑墩镇郑墩村的王小明，电话13912345678，就读于郑墩中心小学。');
const tFirst = performance.now();
gc();
const loaded = process.memoryUsage();
console.log(JSON.stringify({
  startup: {
    importMs: Math.round(tImport - t0), treeMs: Math.round(tTree - tImport), gazetteerMs: Math.round(tGaz - tTree),
    constructMs: Math.round(tConstruct - tGaz), firstDetectMs: Math.round(tFirst - tConstruct), totalMs: Math.round(tFirst - t0),
  },
  memory: { rssBefore: mib(base.rss), rssLoaded: mib(loaded.rss), heapLoaded: mib(loaded.heapUsed), heapAdded: mib(loaded.heapUsed - base.heapUsed), external: mib(loaded.external), arrayBuffers: mib(loaded.arrayBuffers) },
}));

// --- corpora ---
const evalLib = await import('../src/eval/index.ts');
const read = (p: string) => fs.readFileSync(path.join(DATA, p), 'utf8');
function chunk(sentences: readonly string[], size = 2000): string[] {
  const docs: string[] = [];
  let cur = '';
  for (const s of sentences) {
    cur += s + (s.endsWith('。') ? '' : '。');
    if (cur.length >= size) { docs.push(cur); cur = ''; }
  }
  if (cur) docs.push(cur);
  return docs;
}
const mixedSentences: string[] = [];
for (const d of evalLib.readCorpus('bio', read('ner/peoples_daily/dev.bio')).docs) mixedSentences.push(d.text);
for (const f of ['ner/weibo/train.conll', 'ner/weibo/dev.conll']) for (const d of evalLib.readCorpus('conll', read(f)).docs) mixedSentences.push(d.text);
for (const f of ['ner/cluener2020/train.json', 'ner/cluener2020/dev.json']) for (const d of evalLib.readCorpus('cluener', read(f)).docs) mixedSentences.push(d.text);
for (const d of evalLib.readCorpus('bdci', read('ner/bdci2020/docs.jsonl')).docs) mixedSentences.push(d.text);
const addressSentences = evalLib.readCorpus('address', read('address/dev.txt')).docs.map((d) => d.text);
const sets: Record<string, string[]> = {
  mixed: chunk(mixedSentences),
  address: chunk(addressSentences),
};
let large = '';
for (const s of [...sets.mixed!, ...sets.address!]) { if (large.length >= LARGE_CHARS) break; large += s; }
sets.large = [large];
const chosen = SET === 'all' ? Object.keys(sets) : SET.split(',');

let engine = engine0;
const REGISTRY = Number(opt('registry', '0'));
if (REGISTRY > 0) {
  // Registry terms from the corpora's own gold spans, so they do occur in the text.
  const persons = new Set<string>(), places = new Set<string>(), schools = new Set<string>();
  const gold = [
    ...evalLib.readCorpus('bio', read('ner/peoples_daily/dev.bio')).docs,
    ...evalLib.readCorpus('conll', read('ner/weibo/train.conll')).docs,
    ...evalLib.readCorpus('cluener', read('ner/cluener2020/train.json')).docs,
  ];
  for (const d of gold) for (const sp of d.spans) {
    const t = d.text.slice(sp.start, sp.end);
    if (sp.type === 'PERSON' && persons.size < REGISTRY) persons.add(t);
    else if (sp.type === 'ADDRESS' && places.size < REGISTRY) places.add(t);
  }
  for (const m of mixedSentences.join('').matchAll(/[\p{Script=Han}]{2,6}(?:小学|中学|大学)/gu)) if (schools.size < REGISTRY / 10) schools.add(m[0]);
  engine = new redact.RedactEngine({ registry: { persons: [...persons], places: [...places], schools: [...schools] } });
  console.log(JSON.stringify({ registry: { persons: persons.size, places: places.size, schools: schools.size } }));
}

function cpuTimed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - w0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Warm-up so the JIT has settled (as the bench does).
for (const d of sets.mixed!.slice(0, 50)) engine.detect(d);
for (const d of sets.address!.slice(0, 20)) engine.detect(d);

const fp = FINGERPRINT ? fs.openSync(FINGERPRINT, 'w') : -1;
for (const name of chosen) {
  const docs = sets[name]!;
  const units = docs.reduce((n, d) => n + d.length, 0);
  let findings = 0;
  if (fp >= 0) {
    for (const d of docs) {
      const fs_ = engine.detect(d);
      fs.writeSync(fp, JSON.stringify(fs_) + '\n');
    }
  }
  const walls: number[] = [], cpus: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    findings = 0;
    const t = cpuTimed(() => { for (const d of docs) findings += engine.detect(d).length; });
    walls.push(t.wall); cpus.push(t.cpu);
  }
  const row: Record<string, unknown> = {
    set: name, docs: docs.length, chars: units, findings,
    charsPerSecMedian: Math.round(units / median(walls)), charsPerSecBest: Math.round(units / Math.min(...walls)),
    charsPerCpuSecMedian: Math.round(units / median(cpus)), charsPerCpuSecBest: Math.round(units / Math.min(...cpus)),
  };
  if (!args.includes('--no-detectors')) {
    const per: Record<string, number> = {};
    for (const d of engine.detectors) {
      const ts: number[] = [];
      for (let p = 0; p < Math.max(1, Math.min(3, PASSES)); p++) ts.push(cpuTimed(() => { for (const doc of docs) d.detect(doc); }).cpu);
      per[d.name] = Math.round(units / median(ts));
    }
    const all: import('../src/types.ts').Finding[][] = docs.map((doc) => engine.detectors.flatMap((d) => d.detect(doc)));
    const rs: number[] = [];
    for (let p = 0; p < 3; p++) rs.push(cpuTimed(() => { for (const f of all) redact.resolveOverlaps(f); }).cpu);
    per.resolveOverlaps = Math.round(units / median(rs));
    row.charsPerCpuSecByDetector = per;
  }
  console.log(JSON.stringify(row));
}
if (fp >= 0) fs.closeSync(fp);
gc();
const after = process.memoryUsage();
console.log(JSON.stringify({ memoryAfter: { rss: mib(after.rss), heap: mib(after.heapUsed), peakRss: mib(process.resourceUsage().maxRSS * 1024) } }));
