/**
 * Calendar dates as 'YYYY-MM-DD' strings (Asia/Shanghai civil dates). The decision never reads a
 * clock and never subtracts timestamps: the caller says which day the act happens on, and ages
 * and periods are counted in the Gregorian calendar (法释〔2006〕1号 第二条).
 */
import { errors } from '../errors.ts';

/** A civil date in Asia/Shanghai, 'YYYY-MM-DD'. Valid dates compare correctly as strings. */
export type IsoDate = string;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a valid 'YYYY-MM-DD' date, or undefined (2023-02-29 and 2024-13-01 are not dates). */
export function parseIsoDate(s: unknown): CalendarDate | undefined {
  if (typeof s !== 'string') return undefined;
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Object.freeze({ year, month, day });
}

export function isIsoDate(s: unknown): s is IsoDate {
  return parseIsoDate(s) !== undefined;
}

/** Like parseIsoDate but throws a HUTONG_VALIDATION error naming `field`. */
export function requireIsoDate(s: unknown, field: string): CalendarDate {
  const d = parseIsoDate(s);
  if (!d) throw errors.validation([{ field, message: `日期“${String(s)}”无效，应为 YYYY-MM-DD 格式的公历日期` }]);
  return d;
}

export function formatIsoDate(d: CalendarDate): IsoDate {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The next calendar day. */
export function nextDay(d: CalendarDate): CalendarDate {
  if (d.day < daysInMonth(d.year, d.month)) return { year: d.year, month: d.month, day: d.day + 1 };
  if (d.month < 12) return { year: d.year, month: d.month + 1, day: 1 };
  return { year: d.year + 1, month: 1, day: 1 };
}

/** The previous calendar day. */
export function previousDay(d: CalendarDate): CalendarDate {
  if (d.day > 1) return { year: d.year, month: d.month, day: d.day - 1 };
  if (d.month > 1) return { year: d.year, month: d.month - 1, day: daysInMonth(d.year, d.month - 1) };
  return { year: d.year - 1, month: 12, day: 31 };
}

/** -1, 0 or 1. Works on valid ISO dates because they sort as strings. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The Asia/Shanghai civil date of an instant, for callers at the edge (server, CLI) that hold a
 * timestamp. China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact
 * for every date the platform handles. Pure: the instant is an argument, no clock is read.
 */
export function shanghaiDate(instant: Date | number): IsoDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw errors.validation([{ field: 'date', message: '时间无效' }]);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
