// 技术处理引擎: start-up, memory with the gazetteer loaded, whole-pipeline throughput on one core,
// and detection quality per type on the evaluation corpora (the same library `hutong eval` runs),
// with jieba's `nr` tags as a PERSON baseline. Reads the corpora from /work/shared/data at bench
// time (BENCH_REDACT_DATA moves it); nothing of them ships.
// Usage: node --import tsx bench/redact.bench.ts        (BENCH_REDACT_SKIP_EVAL=1: speed only)
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { machine, mib, report } from './bench-context.ts';
import type { EvalFormat, Predictor } from '../packages/redact/src/eval/index.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const DATA = process.env.BENCH_REDACT_DATA ?? '/work/shared/data';
const SKIP_EVAL = process.env.BENCH_REDACT_SKIP_EVAL === '1';

// --- start-up: import, construct, first document (lazy loads: gazetteer, tagger model) ---
gc();
const base = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
const t0 = performance.now();
const redact = await import('../packages/redact/src/index.ts');
const evalLib = await import('../packages/redact/src/eval/index.ts');
const tImport = performance.now();
const engine = new redact.RedactEngine();
const tConstruct = performance.now();
engine.detect('松溪县郑墩镇郑墩村的王小明，电话13912345678，就读于郑墩中心小学。');
const tFirst = performance.now();
gc();
const loaded = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
const startup = {
  importMs: Math.round(tImport - t0), constructMs: Math.round(tConstruct - tImport), firstDetectMs: Math.round(tFirst - tConstruct),
  startupMs: Math.round(tFirst - t0),
  detectors: engine.detectors.map((d) => d.name).join(','),
  rssBefore: mib(base.rss), rssLoaded: mib(loaded.rss), heapLoaded: mib(loaded.heap), heapAdded: mib(loaded.heap - base.heap),
};
console.error('start-up', startup);

// --- throughput: a mixed corpus as documents of about 2,000 characters ---
const read = (p: string) => fs.readFileSync(path.join(DATA, p), 'utf8');
const sentences: string[] = [];
for (const f of ['ner/peoples_daily/dev.bio']) for (const d of evalLib.readCorpus('bio', read(f)).docs) sentences.push(d.text);
for (const f of ['ner/weibo/train.conll', 'ner/weibo/dev.conll']) for (const d of evalLib.readCorpus('conll', read(f)).docs) sentences.push(d.text);
for (const f of ['ner/cluener2020/train.json', 'ner/cluener2020/dev.json']) for (const d of evalLib.readCorpus('cluener', read(f)).docs) sentences.push(d.text);
for (const d of evalLib.readCorpus('bdci', read('ner/bdci2020/docs.jsonl')).docs) sentences.push(d.text);
const docs: string[] = [];
let cur = '';
for (const s of sentences) {
  cur += s + (s.endsWith('。') ? '' : '。');
  if (cur.length >= 2000) { docs.push(cur); cur = ''; }
}
if (cur) docs.push(cur);
const chars = docs.reduce((n, d) => n + [...d].length, 0);

function timed(fn: () => void): { seconds: number; cpuSeconds: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - w0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
}
// One warm-up pass over a slice so the JIT has settled before the measured passes.
for (const d of docs.slice(0, 50)) redact.redactText(engine, d, { preset: 'news' });
let findings = 0;
const det = timed(() => { for (const d of docs) findings += engine.detect(d).length; });
const pipe = timed(() => { for (const d of docs) redact.redactText(engine, d, { preset: 'news' }); });
gc();
const after = process.memoryUsage();
report('redact', {
  ...startup,
  docs: docs.length, chars, findings,
  detectSeconds: det.seconds.toFixed(2), detectCharsPerSecond: Math.round(chars / det.seconds), detectCharsPerCpuSecond: Math.round(chars / det.cpuSeconds),
  pipelineSeconds: pipe.seconds.toFixed(2), pipelineCharsPerSecond: Math.round(chars / pipe.seconds), pipelineCharsPerCpuSecond: Math.round(chars / pipe.cpuSeconds),
  rssAfter: mib(after.rss), heapAfter: mib(after.heapUsed), peakRss: mib(process.resourceUsage().maxRSS * 1024),
});

