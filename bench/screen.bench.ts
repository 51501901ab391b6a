// Leak screening (issue 7): a package from N synthetic children (default 1,000,000) — build time,
// size, load time and memory; scan throughput per core on real Chinese text; false hits per
// million real posts; what planted disclosures are found; JetStream throughput with 1, 2 and 4
// workers. Real text is read from /work/shared/data at bench time (BENCH_SCREEN_DATA moves it).
// Usage: node --import tsx bench/screen.bench.ts [N]
//   BENCH_REUSE=name keeps the built package in the temp dir and reuses it (the 1M build takes minutes)
//   BENCH_SCREEN_SKIP_NATS=1 skips the JetStream part; BENCH_SCREEN_NATS_POSTS=300000 posts per run; BENCH_SCREEN_REPEAT=5 scan passes
//   BENCH_SCREEN_LONG_NAMES=0.01 gives that share of children a Uyghur-style name of 8–12 汉字 (given + father's name)
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import {
  assemblePackage, deriveChildPrints, derivePackageKeys, encodeChildPrints, scanJsonl, Scanner, ScreeningPackage,
} from '../packages/screen/src/index.ts';
import { screeningCues } from '../packages/server/src/screen/screening-cues.ts';
import { natsServerBinary } from '../packages/screen/test/nats-server.ts';
import { machine, peakRssOf, report } from './bench-context.ts';
import { plantedPosts, realPosts } from './screen-posts.ts';
import { workerScaling } from './screen-jetstream.ts';
import { syntheticRegistry, type SyntheticChild } from './screen-synthetic.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const N = Number(process.argv[2] ?? 1_000_000);
const DATA = process.env.BENCH_SCREEN_DATA ?? '/work/shared/data';
const REPEAT = Number(process.env.BENCH_SCREEN_REPEAT ?? 5);
const SAMPLE = 2_000;
const reuse = process.env.BENCH_REUSE;
const longShare = Number(process.env.BENCH_SCREEN_LONG_NAMES ?? 0);
// Common transliterated given names, paired as given + father's name (576 combinations): synthetic.
const UYGHUR = ['阿卜杜热依木', '麦麦提敏', '努尔艾合买提', '阿不都拉', '热合曼', '吐尔逊', '艾力', '买买提', '阿依古丽', '帕提古丽', '古丽米拉', '阿卜杜克热木',
  '艾则孜', '阿迪力', '伊力哈木', '玉素甫', '依明', '托合提', '热依拉', '米热古丽', '祖丽皮亚', '努尔比亚', '阿曼古丽', '吾买尔'];
const longName = (i: number) => {
  for (let h = Math.imul(i + 1, 2654435761) >>> 0; ; h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0) {
    const n = UYGHUR[h % 24]! + UYGHUR[(h >>> 8) % 24]!;
    if (n.length >= 8 && n.length <= 12) return n;
  }
};
const withLongName = (c: SyntheticChild, i: number): SyntheticChild => (longShare > 0 && i % Math.round(1 / longShare) === 0 ? { ...c, name: longName(i), names: [longName(i)] } : c);
const dir = reuse ? path.join(os.tmpdir(), `hutong-bench-screen-${reuse}`) : fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-screen-'));
fs.mkdirSync(dir, { recursive: true });
const pkgFile = path.join(dir, `screen-${N}${longShare ? `-long${longShare}` : ''}.pkg`);
const refOf = (i: number) => createHash('sm3').update(`bench-ref:${i}`).digest().subarray(0, 16);
const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
const mb = (n: number) => Math.round(n / 1e4) / 100;

