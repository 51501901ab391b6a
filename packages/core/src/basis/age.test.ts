import { describe, expect, it } from 'vitest';
import { ageBand, firstDayOfAge, fullYearsOfAge, hasReachedAge } from './age.ts';
import { compareIsoDates, formatIsoDate, isIsoDate, nextDay, parseIsoDate, previousDay, shanghaiDate } from './iso-date.ts';

describe('法释〔2006〕1号 第二条: 周岁 from the day after the birthday (民法典 第二百零一、二百零二条)', () => {
  it.each([
    // birth,        on,           full years, 已满十四周岁
    ['2010-05-10', '2024-05-09', 13, false], // the day before the 14th birthday
    ['2010-05-10', '2024-05-10', 13, false], // the birthday itself: the period ends today
    ['2010-05-10', '2024-05-11', 14, true], // the day after
    ['2008-02-29', '2022-02-27', 13, false],
    ['2008-02-29', '2022-02-28', 13, false], // non-leap year: the period completes on 28 Feb
    ['2008-02-29', '2022-03-01', 14, true],
    ['2010-02-28', '2024-02-28', 13, false], // leap target year, ordinary birthday
    ['2010-02-28', '2024-02-29', 14, true],
    ['2012-02-29', '2026-02-28', 13, false],
    ['2012-02-29', '2026-03-01', 14, true],
    ['2010-12-31', '2024-12-31', 13, false],
    ['2010-12-31', '2025-01-01', 14, true],
    ['2010-01-01', '2010-01-01', 0, false], // day of birth
    ['2010-01-01', '2011-01-01', 0, false],
    ['2010-01-01', '2011-01-02', 1, false],
  ] as const)('born %s, on %s: %i 周岁, 14+ = %s', (birth, on, years, fourteen) => {
    expect(fullYearsOfAge(birth, on)).toBe(years);
    expect(hasReachedAge(birth, on, 14)).toBe(fourteen);
  });

  it.each([
    ['2010-05-10', 14, '2024-05-11'],
    ['2008-02-29', 14, '2022-03-01'],
    ['2008-02-29', 16, '2024-03-01'], // a leap target year: the period ends on 29 Feb itself
    ['2010-12-31', 14, '2025-01-01'],
    ['2010-05-10', 0, '2010-05-10'],
  ] as const)('born %s: 已满 %i 周岁 from %s', (birth, years, first) => {
    expect(firstDayOfAge(birth, years)).toBe(first);
    expect(hasReachedAge(birth, first, years)).toBe(true);
    if (years > 0) expect(hasReachedAge(birth, previousDayIso(first), years)).toBe(false);
  });

  it('bands: under 14, from 14, adult from the day after the 18th birthday', () => {
    expect(ageBand('2006-05-10', '2024-05-10')).toBe('from14');
    expect(ageBand('2006-05-10', '2024-05-11')).toBe('adult');
    expect(ageBand('2010-05-10', '2024-05-10')).toBe('under14');
  });

  it('refuses malformed dates and a birth after the act', () => {
    expect(() => fullYearsOfAge('2010-02-30', '2024-01-01')).toThrow(/无效/u);
    expect(() => fullYearsOfAge('2010-5-1', '2024-01-01')).toThrow(/无效/u);
    expect(() => fullYearsOfAge('2024-01-02', '2024-01-01')).toThrow(/晚于/u);
  });
});

const previousDayIso = (s: string): string => formatIsoDate(previousDay(parseIsoDate(s)!));

describe('calendar dates', () => {
  it.each(['2024-02-29', '2000-02-29', '1999-12-31'])('%s is a date', (s) => expect(isIsoDate(s)).toBe(true));
  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '24-01-01', '2024-1-1', '', 20240101])('%s is not', (s) => expect(isIsoDate(s)).toBe(false));
  it('steps over month and year ends', () => {
    expect(nextDay({ year: 2024, month: 2, day: 28 })).toEqual({ year: 2024, month: 2, day: 29 });
    expect(nextDay({ year: 2023, month: 2, day: 28 })).toEqual({ year: 2023, month: 3, day: 1 });
    expect(nextDay({ year: 2023, month: 12, day: 31 })).toEqual({ year: 2024, month: 1, day: 1 });
    expect(previousDay({ year: 2024, month: 3, day: 1 })).toEqual({ year: 2024, month: 2, day: 29 });
    expect(compareIsoDates('2024-01-02', '2024-01-10')).toBe(-1);
  });
  it('takes the Asia/Shanghai civil date of an instant (UTC+8, no DST)', () => {
    expect(shanghaiDate(new Date('2024-05-10T15:59:59Z'))).toBe('2024-05-10');
    expect(shanghaiDate(new Date('2024-05-10T16:00:00Z'))).toBe('2024-05-11');
    expect(shanghaiDate(Date.UTC(2023, 11, 31, 16))).toBe('2024-01-01');
  });
});
