/**
 * Feature extraction shared by the trainer and the runtime tagger, so the two can never drift.
 * Features are hashed integers computed from char codes (no strings per char) and index a dense
 * weight table: weights[id * N_TAGS + tag].
 */

/** BIOES over one entity type; a single-char name is S. */
export const TAGS = ['O', 'B', 'I', 'E', 'S'] as const;
export const N_TAGS = 5;
export const T_O = 0, T_B = 1, T_I = 2, T_E = 3, T_S = 4;

/** Context reach on each side; codes arrays are padded by this much. */
export const PAD = 4;
const BOS = 1, EOS = 2;

/**
 * Lexicon classes per BMP char (bit fields), derived from the shipped name lexicons at train
 * time and stored in the model: the tagger generalises to names it never saw in training.
 */
export const CLS_SURNAME = 0; // 2 bits: 0 none … 3 common surname
export const CLS_COMPOUND = 2; // first char of a compound surname (欧, 司, 诸 …)
export const CLS_GIVEN = 3; // shift, 2 bits: how often the char appears in given names
export const CLS_TRANSLIT = 5; // shift: 2 bits, how often the char appears in transliterated names
/** Non-Han classes (above the 7 lexicon bits). */
export const CLS_PUNCT = 200, CLS_ALNUM = 201, CLS_SPACE = 202;

/** Number of feature templates; features() writes exactly this many ids. */
export const N_FEATS = 30;

/** Folds digits and Latin letters so "3年级" and "5年级" share features. */
export function normCode(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if (c >= 0xff10 && c <= 0xff19) return 48;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 97;
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return 97;
  if (c === 32 || c === 9 || c === 0x3000 || c === 10 || c === 13) return 32;
  return c;
}

function mix(a: number, b: number): number {
  let x = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
  x = Math.imul(x ^ (x >>> 13), 0x297a2d39);
  return x ^ (x >>> 16);
}

/** Name-lexicon hits: lengths looked up at each position (2…MAX_NAME chars). */
export const MAX_NAME = 5;
const NAME_SEED = 0x51ed270b;

/** Bloom filter over lexicon names (two probes); false positives only blur one feature. */
export interface NameBloom {
  readonly bits: number; readonly words: Uint32Array;
  /**
   * Bitset (2^NAME_PREFIX_BITS bits, 128 KB) over the hashes of every prefix of ≥ 2 chars of every
   * lexicon name: no bit, no name continues from here, and the bloom probes stop (most text).
   */
  readonly prefix?: Uint32Array;
}
export const NAME_PREFIX_BITS = 20;
const NAME_PREFIX_MASK = (1 << NAME_PREFIX_BITS) - 1;

function probe(b: NameBloom, h: number): boolean {
  const m = (1 << b.bits) - 1;
  const a = h & m, c = mix(h, 0x27d4eb2f) & m;
  return ((b.words[a >>> 5]! >>> (a & 31)) & 1) === 1 && ((b.words[c >>> 5]! >>> (c & 31)) & 1) === 1;
}

export function bloomAdd(b: NameBloom, name: string): void {
  let h = NAME_SEED;
  for (let k = 0; k < name.length; k++) {
    h = mix(h, normCode(name.charCodeAt(k)));
    if (k >= 1 && b.prefix) { const q = h & NAME_PREFIX_MASK; b.prefix[q >>> 5]! |= 1 << (q & 31); }
  }
  const m = (1 << b.bits) - 1;
  const a = h & m, c = mix(h, 0x27d4eb2f) & m;
  b.words[a >>> 5]! |= 1 << (a & 31);
  b.words[c >>> 5]! |= 1 << (c & 31);
}

/**
 * Word table (derived from the jieba dictionary at train time, see scripts/person/words.ts):
 * open addressing over the same 32-bit hash as the name bloom; value bits: 1 = ordinary word,
 * 2 = a word jieba tags as a person name (nr / nrfg / nrt), 4 = place (ns), 8 = organisation or
 * other proper noun (nt / nz). Places and organisations also count as ordinary words.
 */