// --- build: derive every child's prints (HMAC-SM3), then assemble ---
const sample: SyntheticChild[] = [];
if (!fs.existsSync(pkgFile)) {
  const packageKey = randomBytes(32), keys = derivePackageKeys(packageKey);
  const rows: Array<{ ref: Buffer; prints: Buffer }> = [];
  let w0 = performance.now(), c0 = cpuNow();
  let i = 0;
  for (const raw of syntheticRegistry(N, DATA)) {
    const c = withLongName(raw, i);
    if (i < SAMPLE) sample.push(c);
    rows.push({ ref: refOf(i++), prints: encodeChildPrints(deriveChildPrints(keys, c)) });
  }
  const derive = { wall: (performance.now() - w0) / 1000, cpu: cpuNow() - c0 };
  w0 = performance.now(); c0 = cpuNow();
  const { bytes, stats } = assemblePackage({
    packageKey, epoch: 1, version: 1, createdAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000), children: () => rows, cues: screeningCues(),
  });
  const assemble = { wall: (performance.now() - w0) / 1000, cpu: cpuNow() - c0 };
  fs.writeFileSync(pkgFile, bytes, { mode: 0o600 });
  const storedPrints = rows.reduce((n, r) => n + r.prints.length + r.ref.length, 0);
  report('screen-build', {
    children: N, fingerprints: stats.fingerprints, pairs: stats.pairs, distinctNames: stats.distinctNames,
    nameOccupancy: stats.nameOccupancy.toFixed(3), contextOccupancy: stats.contextOccupancy.toFixed(3),
    packageMiB: (bytes.length / 2 ** 20).toFixed(1), storedPrintsMiB: (storedPrints / 2 ** 20).toFixed(1),
    deriveSeconds: derive.wall.toFixed(1), deriveCpuSeconds: derive.cpu.toFixed(1), deriveChildrenPerCpuSecond: Math.round(N / derive.cpu),
    assembleSeconds: assemble.wall.toFixed(1), assembleCpuSeconds: assemble.cpu.toFixed(1),
  });
  rows.length = 0;
} else {
  let i = 0;
  for (const c of syntheticRegistry(SAMPLE, DATA)) if (i < SAMPLE) sample.push(withLongName(c, i++));
  console.error(`reusing ${pkgFile}`);
}

// --- load (in this process) ---
const w0 = performance.now();
const pkg = ScreeningPackage.open(pkgFile).assertCurrent();
report('screen-load', { children: pkg.header.children, packageMiB: (fs.statSync(pkgFile).size / 2 ** 20).toFixed(1), loadMs: Math.round(performance.now() - w0) });

// --- throughput on one core: real posts, in memory and through JSONL ---
const posts = realPosts(DATA);
const bytes = posts.reduce((n, p) => n + Buffer.byteLength(p.text), 0);
const scanner = new Scanner(pkg);
for (const p of posts.slice(0, 3000)) scanner.scan(p.text);
// Each pass timed alone: on a shared machine the best pass is the closest to an idle core.
const passes: Array<{ wall: number; cpu: number }> = [];
for (let r = 0; r < REPEAT; r++) {
  const w = performance.now(), c = cpuNow();
  for (const p of posts) scanner.scan(p.text);
  passes.push({ wall: (performance.now() - w) / 1000, cpu: cpuNow() - c });
}
const byCpu = [...passes].sort((a, b) => a.cpu - b.cpu);
const best = byCpu[0]!, median = byCpu[Math.floor(byCpu.length / 2)]!;
const st = scanner.stats, chars = posts.reduce((n, p) => n + [...p.text].length, 0);
report('screen-throughput', {
  posts: posts.length, mb: mb(bytes), passes: REPEAT,
  bestMbPerCpuSecond: mb(bytes / best.cpu), medianMbPerCpuSecond: mb(bytes / median.cpu), bestMbPerSecond: mb(bytes / Math.min(...passes.map((p) => p.wall))),
  charsPerCpuSecond: Math.round(chars / best.cpu),
  nameCandidatesPerKChar: ((st.nameCandidates / st.chars) * 1000).toFixed(1), contextCandidatesPerKChar: ((st.contextCandidates / st.chars) * 1000).toFixed(2),
  pairChecksPerKChar: ((st.pairProbes / st.chars) * 1000).toFixed(1), hmacsPerMChar: ((st.hmacs / st.chars) * 1e6).toFixed(1),
});
const jsonl = path.join(dir, 'posts.jsonl');
fs.writeFileSync(jsonl, posts.map((p, i) => JSON.stringify({ id: i, text: p.text })).join('\n') + '\n');
// Three passes (the first warms this path's JIT too); the best is reported.
const jsonlRuns: Array<{ bytes: number; wall: number; cpu: number }> = [];
for (let r = 0; r < 3; r++) {
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const w = performance.now(), c = cpuNow();
  const res = await scanJsonl(new Scanner(pkg), fs.createReadStream(jsonl), sink, () => {});
  jsonlRuns.push({ bytes: res.bytes, wall: (performance.now() - w) / 1000, cpu: cpuNow() - c });
}
const bestJsonl = [...jsonlRuns].sort((a, b) => a.cpu - b.cpu)[0]!;
report('screen-throughput-jsonl', {
  lines: posts.length, mb: mb(bestJsonl.bytes), runs: jsonlRuns.length,
  bestMbPerCpuSecond: mb(bestJsonl.bytes / bestJsonl.cpu), bestMbPerSecond: mb(bestJsonl.bytes / Math.min(...jsonlRuns.map((r) => r.wall))),
});

