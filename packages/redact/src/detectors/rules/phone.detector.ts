import type { Detector, Finding } from '../../types.ts';
import { digitRuns, forEachSpan, sameSizes, type DigitRun, type Span } from './digit-runs.ts';
import { areaCodes } from './area-codes.ts';

const SOURCE = 'phone';

// How people write an 11-digit mobile: unbroken, 3-4-4, 3-8, 7-4.
const MOBILE_SHAPES = [[11], [3, 4, 4], [3, 8], [7, 4]];
// The local part of a landline: unbroken 7/8, or 3-4 / 4-4 / 4-3.
const LOCAL_SHAPES = [[7], [8], [3, 4], [4, 4], [4, 3]];

/**
 * 手机号 (1[3-9] + 9 digits, optional +86/0086/(+86)) and 固定电话 (a real 长途区号 + a 7–8 digit local
 * number that starts 2–9, optional 分机). 400/800 service numbers start neither with 1 nor with 0
 * and are a company's, not a person's, so nothing here matches them. Masked mobiles
 * ("139****5678") are reported as processed.
 */
export function phoneDetector(): Detector {
  const codes = areaCodes();
  return {
    name: SOURCE,
    types: ['PHONE'],
    detect(text) {
      const out: Finding[] = [];
      const runs = digitRuns(text);
      for (let k = 0; k < runs.length; k++) {
        const run = runs[k]!;
        if (run.decimal) continue;
        mobiles(text, run, out);
        landlines(text, run, runs[k + 1], codes, out);
      }
      maskedMobiles(text, out);
      return out;
    },
  };
}

function usable(s: Span): boolean {
  // "…1234X" belongs to a 身份证号 candidate, not to a phone number.
  return !(s.run.xAfter && s.j === s.run.groups.length - 1);
}

function isMobile(d: string): boolean {
  return d.length === 11 && d[0] === '1' && d[1]! >= '3';
}

function mobiles(text: string, run: DigitRun, out: Finding[]): void {
  forEachSpan(run, 11, 15, mobileStart, (s) => {
    if (!usable(s)) return;
    let d = s.digits, sizes: readonly number[] = s.sizes, prefixed = false;
    const first = run.groups[s.i]!.digits;
    if (s.sizes.length > 1 && (first === '86' || first === '0086')) {
      d = d.slice(first.length); sizes = sizes.slice(1); prefixed = true;
    } else if (s.sizes.length === 1 && (d.length === 13 || d.length === 15)) {
      const p = d.length === 13 ? '86' : '0086';
      if (!d.startsWith(p)) return;
      d = d.slice(p.length); sizes = [11]; prefixed = true;
    }
    if (!isMobile(d) || !MOBILE_SHAPES.some((shape) => sameSizes(shape, sizes))) return;
    let start = s.start;
    if (s.i === 0) start -= prefixed ? (text[start - 1] === '+' ? 1 : 0) : countryPrefixBefore(text, start);
    out.push(make(text, start, s.end, 0.95, { kind: 'mobile' }));
  });
}

/** A mobile starts with 1, or with the country code 86 / 0086. */
function mobileStart(d: string): boolean {
  return d[0] === '1' || d.startsWith('86') || d.startsWith('0086');
}

/** Length of "+86 ", "(+86)", "（+86）", "+86-" … ending at `start`, or 0. */
function countryPrefixBefore(text: string, start: number): number {
  const m = /(?:[(（]\+?86[)）]|\+86)[ -]?$/u.exec(text.slice(Math.max(0, start - 6), start));
  return m ? m[0].length : 0;
}

function landlines(text: string, run: DigitRun, next: DigitRun | undefined, codes: ReadonlyMap<string, string>, out: Finding[]): void {
  const g = run.groups;
  for (let i = 0; i < g.length; i++) {
    const area = g[i]!.digits;
    if (codes.has(area)) {
      const closing = text[g[i]!.end];
      const opening = text[g[i]!.start - 1];
      if (i === g.length - 1 && next && (closing === ')' || closing === '）') && (opening === '(' || opening === '（')) {
        // "(0591)87654321": the bracket ends the run, the local number is the next run.
        const gap = next.groups[0]!.start - g[i]!.end;
        if (gap === 1 || (gap === 2 && text[g[i]!.end + 1] === ' ')) local(text, area, g[i]!.start - 1, next, 0, 0.9, out);
      } else if (i + 1 < g.length) {
        local(text, area, g[i]!.start, run, i + 1, 0.9, out);
      }
    }
    glued(text, run, i, codes, out);
  }
}

/** The local number at group `from` of `run` (7–8 digits in a known shape, starting 2–9) and an optional "-分机". */
function local(text: string, area: string, start: number, run: DigitRun, from: number, score: number, out: Finding[]): void {
  const g = run.groups;
  let digits = '';
  const sizes: number[] = [];
  for (let j = from; j < g.length && digits.length < 8; j++) {
    digits += g[j]!.digits;
    sizes.push(g[j]!.digits.length);
    if (!LOCAL_SHAPES.some((shape) => sameSizes(shape, sizes)) || !localOk(area, digits)) continue;
    if (run.xAfter && j === g.length - 1) return;
    const ext = g[j + 1];
    const end = ext && run.seps[j + 1] === '-' && ext.digits.length <= 5 && !(run.xAfter && j + 1 === g.length - 1) ? ext.end : g[j]!.end;
    out.push(make(text, start, extensionWord(text, end), score, { kind: 'landline', areaCode: area }));
    return;
  }
}

function localOk(area: string, local: string): boolean {
  // Three-digit area codes (010, 02x) have 8-digit local numbers; local numbers never start 0 or 1.
  return (local.length === 8 || (local.length === 7 && area.length === 4)) && local[0]! >= '2';
}

/** "转123" / "分机123" / "ext.123" right after the number. */
function extensionWord(text: string, end: number): number {
  const m = /^(?:转|分机|ext\.?|EXT\.?)[0-9]{1,5}(?![0-9])/u.exec(text.slice(end, end + 10));
  return m ? end + m[0].length : end;
}

/** "059187654321": the area code is read off the front when it is in the list; lower score. */
function glued(text: string, run: DigitRun, i: number, codes: ReadonlyMap<string, string>, out: Finding[]): void {
  const grp = run.groups[i]!;
  const d = grp.digits;
  if (d[0] !== '0' || d.length < 10 || d.length > 12 || (run.xAfter && i === run.groups.length - 1)) return;
  for (const len of [3, 4]) {
    const area = d.slice(0, len);
    if (codes.has(area) && localOk(area, d.slice(len))) {
      out.push(make(text, grp.start, extensionWord(text, grp.end), 0.8, { kind: 'landline', areaCode: area }));
      return;
    }
  }
}

function maskedMobiles(text: string, out: Finding[]): void {
  const re = /(?<![0-9*＊])1[3-9][0-9][*＊]{4}[0-9]{4}(?![0-9*＊])/gu;
  for (const m of text.matchAll(re)) out.push(make(text, m.index, m.index + m[0].length, 1, { kind: 'mobile', processed: true }));
}

function make(text: string, start: number, end: number, score: number, meta: Record<string, string | boolean>): Finding {
  return { type: 'PHONE', start, end, text: text.slice(start, end), score, source: SOURCE, meta };
}