export interface WordTable {
  readonly bits: number;
  /**
   * One int per slot (a probe touches one cache line; 2^18 slots = 1 MB): a 16-bit fingerprint of
   * the hash << 16 | cost << 8 | class bits, where cost = 4·ln(total / frequency) for the unigram
   * segmentation; 0 = empty. A fingerprint clash (≈ 1 in 40,000 probes) only blurs one feature.
   */
  readonly slots: Int32Array;
  /** Same cost for single chars (BMP); unknown Han chars cost UNKNOWN_COST. */
  readonly charCost: Uint8Array;
  /**
   * Bitset (2^PREFIX_BITS bits, 128 KB) over the hashes of every prefix of ≥ 2 chars of every
   * word: no bit, no word continues from here, and the probes into the table stop.
   */
  readonly prefix: Uint32Array;
}
/** Class bits: ordinary word; jieba person-name tag (nr / nrfg / nrt); place (ns); organisation or other proper noun (nt / nz). */
export const WORD_PLAIN = 1, WORD_NAME = 2, WORD_PLACE = 4, WORD_ORG = 8;
const PREFIX_BITS = 20, PREFIX_MASK = (1 << PREFIX_BITS) - 1;
export const UNKNOWN_COST = 80;
/** Longest dictionary word looked up (5-char words are rare and cost a probe per char). */
export const MAX_WORD = 4;

export function wordHash(w: string): number {
  let h = NAME_SEED;
  for (let k = 0; k < w.length; k++) h = mix(h, normCode(w.charCodeAt(k)));
  return h;
}

export function newWordTable(count: number): WordTable {
  let bits = 10;
  while (1 << bits < count * 1.3) bits++;
  const charCost = new Uint8Array(65536).fill(20);
  for (let c = 0x3400; c <= 0x9fff; c++) charCost[c] = UNKNOWN_COST;
  return { bits, slots: new Int32Array(1 << bits), charCost, prefix: new Uint32Array(1 << (PREFIX_BITS - 5)) };
}

/** Adds a word (length ≥ 2, class bits ≥ 1) or sets a single char's cost. */
export function wordAdd(t: WordTable, w: string, v: number, cost: number): void {
  if (w.length === 1) { t.charCost[w.charCodeAt(0)] = cost; return; }
  let h = NAME_SEED;
  for (let k = 0; k < w.length; k++) {
    h = mix(h, normCode(w.charCodeAt(k)));
    if (k >= 1) { const q = h & PREFIX_MASK; t.prefix[q >>> 5]! |= 1 << (q & 31); }
  }
  const m = (1 << t.bits) - 1, fp = h << 16;
  let i = h >>> (32 - t.bits);
  while (t.slots[i] !== 0 && (t.slots[i]! & -65536) !== fp) i = (i + 1) & m;
  t.slots[i] = fp | (cost << 8) | ((t.slots[i]! | v) & 255);
}

/** The word's packed slot (cost << 8 | class bits in the low 16 bits), or 0 when absent. */
function wordSlot(t: WordTable, h: number): number {
  const slots = t.slots, m = (1 << t.bits) - 1, fp = h << 16;
  let i = h >>> (32 - t.bits);
  for (;;) {
    const k = slots[i]!;
    if (k === 0 || (k & -65536) === fp) return k;
    i = (i + 1) & m;
  }
}

/** Scratch for the unigram segmentation: best cost to each position and the last word's length. */
let segBest = new Int32Array(1024), segLen = new Uint8Array(1024);

/**
 * Marks lexicon-name hits into `dict` (padded like codes): bit (L-2) where a name of length L
 * starts, bit (4 + L-2) where one ends, bit 8 strictly inside one. Dictionary-word hits go to
 * `wdict`: bit (L-2) a word of length L starts, bit (4 + L-2) one ends, bit 8 inside one; bits
 * 9 / 10 / 11 the same (start / end / inside) for words jieba tags as names, 12–14 for places,
 * 15–17 for organisations.
 */