// --- the command an operator runs, as its own process: wall time and peak memory ---
{
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'packages/cli/bin/hutong.js'), 'screen', 'scan', '--package', pkgFile, '--in', jsonl, '--out', path.join(dir, 'hits.jsonl')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let peak = 0, stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
  const sampler = setInterval(() => { peak = Math.max(peak, peakRssOf(child.pid!) ?? 0); }, 50);
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`hutong screen scan exited ${code}: ${stderr}`);
  report('screen-cli-scan', { mb: mb(fs.statSync(jsonl).size), seconds: ((performance.now() - started) / 1000).toFixed(1), peakRssMiB: (peak / 2 ** 20).toFixed(0) });
}

// --- false hits: real text, no registered child in it ---
const falseHits = new Map<string, number>();
const examples: string[] = [];
const fresh = new Scanner(pkg);
let hitPosts = 0;
for (const p of posts) {
  const hits = fresh.scan(p.text);
  if (!hits.length) continue;
  hitPosts++;
  falseHits.set(p.corpus, (falseHits.get(p.corpus) ?? 0) + hits.length);
  if (examples.length < 10) examples.push(`${hits[0]!.evidence.map((e) => `${e.kind}:${[...p.text].slice(e.start, e.end).join('')}`).join(' + ')} (${hits[0]!.score})`);
}
report('screen-false-hits', {
  posts: posts.length, postsWithHits: hitPosts, hitsPerMillionPosts: Math.round((hitPosts / posts.length) * 1e6),
  byCorpus: [...falseHits].map(([c, n]) => `${c}:${n}`).join(' ') || 'none', examples: examples.join(' | ') || 'none',
});

// --- planted disclosures of registered (synthetic) children ---
const planted = plantedPosts(sample);
const byKind = new Map<string, { n: number; found: number }>();
const finder = new Scanner(pkg);
for (const p of planted) {
  const want = refOf(p.child).toString('hex');
  const found = finder.scan(p.text).some((h) => h.child === want);
  const k = byKind.get(p.kind) ?? { n: 0, found: 0 };
  k.n++;
  if (found) k.found++;
  byKind.set(p.kind, k);
}
report('screen-planted', Object.fromEntries([...byKind].map(([k, v]) => [k, `${v.found}/${v.n}`])));

// --- JetStream workers ---
const natsBinary = natsServerBinary();
if (process.env.BENCH_SCREEN_SKIP_NATS !== '1' && natsBinary) {
  const lines: string[] = [];
  const volume = Number(process.env.BENCH_SCREEN_NATS_POSTS ?? 300_000);
  for (let r = 0; lines.length < volume; r++) posts.forEach((p, i) => lines.push(JSON.stringify({ id: `${r}-${i}`, text: p.text })));
  for (const res of await workerScaling(natsBinary, pkgFile, lines, [1, 2, 4])) {
    report('screen-jetstream', {
      workers: res.workers, posts: res.posts, seconds: res.seconds.toFixed(1), mbPerSecond: res.mbPerSecond.toFixed(2), postsPerSecond: Math.round(res.postsPerSecond),
      workerCpuSeconds: res.workerCpuSeconds.toFixed(1), natsCpuSeconds: res.natsCpuSeconds.toFixed(1), workerPeakRssMiB: res.workerRssMiB.toFixed(0), hitsStored: res.hits,
    });
  }
} else console.error(natsBinary ? 'JetStream part skipped (BENCH_SCREEN_SKIP_NATS=1)' : 'JetStream part skipped: nats-server not found');
console.error(machine());
if (!reuse) fs.rmSync(dir, { recursive: true, force: true });
