// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package/file, and
// total (inclusive) time of the functions that matter. Usage:
//   node --import tsx bench/cpuprofile-top.ts file.cpuprofile [topN] [filter-regex-for-inclusive] [within-regex]
// `within` keeps only samples whose stack passes through a function matching it (e.g. "^entry ").
import fs from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
const [file, topArg, filter, within] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuprofile-top.ts file.cpuprofile [topN] [regex]');
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const top = Number(topArg ?? 25);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const short = (url: string) => url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:').replace(/.*\/packages\//, 'pk:');
const label = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
if (within) {
  const w = new RegExp(within);
  for (const id of [...selfUs.keys()]) {
    let hit = false;
    for (let cur: number | undefined = id; cur !== undefined && !hit; cur = parent.get(cur)) hit = w.test(label(byId.get(cur)!));
    if (!hit) selfUs.delete(id);
  }
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const pkg = (n: Node) => {
  const u = n.callFrame.url;
  if (!u) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1]!;
  if (u.startsWith('node:')) return u;
  return short(u).replace(/:\d+$/, '');
};
const sum = (key: (n: Node) => string) => {
  const m = new Map<string, number>();
  for (const [id, us] of selfUs) { const k = key(byId.get(id)!); m.set(k, (m.get(k) ?? 0) + us); }
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`profile ${file}: ${(total / 1e6).toFixed(2)} s sampled`);
console.log('\n-- self time by function --');
for (const [k, us] of sum(label).slice(0, top)) console.log(pct(us), k);
console.log('\n-- self time by package / file --');
for (const [k, us] of sum(pkg).slice(0, top)) console.log(pct(us), k);
// Inclusive time: a sample counts once for every distinct function on its stack.
const incl = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(byId.get(cur)!);
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + us); }
  }
}
const re = filter ? new RegExp(filter) : /pk:/;
console.log(`\n-- inclusive time, functions matching ${re} --`);
for (const [k, us] of [...incl.entries()].filter(([k]) => re.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(pct(us), k);
