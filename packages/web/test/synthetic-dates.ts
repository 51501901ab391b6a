import { isIsoDate } from '@hutong/core';
import { today } from '../../server/src/registry/registry.service.ts';

/** Synthetic birth dates relative to today (the registry's China-time today), so ages hold whenever the tests run. */

export function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A birth date `years` and `days` before today (never 29 February). */
export function bornBefore(years: number, days: number): string {
  for (let d = days; ; d++) {
    const day = shiftDays(today(), -d);
    const iso = `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
    if (isIsoDate(iso)) return iso;
  }
}

/** A birth date whose 14th birthday falls `days` from today (never 29 February). */
export function bornFourteenYearsBefore(days: number): string {
  for (let d = days; ; d++) {
    const birthday = shiftDays(today(), d);
    const birth = `${Number(birthday.slice(0, 4)) - 14}${birthday.slice(4)}`;
    if (isIsoDate(birth)) return birth;
  }
}
