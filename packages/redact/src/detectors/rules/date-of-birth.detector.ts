import { isValidCalendarDate } from '@hutong/core';
import type { Detector, Finding } from '../../types.ts';
import { chineseSmall, chineseYear } from './chinese-numerals.ts';
import { systemToday, type Today } from './today.ts';

const SOURCE = 'date_of_birth';

// 2012年3月4日 / 2012年3月 / 2012-03-04 / 2012.3.4 / 2012/3/4. Each quantifier is bounded and
// separated by a literal, so there is nothing to backtrack over.
const ARABIC = /(?<![0-9０-９])((?:19|20)[0-9]{2})(?: ?年 ?([0-9]{1,2}) ?月(?: ?([0-9]{1,2}) ?[日号])?|([-./／])([0-9]{1,2})\4([0-9]{1,2})(?![0-9]))/gu;
const CN_DIGIT = '[〇○零一二三四五六七八九]';
const CN_MONTH = '十[一二]?|[一二三四五六七八九]';
const CN_DAY = '三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]';
const CHINESE = new RegExp(`(${CN_DIGIT}{4})年(${CN_MONTH})月(?:(${CN_DAY})[日号])?`, 'gu');

const BEFORE = ['出生', '生日', '诞生', '生辰', 'dob', 'birth', '生于'];
// "发生于" "产生于" are events, not births.
const NOT_BORN = /[发产衍派滋]生于/u;
// "2012年3月生" is a birth; "2012年3月生产/生效/生活…" is not.
const AFTER = /^(?:出生|出世|生(?![产活效病长成意态命存涯育物理]))/u;

/**
 * 出生日期: a full or year-month date, only when the context says birth (出生/生于/生日/DOB… in
 * the ten characters before, or "出生"/"生" right after) and not after today.
 */
export function dateOfBirthDetector(today: Today = systemToday): Detector {
  return {
    name: SOURCE,
    types: ['DATE_OF_BIRTH'],
    detect(text) {
      const out: Finding[] = [];
      const now = today();
      for (const m of text.matchAll(ARABIC)) {
        const y = Number(m[1]);
        const mo = Number(m[2] ?? m[5]);
        const dRaw = m[3] ?? m[6];
        add(text, m.index, m[0].length, y, mo, dRaw === undefined ? undefined : Number(dRaw), now, out);
      }
      for (const m of text.matchAll(CHINESE)) {
        add(text, m.index, m[0].length, chineseYear(m[1]!), chineseSmall(m[2]!), m[3] === undefined ? undefined : chineseSmall(m[3]), now, out);
      }
      return out;
    },
  };
}

function add(text: string, start: number, length: number, y: number, m: number, d: number | undefined, now: string, out: Finding[]): void {
  if (y < 1900 || m < 1 || m > 12) return;
  if (d !== undefined && !isValidCalendarDate(y, m, d)) return;
  const iso = `${y}-${String(m).padStart(2, '0')}${d === undefined ? '' : `-${String(d).padStart(2, '0')}`}`;
  if (iso > now.slice(0, iso.length)) return;
  const end = start + length;
  if (!birthContext(text, start, end)) return;
  out.push({
    type: 'DATE_OF_BIRTH', start, end, text: text.slice(start, end), score: 0.9, source: SOURCE,
    meta: { date: iso, precision: d === undefined ? 'month' : 'day' },
  });
}

function birthContext(text: string, start: number, end: number): boolean {
  if (AFTER.test(text.slice(end, end + 3))) return true;
  const before = text.slice(Math.max(0, start - 10), start);
  const folded = before.toLowerCase();
  for (const w of BEFORE) {
    const at = folded.lastIndexOf(w);
    if (at < 0) continue;
    if (w === '生于' && NOT_BORN.test(before.slice(Math.max(0, at - 1), at + 2))) continue;
    return true;
  }
  return false;
}
