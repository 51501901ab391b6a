import * as F from './features.ts';
import type { NameBloom, WordTable } from './features.ts';

// Module-local copies: under tsx, imported bindings are getter calls, too slow for per-char loops.
const N_FEATS = F.N_FEATS, N_TAGS = F.N_TAGS, PAD = F.PAD;
const features = F.features, encode = F.encode, lookupNames = F.lookupNames;
const T_B = F.T_B, T_E = F.T_E, T_I = F.T_I, T_O = F.T_O, T_S = F.T_S;

/** A loaded model: hashed emission weights, transitions (row N_TAGS is the start state), char classes. */
export interface TaggerModel {
  readonly mask: number;
  /** Int8 when loaded from the shipped file (4× less memory traffic than f32: the hot loop is cache-bound). */
  readonly weights: Float32Array | Int8Array;
  /** Multiplies summed weights back to perceptron units. */
  readonly scale: number;
  /** Subtracted from every O emission: > 0 trades precision for recall. */
  readonly oBias?: number;
  readonly trans: Float32Array;
  readonly classes: Uint8Array;
  readonly names: NameBloom;
  /** Ordinary / name-tagged dictionary words (jieba-derived, model/person-tagger.words.txt.gz). */
  readonly words: WordTable;
}

/**
 * Emission margins of the averaged perceptron run ~15 (doubtful) to ~90 (certain); the logistic
 * squashes them into a 0–1 score, 0.5 at MARGIN_MID. Set by eye on hand-made sentences, not tuned.
 */
const MARGIN_MID = 20, MARGIN_SCALE = 10;

export interface Span { start: number; end: number; score: number }

/**
 * Reusable buffers: one tagger per detector, grown to the longest document seen, so decoding
 * allocates nothing per character.
 */
export class Tagger {
  private cap = 0;
  private codes = new Int32Array(0);
  private cls = new Int32Array(0);
  private dict = new Int32Array(0);
  private wdict = new Int32Array(0);
  private seg = new Int32Array(0);
  private emit = new Float32Array(0);
  private back = new Uint8Array(0);
  private feats = new Int32Array(N_FEATS);
  private pathBuf = new Uint8Array(0);

  constructor(readonly model: TaggerModel) {}

  private grow(n: number): void {
    if (n <= this.cap) return;
    this.cap = Math.max(n, this.cap * 2, 1024);
    this.codes = new Int32Array(this.cap + 2 * PAD);
    this.cls = new Int32Array(this.cap + 2 * PAD);
    this.dict = new Int32Array(this.cap + 2 * PAD);
    this.wdict = new Int32Array(this.cap + 2 * PAD);
    this.seg = new Int32Array(this.cap + 2 * PAD);
    this.emit = new Float32Array(this.cap * N_TAGS);
    this.back = new Uint8Array(this.cap * N_TAGS);
    this.pathBuf = new Uint8Array(this.cap);
  }

  /** Best BIOES path for the text (tag ids), valid until the next call. */
  decode(text: string): Uint8Array {
    const n = text.length;
    this.grow(n);
    const { mask, weights: w, trans, scale } = this.model;
    const shift = Math.clz32(mask);
    const oBias = this.model.oBias ?? 0;
    encode(text, this.model.classes, this.codes, this.cls);
    lookupNames(this.codes, n, this.model.names, this.dict, this.model.words, this.wdict, this.seg);
    const emit = this.emit, feats = this.feats;
    for (let i = 0; i < n; i++) {
      features(this.codes, this.cls, this.dict, this.wdict, this.seg, i, shift, feats, 0);
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
      for (let f = 0; f < N_FEATS; f++) {
        const b = feats[f]! * N_TAGS;
        s0 += w[b]!; s1 += w[b + 1]!; s2 += w[b + 2]!; s3 += w[b + 3]!; s4 += w[b + 4]!;
      }
      const e = i * N_TAGS;
      emit[e] = s0 * scale - oBias; emit[e + 1] = s1 * scale; emit[e + 2] = s2 * scale; emit[e + 3] = s3 * scale; emit[e + 4] = s4 * scale;
    }
    return this.viterbi(n, trans);
  }

  /**
   * First-order Viterbi, unrolled for BIOES: O, B and S follow O/E/S (or the start), I and E
   * follow B/I. Hand-written because the generic loop was a fifth of the detector's time.
   */
  private viterbi(n: number, tr: Float32Array): Uint8Array {
    const emit = this.emit, back = this.back, path = this.pathBuf;
    if (n === 0) return path.subarray(0, 0);
    const st = N_TAGS * N_TAGS;
    let vO = tr[st + T_O]! + emit[0]!, vB = tr[st + T_B]! + emit[1]!, vI = -Infinity, vE = -Infinity, vS = tr[st + T_S]! + emit[4]!;
    // trans[from * 5 + to]
    const oo = tr[0]!, ob = tr[1]!, os = tr[4]!, bi = tr[7]!, be = tr[8]!, ii = tr[12]!, ie = tr[13]!;
    const eo = tr[15]!, eb = tr[16]!, es = tr[19]!, so = tr[20]!, sb = tr[21]!, ss = tr[24]!;
    for (let i = 1; i < n; i++) {
      const e = i * N_TAGS;
      // Best predecessor among O/E/S for each of O, B, S.
      let a = vO + oo, x = vE + eo, y = vS + so, arg = T_O;
      if (x > a) { a = x; arg = T_E; } if (y > a) { a = y; arg = T_S; }
      const nO = a + emit[e]!; back[e] = arg;
      a = vO + ob; x = vE + eb; y = vS + sb; arg = T_O;
      if (x > a) { a = x; arg = T_E; } if (y > a) { a = y; arg = T_S; }
      const nB = a + emit[e + 1]!; back[e + 1] = arg;
      a = vO + os; x = vE + es; y = vS + ss; arg = T_O;
      if (x > a) { a = x; arg = T_E; } if (y > a) { a = y; arg = T_S; }
      const nS = a + emit[e + 4]!; back[e + 4] = arg;
      a = vB + bi; x = vI + ii; arg = T_B;
      if (x > a) { a = x; arg = T_I; }
      const nI = a + emit[e + 2]!; back[e + 2] = arg;
      a = vB + be; x = vI + ie; arg = T_B;
      if (x > a) { a = x; arg = T_I; }
      const nE = a + emit[e + 3]!; back[e + 3] = arg;
      vO = nO; vB = nB; vI = nI; vE = nE; vS = nS;
    }
    let arg = T_O, best = vO;
    if (vE > best) { best = vE; arg = T_E; }
    if (vS > best) { best = vS; arg = T_S; }
    for (let i = n - 1; i >= 0; i--) { path[i] = arg; arg = back[i * N_TAGS + arg]!; }
    return path.subarray(0, n);
  }

  /** Name spans with a confidence from the weakest char's emission margin over O. */
  spans(text: string): Span[] {
    const path = this.decode(text);
    const out: Span[] = [];
    const emit = this.emit;
    let start = -1;
    for (let i = 0; i < path.length; i++) {
      const t = path[i]!;
      if (t === T_B || t === T_S) start = i;
      if ((t === T_E || t === T_S) && start >= 0) {
        let margin = Infinity;
        for (let k = start; k <= i; k++) margin = Math.min(margin, emit[k * N_TAGS + path[k]!]! - emit[k * N_TAGS + T_O]!);
        out.push({ start, end: i + 1, score: 1 / (1 + Math.exp(-(margin - MARGIN_MID) / MARGIN_SCALE)) });
        start = -1;
      }
    }
    return out;
  }
}
