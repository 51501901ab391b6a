/**
 * Trains the PERSON tagger (averaged structured perceptron, BIOES, hashed char features) and
 * writes packages/redact/model/person-tagger.bin.gz and, beside it, the word table
 * person-tagger.words.txt.gz derived from the jieba dictionary in npm @node-rs/jieba (MIT).
 * Reads /work/shared/data (ship sets only).
 *
 *   cd /work/main && npx tsx packages/redact/scripts/train-person.ts [--epochs 3] [--synth 30000] [--neg 30000] [--subject 0.33] [--decoy 0.4] [--word-freq 5] [--dict-decoy 1] [--decoy-freq 50] [--nr-keep 0.75] [--lex-keep 0.5] [--jieba-names 0] [--bits 18] [--seed 20261122]
 *
 * Deterministic: fixed seeds for the split, synthesis and shuffling.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bloomAdd, encode, NAME_PREFIX_BITS, features, lookupNames, type NameBloom, N_FEATS, N_TAGS, newWordTable, PAD, T_B, T_E, T_I, T_S, WORD_NAME, wordAdd } from '../src/detectors/person/features.ts';
import { readWords, writeWords, wordsPathFor } from '../src/detectors/person/words-file.ts';
import { deriveWords, dictDecoys } from './person/words.ts';
import { writeModel } from '../src/detectors/person/model-file.ts';
import { Tagger, type TaggerModel } from '../src/detectors/person/tagger.ts';
import { DATA, uner, weibo, type Sample } from './person/corpora.ts';
import { bloomNames, charClasses, loadLexicons } from './person/lexicons.ts';
import { cleanClauses, decoyWords, rng, setExtraNames, setSubjectShare, swapNames, synthesise } from './person/synth.ts';
import { score } from './person/score.ts';

const arg = (k: string, d: number) => { const i = process.argv.indexOf(k); return i > 0 ? Number(process.argv[i + 1]) : d; };
const EPOCHS = arg('--epochs', 3), SYNTH = arg('--synth', 30000), BITS = arg('--bits', 18), REAL = arg('--real', 3), SWAPS = arg('--swaps', 2), NEG = arg('--neg', 30000), SUBJ = arg('--subject', 0.33), DECOY = arg('--decoy', 0.4), WORD_FREQ = arg('--word-freq', 5), DICT_DECOY = arg('--dict-decoy', 1), DECOY_FREQ = arg('--decoy-freq', 50), NR_KEEP = arg('--nr-keep', 0.75), JIEBA_NAMES = arg('--jieba-names', 0), LEX_KEEP = arg('--lex-keep', 0.5);
setSubjectShare(SUBJ);
const SEED = arg('--seed', 20261122);
const OUT = process.env.PERSON_MODEL_OUT ?? join(dirname(fileURLToPath(import.meta.url)), '../model/person-tagger.bin.gz');

function shuffle<T>(a: T[], r: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a;
}

function goldTags(s: Sample): Uint8Array {
  const g = new Uint8Array(s.text.length);
  for (const [a, b] of s.spans) {
    if (b - a === 1) { g[a] = T_S; continue; }
    g[a] = T_B; for (let k = a + 1; k < b - 1; k++) g[k] = T_I; g[b - 1] = T_E;
  }
  return g;
}

const t0 = Date.now();
const lex = loadLexicons();
const classes = charClasses(lex);
const r = rng(SEED);
/**
 * Lexicon-hit feature with dropout: training sees a bloom of half the names, so the tagger learns
 * that a name need not be in the lexicon; the shipped model carries the full lexicon.
 */
