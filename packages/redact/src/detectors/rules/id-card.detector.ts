import { checkDigit, checkIdNumber, isValidCalendarDate } from '@hutong/core';
import { getDivisions } from '@hutong/divisions';
import type { Detector, Finding } from '../../types.ts';
import { digitRuns, forEachSpan, isAsciiAlnumAt, isDigitAt, sameSizes } from './digit-runs.ts';
import { idRegionExists } from '@hutong/divisions';
import { systemToday, type Today } from './today.ts';

const SOURCE = 'id_card';

/**
 * 居民身份证号码 (GB 11643): 18 digits with a MOD 11-2 check character, an existing region and a
 * birth date not after today; the 15-digit form of before 1999 (YYMMDD, 19xx) with region and date
 * only, so it scores lower. A number failing any check is never an ID_CARD. Masked numbers
 * ("3501**********1234") were processed already: reported so they are not processed twice.
 */
export function idCardDetector(today: Today = systemToday): Detector {
  // The division tree loads with the engine, not on the first document (shared with the place detectors).
  getDivisions();
  return {
    name: SOURCE,
    types: ['ID_CARD'],
    detect(text) {
      const out: Finding[] = [];
      const now = today();
      for (const run of digitRuns(text)) {
        if (run.decimal) continue;
        const last = run.groups.length - 1;
        forEachSpan(run, 15, 18, provinceDigit, (s) => {
          const withX = s.digits.length === 17 && s.j === last && run.xAfter;
          if (s.digits.length === 18 || withX) {
            const raw = withX ? `${s.digits}X` : s.digits;
            // The check character first: it rejects ten in eleven candidates before any lookup.
            if (checkDigit(raw.slice(0, 17)) !== raw[17]) return;
            const check = checkIdNumber(raw, { regionExists: idRegionExists });
            if (!check.ok || check.birthDate! > now) return;
            const end = withX ? s.end + 1 : s.end;
            out.push(finding(text, s.start, end, 0.99, { form: '18', birthDate: check.birthDate! }));
          } else if (s.digits.length === 15 && (s.sizes.length === 1 || sameSizes(s.sizes, [6, 6, 3]))) {
            const birthDate = oldFormBirthDate(s.digits);
            if (!birthDate || birthDate > now || !idRegionExists(s.digits.slice(0, 6))) return;
            out.push(finding(text, s.start, s.end, 0.8, { form: '15', birthDate }));
          }
        });
      }
      findMasked(text, out);
      return out;
    },
  };
}

/** 行政区划代码 start with a province digit 1–8. */
function provinceDigit(d: string): boolean {
  return d[0]! >= '1' && d[0]! <= '8';
}

function oldFormBirthDate(d15: string): string | undefined {
  const y = 1900 + Number(d15.slice(6, 8)), m = Number(d15.slice(8, 10)), d = Number(d15.slice(10, 12));
  if (!isValidCalendarDate(y, m, d)) return undefined;
  return `${y}-${d15.slice(8, 10)}-${d15.slice(10, 12)}`;
}

// 省级代码 (GB/T 2260): the first two digits of every 身份证号.
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

function provincePrefix(prefix: string): boolean {
  const p = prefix.replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return p.length === 1 ? p >= '1' && p <= '8' : PROVINCES.has(p.slice(0, 2));
}

function isStar(c: string | undefined): boolean {
  return c === '*' || c === '＊';
}

/**
 * A star run of 6+ with 1–6 digits before and up to 4 digits (or X) after, 15–18 characters in
 * all, opening with a province code. Fewer stars is a masked phone ("139****5678").
 */
function findMasked(text: string, out: Finding[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isStar(text[i])) { i++; continue; }
    const starStart = i;
    while (i < n && isStar(text[i])) i++;
    const starEnd = i, stars = starEnd - starStart;
    if (stars < 6 || stars > 18) continue;
    let start = starStart;
    while (start > 0 && starStart - start < 6 && isDigitAt(text, start - 1)) start--;
    if (isDigitAt(text, start - 1) || isStar(text[start - 1]) || start === starStart) continue;
    let end = starEnd;
    while (end < n && end - starEnd < 4 && (isDigitAt(text, end) || ((text[end] === 'X' || text[end] === 'x') && end - starEnd === 3))) end++;
    if (isDigitAt(text, end) || isStar(text[end]) || ((text[end - 1] === 'X' || text[end - 1] === 'x') && isAsciiAlnumAt(text, end))) continue;
    const len = end - start;
    if (len < 15 || len > 18 || !provincePrefix(text.slice(start, starStart))) continue;
    out.push(finding(text, start, end, 1, { form: 'masked', processed: true }));
  }
}

function finding(text: string, start: number, end: number, score: number, meta: Record<string, string | boolean>): Finding {
  return { type: 'ID_CARD', start, end, text: text.slice(start, end), score, source: SOURCE, meta };
}
