/**
 * PERSON figures, ours vs @node-rs/jieba 'nr' tags, on eval sets (never trained on):
 *
 *   cd /work/main && npx tsx packages/redact/scripts/measure-person.ts [--no-jieba] [--set=peoples] [--model=path] [--recall-bias=10]
 *
 * Prints set, tagger, exact-span P/R/F1, char-level recall and chars/s (CPU time, one core;
 * per-sentence rows include the scoring overhead, the long-document lines do not).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readModel } from '../src/detectors/person/model-file.ts';
import { readWords, wordsPathFor } from '../src/detectors/person/words-file.ts';
import { loadPersonModel, MODEL_PATH, personDetector } from '../src/detectors/person/index.ts';
import { Tagger } from '../src/detectors/person/tagger.ts';
import { bdci, cluener, peoplesDaily, resume, uner, weibo, type Sample } from './person/corpora.ts';
import { score, type SpanTagger } from './person/score.ts';

const require = createRequire(import.meta.url);
/** CPU seconds of this process: the 2 shared vCPUs make wall time depend on the neighbours. */
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const modelPath = process.argv.find((a) => a.startsWith('--model='))?.slice(8);
const recallBias = Number(process.argv.find((a) => a.startsWith('--recall-bias='))?.slice(14) ?? 0);

function jiebaTagger(): SpanTagger {
  const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): { tag(t: string): Array<{ word: string; tag: string }> } } };
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  return {
    spans(text) {
      const out: Array<{ start: number; end: number }> = [];
      let pos = 0;
      for (const { word, tag } of jieba.tag(text)) {
        if (tag === 'nr') out.push({ start: pos, end: pos + word.length });
        pos += word.length;
      }
      return out;
    },
  };
}

function ours(): SpanTagger {
  const d = personDetector({ modelPath, recallBias });
  return { spans: (text) => d.detect(text) };
}

const sets: Array<[string, () => Sample[]]> = [
  ['peoples_daily dev PER', peoplesDaily], ['weibo dev PER.NAM', () => weibo('dev')], ['uner_zh test PER', () => uner('test')],
  ['cluener dev name', cluener], ['bdci2020 name', bdci], ['resume dev NAME', () => resume('dev')],
];
const taggerOnly = (): SpanTagger => { const t = new Tagger({ ...loadPersonModel(modelPath), oBias: recallBias }); return { spans: (text) => t.spans(text) }; };
const taggers: Array<[string, () => SpanTagger]> = [['hutong person', ours], ['hutong tagger only', taggerOnly]];
if (!process.argv.includes('--no-jieba')) taggers.push(['jieba nr', jiebaTagger]);
const only = process.argv.find((a) => a.startsWith('--set='))?.slice(6);

const rows: string[][] = [['set', 'tagger', 'P', 'R', 'F1', 'charR', 'chars/s']];
for (const [name, load] of sets) {
  if (only && !name.startsWith(only)) continue;
  const data = load();
  const chars = data.reduce((a, s) => a + s.text.length, 0);
  for (const [tname, make] of taggers) {
    const t = make();
    score(t, data); // warm-up pass: JIT, buffers; the timed pass is steady state
    const t0 = cpu();
    const m = score(t, data);
    const secs = cpu() - t0;
    rows.push([name, tname, m.p.toFixed(3), m.r.toFixed(3), m.f1.toFixed(3), m.charRecall.toFixed(3), Math.round(chars / secs).toLocaleString('en')]);
  }
}
const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i]! + 1)).join('| '));

// Throughput on one long document (the engine's real case) and cold model load time.
{
  const doc = peoplesDaily().map((s) => s.text).join('\n');
  const big = Array.from({ length: 5 }, () => doc).join('\n');
  const t0 = performance.now();
  readModel(readFileSync(modelPath ?? MODEL_PATH), readWords(readFileSync(wordsPathFor(modelPath ?? MODEL_PATH)))); // uncached: what a fresh process pays
  const loadMs = performance.now() - t0;
  const d = personDetector({ modelPath });
  const tagger = new Tagger(loadPersonModel(modelPath));
  for (const [label, run] of [['detector', () => d.detect(big)], ['tagger only', () => tagger.spans(big)]] as const) {
    run();
    const t1 = cpu();
    for (let k = 0; k < 3; k++) run();
    const secs = cpu() - t1;
    console.log(`${label}: ${Math.round((3 * big.length) / secs).toLocaleString('en')} chars/s on one ${big.length.toLocaleString('en')}-char document`);
  }
  console.log(`model load (gunzip + parse): ${loadMs.toFixed(0)} ms`);
}