const BLOOM_BITS = 22;
// One prefix bitset from the full lexicon serves both blooms: it only skips probes that cannot hit.
const namePrefix = new Uint32Array(1 << (NAME_PREFIX_BITS - 5));
const fullBloom: NameBloom = { bits: BLOOM_BITS, words: new Uint32Array(1 << (BLOOM_BITS - 5)), prefix: namePrefix };
const trainBloom: NameBloom = { bits: BLOOM_BITS, words: new Uint32Array(1 << (BLOOM_BITS - 5)), prefix: namePrefix };
const lexNames = bloomNames(lex);
for (const w of lexNames) { bloomAdd(fullBloom, w); if (r() < LEX_KEEP) bloomAdd(trainBloom, w); }
/**
 * jieba-derived word table: the shipped one holds every word; training sees all ordinary words
 * but only half of the name-tagged ones (same dropout idea as the name bloom).
 */
const jw = deriveWords(WORD_FREQ);
const wordsBin = writeWords(jw, `PERSON tagger word table: derived from the jieba dictionary in npm @node-rs/jieba (MIT).\nAll-Han words of 2-4 chars (and single chars) with frequency >= ${WORD_FREQ}; a tab then 人 marks nr/nrfg/nrt (person names), 地 ns (places), 机 nt/nz (organisations, other proper nouns).\nBuilt by packages/redact/scripts/train-person.ts.`);
const fullWords = readWords(wordsBin);
const trainWords = newWordTable(jw.filter(([w]) => w.length > 1).length);
for (const [w, v, cost] of jw) if (v !== WORD_NAME || r() < NR_KEEP) wordAdd(trainWords, w, v, cost);
// A share of the synthetic name slots take jieba's name-tagged words (nr / nrt, frequency ≥ 20: the rarer ones are noisier).
setExtraNames(jw.filter(([w, v, cost]) => v === WORD_NAME && w.length <= 4 && cost <= Math.round(4 * Math.log(60101964 / 20))).map(([w]) => w), JIEBA_NAMES);
const split = (s: Sample[]) => { const a = shuffle([...s], r); const k = Math.floor(a.length * 0.1); return { held: a.slice(0, k), train: a.slice(k) }; };
const wb = split(weibo('train')), un = split(uner('train'));
const places = readFileSync(`${DATA}/lexicon/hanlp/全国地名大全.txt`, 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^[\u4e00-\u9fff]{2,6}$/.test(l));
const orgs = readFileSync(`${DATA}/lexicon/hanlp/机构名词典.txt`, 'utf8').split('\n').map((l) => l.split(' ')[0]!).filter((l) => /^[\u4e00-\u9fff]{2,10}$/.test(l));
const corpusDecoys = decoyWords([...wb.train, ...un.train], lex);
/** jieba ordinary words that start like a name (surname char, 小/阿/老, transliteration char). */
const surnameChars = new Set(lex.surnames.filter((x) => x.s.length === 1).map((x) => x.s));
const nameStart = (ch: string) => surnameChars.has(ch) || '小阿老'.includes(ch) || ((classes[ch.charCodeAt(0)]! >> 5) & 3) >= 2;
const dDecoys = DICT_DECOY ? dictDecoys(DECOY_FREQ, nameStart) : [];
const decoys = [...corpusDecoys, ...dDecoys];
const real = [...wb.train, ...un.train];
const train: Sample[] = [
  ...wb.train, // Weibo is the smallest set and the furthest from news: always one extra copy
  ...Array.from({ length: REAL }, () => real).flat(),
  ...Array.from({ length: SWAPS }, (_, k) => swapNames(real, lex, SEED + 1 + k)).flat(),
  ...synthesise(lex, [...places, ...orgs], cleanClauses(real), SYNTH, SEED + 100, decoys, DECOY),
  // Organisation and place names are dense in ordinary words (保证, 严格, 周边): all-O samples.
  ...shuffle([...orgs, ...places], rng(SEED + 7)).slice(0, NEG).map((text) => ({ text, spans: [] })),
];
const held = [...wb.held, ...un.held];
console.log(`lexicon names ${lexNames.length}; dictionary entries ${jw.length} (${jw.filter((x) => x[1] === WORD_NAME).length} name-tagged); decoys ${corpusDecoys.length} from corpora + ${dDecoys.length} from the dictionary; train ${train.length} sentences, ${train.reduce((a, s) => a + s.text.length, 0)} chars; held-out ${held.length}`);