export function lookupNames(codes: Int32Array, n: number, b: NameBloom, dict: Int32Array, words?: WordTable, wdict?: Int32Array, seg?: Int32Array): void {
  dict.fill(0, 0, n + 2 * PAD);
  if (wdict) wdict.fill(0, 0, n + 2 * PAD);
  if (segBest.length < n + 1) { segBest = new Int32Array(n + 1024); segLen = new Uint8Array(n + 1024); }
  const best = segBest, blen = segLen;
  best.fill(0x3fffffff, 0, n + 1); best[0] = 0;
  for (let i = 0; i < n; i++) {
    let h = NAME_SEED;
    const bi = best[i]!;
    if (words) {
      const c = codes[PAD + i]!;
      const x = bi + (c < 65536 ? words.charCost[c]! : UNKNOWN_COST);
      if (x < best[i + 1]!) { best[i + 1] = x; blen[i + 1] = 1; }
    }
    let wordsHere = words !== undefined && wdict !== undefined;
    let namesHere = true;
    const np = b.prefix;
    for (let L = 1; L <= MAX_NAME && i + L <= n; L++) {
      h = mix(h, codes[PAD + i + L - 1]!);
      if (L < 2) continue;
      if (wordsHere && L <= MAX_WORD) {
        const q = h & PREFIX_MASK;
        if (((words!.prefix[q >>> 5]! >>> (q & 31)) & 1) === 0) wordsHere = false;
      }
      if (wordsHere && words && wdict && L <= MAX_WORD) {
        const slot = wordSlot(words, h);
        const v = slot & 255;
        if (slot !== 0) { const x = bi + ((slot >>> 8) & 255); if (x < best[i + L]!) { best[i + L] = x; blen[i + L] = L; } }
        if (v & WORD_PLAIN) {
          wdict[PAD + i]! |= 1 << (L - 2);
          wdict[PAD + i + L - 1]! |= 1 << (4 + L - 2);
          for (let k = i + 1; k < i + L - 1; k++) wdict[PAD + k]! |= 256;
        }
        if (v > WORD_PLAIN) {
          const sh = v & WORD_NAME ? 9 : v & WORD_PLACE ? 12 : 15;
          wdict[PAD + i]! |= 1 << sh;
          wdict[PAD + i + L - 1]! |= 2 << sh;
          for (let k = i + 1; k < i + L - 1; k++) wdict[PAD + k]! |= 4 << sh;
        }
      }
      if (np !== undefined && namesHere) { const q = h & NAME_PREFIX_MASK; if (((np[q >>> 5]! >>> (q & 31)) & 1) === 0) namesHere = false; }
      if (!namesHere) { if (!wordsHere || L >= MAX_WORD) break; continue; }
      if (!probe(b, h)) continue;
      dict[PAD + i]! |= 1 << (L - 2);
      dict[PAD + i + L - 1]! |= 1 << (4 + L - 2);
      for (let k = i + 1; k < i + L - 1; k++) dict[PAD + k]! |= 256;
    }
  }
  if (!seg || !words) return;
  // Segment code per char: length (1…5) × 8 + position in the segment (0…4); pads are 0.
  seg.fill(0, 0, n + 2 * PAD);
  for (let j = n; j > 0;) {
    const L = blen[j]!;
    for (let k = 0; k < L; k++) seg[PAD + j - L + k] = L * 8 + k;
    j -= L;
  }
}

/**
 * Fills `codes` (length n + 2*PAD) and `cls` from the text; returns n. Astral chars (Ext-B
 * names such as 𠮷) take two UTF-16 slots; both keep their surrogate codes, which is harmless.
 */
export function encode(text: string, classes: Uint8Array, codes: Int32Array, cls: Int32Array): number {
  const n = text.length;
  for (let k = 0; k < PAD; k++) { codes[k] = BOS; cls[k] = 250; codes[n + PAD + k] = EOS; cls[n + PAD + k] = 251; }
  for (let i = 0; i < n; i++) {
    const c = normCode(text.charCodeAt(i));
    codes[i + PAD] = c;
    cls[i + PAD] = c < 65536 ? classes[c]! : 0;
  }
  return n;
}

const K = 0x9e3779b1 | 0, K2 = 0x85ebca6b | 0;
/** Template seeds: one multiply-xor chain per template keeps hashing to ~2 imuls a feature. */
const S = Int32Array.from({ length: 48 }, (_, t) => Math.imul(t + 1, 0x27d4eb2f) ^ 0x5bd1e995);
const c1 = (s: number, a: number) => Math.imul(s ^ a, K);
const c2 = (s: number, a: number, b: number) => Math.imul(Math.imul(s ^ a, K) ^ b, K);
const c3 = (s: number, a: number, b: number, c: number) => Math.imul(Math.imul(Math.imul(s ^ a, K) ^ b, K) ^ c, K);

