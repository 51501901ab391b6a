/**
 * Numbers in Chinese prose are unspaced ("电话13912345678联系") but often grouped ("139 1234 5678",
 * "0591-87654321"). One linear pass turns the text into runs of digit groups joined by exactly one
 * separator; the number detectors then test group-aligned spans, so they never split a group and a
 * number glued to more digits is never reported as a shorter one.
 */
export interface DigitGroup {
  readonly start: number;
  readonly end: number;
  /** ASCII digits (full-width ０-９ folded). */
  readonly digits: string;
}

export interface DigitRun {
  readonly groups: readonly DigitGroup[];
  /** The separator before each group (index 0 unused). */
  readonly seps: readonly string[];
  /** "X"/"x"/"Ｘ" right after the last group: a candidate 身份证 check character. */
  readonly xAfter: boolean;
  /** Part of a decimal ("3.1415", "192.168.1.1"): not an identifier. */
  readonly decimal: boolean;
}

export function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

export function isDigitAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && digitValue(text.charCodeAt(i)) >= 0;
}

export function isAsciiAlnumAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i) | 0x20;
  return (c >= 0x61 && c <= 0x7a) || isDigitAt(text, i);
}

// Space, no-break space, ideographic space, hyphen-minus and its look-alikes (full-width, en dash).
const SEPARATORS = new Set([0x20, 0xa0, 0x3000, 0x2d, 0x2010, 0x2011, 0x2013, 0xff0d]);

let memoText: string | undefined;
let memoRuns: DigitRun[] = [];

/** Every run in text order. The last text's runs are kept: each number detector asks for them. */
export function digitRuns(text: string): readonly DigitRun[] {
  if (text === memoText) return memoRuns;
  const runs: DigitRun[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (digitValue(text.charCodeAt(i)) < 0) { i++; continue; }
    const groups: DigitGroup[] = [];
    const seps: string[] = [''];
    for (;;) {
      const start = i;
      // ASCII digits are sliced as they stand; only a group with full-width digits is rebuilt folded.
      let wide = false;
      for (let c; i < n && digitValue(c = text.charCodeAt(i)) >= 0; i++) if (c > 0x39) wide = true;
      let digits = '';
      if (!wide) digits = text.slice(start, i);
      else for (let k = start; k < i; k++) digits += String.fromCharCode(0x30 + digitValue(text.charCodeAt(k)));
      groups.push({ start, end: i, digits });
      if (i + 1 < n && SEPARATORS.has(text.charCodeAt(i)) && digitValue(text.charCodeAt(i + 1)) >= 0) {
        seps.push(text[i]!);
        i++;
        continue;
      }
      break;
    }
    const first = groups[0]!.start, last = i;
    const xAfter = (text[last] === 'X' || text[last] === 'x' || text[last] === 'Ｘ') && !isAsciiAlnumAt(text, last + 1);
    const decimal = (text[first - 1] === '.' && isDigitAt(text, first - 2)) || (text[last] === '.' && isDigitAt(text, last + 1));
    runs.push({ groups, seps, xAfter, decimal });
  }
  memoText = text;
  memoRuns = runs;
  return runs;
}

export interface Span {
  readonly run: DigitRun;
  /** First and last group index, inclusive. */
  readonly i: number;
  readonly j: number;
  readonly digits: string;
  /** Group lengths; reused between calls, so copy it to keep it. */
  readonly sizes: readonly number[];
  readonly start: number;
  readonly end: number;
}

/**
 * Calls `visit` for each group-aligned span of a run with minDigits–maxDigits digits whose first
 * group passes `first`. Bounded by maxDigits, so a run of thousands of one-digit groups ("1-2-3-…")
 * costs O(groups × maxDigits), not quadratic.
 */
export function forEachSpan(run: DigitRun, minDigits: number, maxDigits: number, first: (d: string) => boolean, visit: (s: Span) => void): void {
  const g = run.groups;
  const sizes: number[] = [];
  for (let i = 0; i < g.length; i++) {
    if (!first(g[i]!.digits)) continue;
    let digits = '';
    sizes.length = 0;
    for (let j = i; j < g.length; j++) {
      digits += g[j]!.digits;
      sizes.push(g[j]!.digits.length);
      if (digits.length > maxDigits) break;
      if (digits.length >= minDigits) visit({ run, i, j, digits, sizes, start: g[i]!.start, end: g[j]!.end });
    }
  }
}

export function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}