if (!SKIP_EVAL) {
  // --- quality: the corpora and types of docs/benchmarks.md ---
  const { Jieba } = await import('@node-rs/jieba');
  const { dict } = await import('@node-rs/jieba/dict.js');
  const jieba = Jieba.withDict(dict);
  /** jieba's part-of-speech `nr` (person name) as PERSON spans: the baseline a tagger must beat. */
  const jiebaPerson = (text: string) => {
    const out: Array<{ type: 'PERSON'; start: number; end: number }> = [];
    let at = 0;
    for (const w of jieba.tag(text, true)) {
      const i = text.indexOf(w.word, at);
      if (i < 0) continue;
      if (w.tag === 'nr') out.push({ type: 'PERSON', start: i, end: i + w.word.length });
      at = i + w.word.length;
    }
    return out;
  };
  const runs: Array<[string, string, EvalFormat, string[]]> = [
    ['人民日报 dev', 'ner/peoples_daily/dev.bio', 'bio', ['PERSON']],
    ['微博 dev', 'ner/weibo/dev.conll', 'conll', ['PERSON']],
    ['BDCI 2020', 'ner/bdci2020/docs.jsonl', 'bdci', ['PERSON', 'ADDRESS', 'PHONE', 'EMAIL', 'QQ', 'WECHAT']],
    ['CLUENER dev', 'ner/cluener2020/dev.json', 'cluener', ['PERSON', 'ADDRESS']],
    ['地址 dev', 'address/dev.txt', 'address', ['ADDRESS']],
  ];
  const rows: string[] = [];
  const pct = (x: number) => (x * 100).toFixed(1);
  for (const [label, file, format, types] of runs) {
    const { docs: gold } = evalLib.readCorpus(format, read(file));
    const systems: Array<[string, Predictor]> = [['引擎', (t) => engine.detect(t)]];
    if (types.includes('PERSON')) systems.push(['jieba nr', jiebaPerson]);
    for (const [system, predict] of systems) {
      const r = evalLib.evaluate(gold, predict, { types: system === '引擎' ? types as never : ['PERSON'] });
      for (const t of r.types) {
        report('redact-eval', {
          corpus: label, file, system, type: t.type, docs: r.docs, chars: r.chars,
          gold: t.exact.gold, predicted: t.exact.predicted, correct: t.exact.correct,
          exactP: pct(t.exact.precision), exactR: pct(t.exact.recall), exactF1: pct(t.exact.f1),
          charP: pct(t.chars.precision), charR: pct(t.chars.recall), charF1: pct(t.chars.f1), charsPerSecond: r.charsPerSecond,
        });
        rows.push(`| ${label} | ${system} | ${t.type} | ${t.exact.gold} | ${t.exact.predicted} | ${pct(t.exact.precision)} | ${pct(t.exact.recall)} | ${pct(t.exact.f1)} | ${pct(t.chars.precision)} | ${pct(t.chars.recall)} | ${pct(t.chars.f1)} | ${r.charsPerSecond.toLocaleString('en-US')} |`);
      }
    }
  }
  // The address corpus by template: how much the words around an address (家住, 寄到, none) matter.
  const { docs: addresses } = evalLib.readCorpus('address', read('address/dev.txt'));
  const byTemplate = evalLib.ADDRESS_TEMPLATES.map((tpl, k) => {
    const r = evalLib.evaluate(addresses.filter((_, i) => i % evalLib.ADDRESS_TEMPLATES.length === k), (t) => engine.detect(t), { types: ['ADDRESS'] });
    const t = r.types[0]!;
    return `${tpl.replace('{}', '…')} 精确 F1 ${pct(t.exact.f1)}，字符 F1 ${pct(t.chars.f1)}`;
  });
  report('redact-eval-address-templates', { templates: byTemplate.join('；') });
  console.log(`\n${machine()}\n`);
  for (const line of byTemplate) console.log(`- ${line}`);
  console.log('| 语料 | 系统 | 类型 | 标注 | 识别 | 精确 P | 精确 R | 精确 F1 | 字符 P | 字符 R | 字符 F1 | 字/秒 |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
}
