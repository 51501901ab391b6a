/**
 * One normalisation for the build and the scan, so a registry value and a post that writes it
 * differently land on the same code points: each character is NFKC-folded on its own (full-width
 * digits and letters, compatibility ideographs, Kangxi radicals, circled digits), ASCII letters are
 * upper-cased (身份证 "x" → "X"), and everything that is not a letter or a number is dropped —
 * spaces, punctuation, symbols, marks, zero-width characters. "王 小-明"、"王·小明"、"王，小，明"
 * all read 王小明; the middle dot of 买买提·艾力 goes on both sides.
 *
 * Per character, not per string: an offset in the view always maps back to one source character,
 * and whole-string composition (base + combining mark) cannot differ between build and scan
 * because marks are dropped.
 */

const UNKNOWN = -3;
const SKIP = -1;
const MULTI = -2;

// Lazily filled: the first sight of a code point pays for normalize() and the class test.
const bmp = new Int32Array(0x10000).fill(UNKNOWN);
const multi = new Map<number, readonly number[]>();
const astral = new Map<number, number>();
const KEEP = /^[\p{L}\p{N}]$/u;

function classify(cp: number): number {
  const kept: number[] = [];
  for (const ch of String.fromCodePoint(cp).normalize('NFKC')) {
    if (!KEEP.test(ch)) continue;
    let c = ch.codePointAt(0)!;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    kept.push(c);
  }
  if (kept.length === 0) return SKIP;
  if (kept.length === 1) return kept[0]!;
  multi.set(cp, kept);
  return MULTI;
}

/** The folded form of one code point: -1 dropped, -2 several (see foldedMany), else the code point. */
export function fold(cp: number): number {
  if (cp < 0x10000) {
    let v = bmp[cp]!;
    if (v === UNKNOWN) bmp[cp] = v = classify(cp);
    return v;
  }
  let v = astral.get(cp);
  if (v === undefined) astral.set(cp, (v = classify(cp)));
  return v;
}

export function foldedMany(cp: number): readonly number[] {
  return multi.get(cp) ?? [];
}

/** 汉字 (CJK unified ideographs, extensions A–H, 〇): the characters a Chinese name is made of. */
export function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x323af) || cp === 0x3007;
}

/** A registry value (name, village, school, ID number) in its normalised form. */
export function normaliseTerm(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const f = fold(cp);
    if (f === SKIP) continue;
    if (f === MULTI) for (const c of foldedMany(cp)) out += String.fromCodePoint(c);
    else out += String.fromCodePoint(f);
  }
  return out;
}

/**
 * A post as normalised code points, each with the code-point offset of the source character it
 * came from, so evidence is reported in the post's own offsets (as `hutong detect` does).
 * Buffers are reused between posts: a view is valid until the next `load`.
 */
export class TextView {
  codes = new Int32Array(4096);
  origin = new Int32Array(4096);
  length = 0;
  /** Code points in the source text. */
  sourceLength = 0;

  load(text: string): this {
    const n = text.length;
    if (this.codes.length < n * 2) {
      this.codes = new Int32Array(n * 2);
      this.origin = new Int32Array(n * 2);
    }
    let codes = this.codes, origin = this.origin;
    let k = 0, cpIndex = 0;
    for (let i = 0; i < n; i++, cpIndex++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          i++;
        }
      }
      // Fast path: CJK unified ideographs and ASCII digits/upper-case letters are their own folding.
      let f: number;
      if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a)) f = cp;
      else f = fold(cp);
      if (f === SKIP) continue;
      const many = f === MULTI ? foldedMany(cp) : undefined;
      for (let m = 0, count = many ? many.length : 1; m < count; m++) {
        // Only an expansion (﷽ folds to 18 letters) can outgrow the 2× buffer.
        if (k >= codes.length) {
          this.grow();
          codes = this.codes;
          origin = this.origin;
        }
        codes[k] = many ? many[m]! : f;
        origin[k++] = cpIndex;
      }
    }
    this.length = k;
    this.sourceLength = cpIndex;
    return this;
  }

  private grow(): void {
    const codes = new Int32Array(this.codes.length * 2), origin = new Int32Array(this.origin.length * 2);
    codes.set(this.codes);
    origin.set(this.origin);
    this.codes = codes;
    this.origin = origin;
  }

  /** The normalised text of [start, end) (view offsets). */
  slice(start: number, end: number): string {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCodePoint(this.codes[i]!);
    return s;
  }

  /** Source code-point offsets [start, end) of the view span [start, end). */
  sourceSpan(start: number, end: number): { start: number; end: number } {
    return { start: this.origin[start]!, end: this.origin[end - 1]! + 1 };
  }
}
