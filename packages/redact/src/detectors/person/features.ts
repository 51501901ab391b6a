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
export const N_FEATS = 28;

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
export interface NameBloom { readonly bits: number; readonly words: Uint32Array }

function probe(b: NameBloom, h: number): boolean {
  const m = (1 << b.bits) - 1;
  const a = h & m, c = mix(h, 0x27d4eb2f) & m;
  return ((b.words[a >>> 5]! >>> (a & 31)) & 1) === 1 && ((b.words[c >>> 5]! >>> (c & 31)) & 1) === 1;
}

export function bloomAdd(b: NameBloom, name: string): void {
  let h = NAME_SEED;
  for (let k = 0; k < name.length; k++) h = mix(h, normCode(name.charCodeAt(k)));
  const m = (1 << b.bits) - 1;
  const a = h & m, c = mix(h, 0x27d4eb2f) & m;
  b.words[a >>> 5]! |= 1 << (a & 31);
  b.words[c >>> 5]! |= 1 << (c & 31);
}

/**
 * Marks lexicon-name hits into `dict` (padded like codes): bit (L-2) where a name of length L
 * starts, bit (4 + L-2) where one ends, bit 8 strictly inside one.
 */
export function lookupNames(codes: Int32Array, n: number, b: NameBloom, dict: Int32Array): void {
  dict.fill(0, 0, n + 2 * PAD);
  for (let i = 0; i < n; i++) {
    let h = NAME_SEED;
    for (let L = 1; L <= MAX_NAME && i + L <= n; L++) {
      h = mix(h, codes[PAD + i + L - 1]!);
      if (L < 2 || !probe(b, h)) continue;
      dict[PAD + i]! |= 1 << (L - 2);
      dict[PAD + i + L - 1]! |= 1 << (4 + L - 2);
      for (let k = i + 1; k < i + L - 1; k++) dict[PAD + k]! |= 256;
    }
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
const S = Int32Array.from({ length: 32 }, (_, t) => Math.imul(t + 1, 0x27d4eb2f) ^ 0x5bd1e995);
const c1 = (s: number, a: number) => Math.imul(s ^ a, K);
const c2 = (s: number, a: number, b: number) => Math.imul(Math.imul(s ^ a, K) ^ b, K);
const c3 = (s: number, a: number, b: number, c: number) => Math.imul(Math.imul(Math.imul(s ^ a, K) ^ b, K) ^ c, K);

/** Writes N_FEATS feature ids (bucket = top `32 - shift` bits of the hash) for position i. */
export function features(codes: Int32Array, cls: Int32Array, dict: Int32Array, i: number, shift: number, out: Int32Array, o: number): void {
  const p = i + PAD;
  const m2 = codes[p - 2]!, m1 = codes[p - 1]!, c0 = codes[p]!, p1 = codes[p + 1]!, p2 = codes[p + 2]!;
  const m3 = codes[p - 3]!, p3 = codes[p + 3]!, p4 = codes[p + 4]!;
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
  out[o + 10] = Math.imul(c1(S[10]!, m3), K2) >>> shift;
  out[o + 11] = Math.imul(c1(S[11]!, p3), K2) >>> shift;
  out[o + 12] = Math.imul(c2(S[12]!, p2, p3), K2) >>> shift;
  out[o + 13] = Math.imul(c2(S[13]!, p3, p4), K2) >>> shift;
  out[o + 14] = Math.imul(c2(S[14]!, m3, m2), K2) >>> shift;
  out[o + 15] = Math.imul(c1(S[15]!, k0), K2) >>> shift;
  out[o + 16] = Math.imul(c1(S[16]!, k1), K2) >>> shift;
  out[o + 17] = Math.imul(c1(S[17]!, q1), K2) >>> shift;
  out[o + 18] = Math.imul(c2(S[18]!, k1, k0), K2) >>> shift;
  out[o + 19] = Math.imul(c2(S[19]!, k0, q1), K2) >>> shift;
  out[o + 20] = Math.imul(c3(S[20]!, k1, k0, q1), K2) >>> shift;
  out[o + 21] = Math.imul(c3(S[21]!, k0, q1, q2), K2) >>> shift;
  out[o + 22] = Math.imul(c3(S[22]!, k2, k1, k0), K2) >>> shift;
  out[o + 23] = Math.imul(c2(S[23]!, k0, p1), K2) >>> shift;
  out[o + 24] = Math.imul(c2(S[24]!, m1, k0), K2) >>> shift;
  out[o + 25] = Math.imul(c3(S[25]!, k0, q1, q2 * 256 + q3), K2) >>> shift;
  out[o + 26] = Math.imul(c1(S[26]!, d0), K2) >>> shift;
  out[o + 27] = Math.imul(c3(S[27]!, d0, dict[p - 1]!, dict[p + 1]!), K2) >>> shift;
}
