/**
 * 周岁 (full years of age) on a calendar date.
 *
 * 法释〔2006〕1号 第二条: 周岁按照公历的年、月、日计算，从周岁生日的第二天起算. With 民法典
 * 第二百零一条 (the first day is not counted) and 第二百零二条 (the period ends on the
 * corresponding day of the final month; where there is none, on the last day of that month):
 *   - a child born 2010-05-10 is still 13 on 2024-05-10 and 已满十四周岁 from 2024-05-11;
 *   - a child born 2008-02-29 completes the period on 2022-02-28 and is 已满十四周岁 from 2022-03-01.
 * Only calendar arithmetic on 'YYYY-MM-DD' strings; no timestamps, no clock.
 */
import { errors } from '../errors.ts';
import { daysInMonth, formatIsoDate, nextDay, requireIsoDate, type CalendarDate, type IsoDate } from './iso-date.ts';

/** The last day of the period of `years` years counted from a birth date (the N-th 周岁生日, or 28 Feb). */
function periodEnd(birth: CalendarDate, years: number): CalendarDate {
  const year = birth.year + years;
  return { year, month: birth.month, day: Math.min(birth.day, daysInMonth(year, birth.month)) };
}

function before(a: CalendarDate, b: CalendarDate): boolean {
  return formatIsoDate(a) < formatIsoDate(b);
}

/**
 * Full years of age (周岁) on `onDate`. Throws HUTONG_VALIDATION for malformed dates or a date
 * before the birth date.
 */
export function fullYearsOfAge(birthDate: IsoDate, onDate: IsoDate): number {
  const birth = requireIsoDate(birthDate, 'birthDate');
  const on = requireIsoDate(onDate, 'date');
  if (before(on, birth)) {
    throw errors.validation([{ field: 'birthDate', message: `出生日期 ${birthDate} 晚于处理日期 ${onDate}` }]);
  }
  let years = on.year - birth.year;
  // On the N-th birthday itself (or on 28 Feb for a 29 Feb birth) the N-th year is not yet complete.
  if (years > 0 && !before(periodEnd(birth, years), on)) years -= 1;
  return years;
}

/** Whether the person 已满 `years` 周岁 on `onDate` (true only from the day after that birthday). */
export function hasReachedAge(birthDate: IsoDate, onDate: IsoDate, years: number): boolean {
  return fullYearsOfAge(birthDate, onDate) >= years;
}

/** The first day on which the person 已满 `years` 周岁: the day after the period ends. */
export function firstDayOfAge(birthDate: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years) || years < 0) throw errors.validation([{ field: 'years', message: '周岁数应为非负整数' }]);
  const birth = requireIsoDate(birthDate, 'birthDate');
  if (years === 0) return formatIsoDate(birth);
  return formatIsoDate(nextDay(periodEnd(birth, years)));
}

/** 第十二条 splits at fourteen; adult processing (eighteen) needs no guardian. */
export const AGE_OF_CONSENT = 14;
export const AGE_OF_MAJORITY = 18;

export type AgeBand = 'under14' | 'from14' | 'adult';

export function ageBand(birthDate: IsoDate, onDate: IsoDate): AgeBand {
  const years = fullYearsOfAge(birthDate, onDate);
  return years >= AGE_OF_MAJORITY ? 'adult' : years >= AGE_OF_CONSENT ? 'from14' : 'under14';
}