const size = (1 << BITS) * N_TAGS, mask = (1 << BITS) - 1;
const W = new Float32Array(size), U = new Float32Array(size);
const nTrans = (N_TAGS + 1) * N_TAGS;
const T = new Float32Array(nTrans), TU = new Float32Array(nTrans);
const model: TaggerModel = { mask, weights: W, scale: 1, trans: T, classes, names: trainBloom, words: trainWords };
const tagger = new Tagger(model);
const codes = new Int32Array(4096 + 2 * PAD), cls = new Int32Array(4096 + 2 * PAD), dict = new Int32Array(4096 + 2 * PAD), wdict = new Int32Array(4096 + 2 * PAD), seg = new Int32Array(4096 + 2 * PAD), feats = new Int32Array(N_FEATS);
let c = 1;

function averaged(): TaggerModel {
  const w = new Float32Array(size), t = new Float32Array(nTrans);
  for (let i = 0; i < size; i++) w[i] = W[i]! - U[i]! / c;
  for (let i = 0; i < nTrans; i++) t[i] = T[i]! - TU[i]! / c;
  return { mask, weights: w, scale: 1, trans: t, classes, names: fullBloom, words: fullWords };
}

const order = train.filter((s) => s.text.length < 4000);
for (let ep = 1; ep <= EPOCHS; ep++) {
  shuffle(order, r);
  let errs = 0;
  for (const s of order) {
    const gold = goldTags(s);
    const pred = tagger.decode(s.text);
    let diff = false;
    for (let i = 0; i < gold.length; i++) if (gold[i] !== pred[i]) { diff = true; break; }
    if (diff) {
      errs++;
      encode(s.text, classes, codes, cls);
      lookupNames(codes, s.text.length, trainBloom, dict, trainWords, wdict, seg);
      for (let i = 0; i < gold.length; i++) {
        const g = gold[i]!, p = pred[i]!;
        if (g !== p) {
          features(codes, cls, dict, wdict, seg, i, Math.clz32(mask), feats, 0);
          for (let f = 0; f < N_FEATS; f++) {
            const b = feats[f]! * N_TAGS;
            W[b + g]! += 1; U[b + g]! += c; W[b + p]! -= 1; U[b + p]! -= c;
          }
        }
        const gp = i ? gold[i - 1]! : N_TAGS, pp = i ? pred[i - 1]! : N_TAGS;
        if (gp !== pp || g !== p) {
          T[gp * N_TAGS + g]! += 1; TU[gp * N_TAGS + g]! += c; T[pp * N_TAGS + p]! -= 1; TU[pp * N_TAGS + p]! -= c;
        }
      }
    }
    c++;
  }
  const m = score(new Tagger(averaged()), held);
  console.log(`epoch ${ep}: sentence errors ${errs}; held-out P ${m.p.toFixed(3)} R ${m.r.toFixed(3)} F1 ${m.f1.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
}

const final = averaged();
mkdirSync(dirname(OUT), { recursive: true });
const bin = writeModel(final, {
  version: 3, bits: BITS, wordFreq: WORD_FREQ, epochs: EPOCHS, synth: SYNTH, dictDecoy: DICT_DECOY, decoyFreq: DECOY_FREQ, nrKeep: NR_KEEP, lexKeep: LEX_KEEP, jiebaNames: JIEBA_NAMES, real: REAL, swaps: SWAPS, neg: NEG, subject: SUBJ, decoy: DECOY, seed: SEED,
  trainedOn: ['ner/weibo train (PER.NAM, 90%)', 'ner/uner_zh train (PER, 90%)', 'synthetic templates over hanlp/thuocl/cedict-free lexicon names'],
});
writeFileSync(OUT, bin);
writeFileSync(wordsPathFor(OUT), wordsBin);
console.log(`wrote ${OUT} (${(bin.length / 1e6).toFixed(2)} MB) + words (${(wordsBin.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