/** Writes N_FEATS feature ids (bucket = top `32 - shift` bits of the hash) for position i. */
export function features(codes: Int32Array, cls: Int32Array, dict: Int32Array, wdict: Int32Array, seg: Int32Array, i: number, shift: number, out: Int32Array, o: number): void {
  const p = i + PAD;
  const m2 = codes[p - 2]!, m1 = codes[p - 1]!, c0 = codes[p]!, p1 = codes[p + 1]!, p2 = codes[p + 2]!;
  const p3 = codes[p + 3]!;
  const k2 = cls[p - 2]!, k1 = cls[p - 1]!, k0 = cls[p]!, q1 = cls[p + 1]!, q2 = cls[p + 2]!, q3 = cls[p + 3]!;
  const d0 = dict[p]!;
  out[o] = Math.imul(c1(S[0]!, c0), K2) >>> shift;
  out[o + 1] = Math.imul(c1(S[1]!, m1), K2) >>> shift;
  out[o + 2] = Math.imul(c1(S[2]!, p1), K2) >>> shift;
  out[o + 3] = Math.imul(c1(S[3]!, m2), K2) >>> shift;
  out[o + 4] = Math.imul(c1(S[4]!, p2), K2) >>> shift;
  out[o + 5] = Math.imul(c2(S[5]!, m1, c0), K2) >>> shift;
  out[o + 6] = Math.imul(c2(S[6]!, c0, p1), K2) >>> shift;
  out[o + 7] = Math.imul(c2(S[7]!, m2, m1), K2) >>> shift;
  out[o + 8] = Math.imul(c2(S[8]!, p1, p2), K2) >>> shift;
  out[o + 9] = Math.imul(c3(S[9]!, m1, c0, p1), K2) >>> shift;
  out[o + 10] = Math.imul(c2(S[12]!, p2, p3), K2) >>> shift;
  out[o + 11] = Math.imul(c1(S[15]!, k0), K2) >>> shift;
  out[o + 12] = Math.imul(c1(S[16]!, k1), K2) >>> shift;
  out[o + 13] = Math.imul(c1(S[17]!, q1), K2) >>> shift;
  out[o + 14] = Math.imul(c2(S[18]!, k1, k0), K2) >>> shift;
  out[o + 15] = Math.imul(c2(S[19]!, k0, q1), K2) >>> shift;
  out[o + 16] = Math.imul(c3(S[20]!, k1, k0, q1), K2) >>> shift;
  out[o + 17] = Math.imul(c3(S[21]!, k0, q1, q2), K2) >>> shift;
  out[o + 18] = Math.imul(c3(S[22]!, k2, k1, k0), K2) >>> shift;
  out[o + 19] = Math.imul(c2(S[23]!, k0, p1), K2) >>> shift;
  out[o + 20] = Math.imul(c2(S[24]!, m1, k0), K2) >>> shift;
  out[o + 21] = Math.imul(c3(S[25]!, k0, q1, q2 * 256 + q3), K2) >>> shift;
  out[o + 22] = Math.imul(c1(S[26]!, d0), K2) >>> shift;
  out[o + 23] = Math.imul(c3(S[27]!, d0, dict[p - 1]!, dict[p + 1]!), K2) >>> shift;
  const w0 = wdict[p]!, wm1 = wdict[p - 1]!, wp1 = wdict[p + 1]!;
  out[o + 24] = Math.imul(c1(S[28]!, w0), K2) >>> shift;
  out[o + 25] = Math.imul(c3(S[29]!, w0, wm1, wp1), K2) >>> shift;
  out[o + 26] = Math.imul(c2(S[30]!, w0, d0), K2) >>> shift;
  out[o + 27] = Math.imul(c2(S[31]!, w0, k0), K2) >>> shift;
  const g0 = seg[p]!, gm1 = seg[p - 1]!, gp1 = seg[p + 1]!;
  out[o + 28] = Math.imul(c3(S[32]!, gm1, g0, gp1), K2) >>> shift;
  out[o + 29] = Math.imul(c2(S[33]!, g0, k0), K2) >>> shift;
}
