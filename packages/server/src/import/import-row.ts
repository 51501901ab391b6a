import type { FieldProblem } from '@hutong/core';
import type { RawChildInput } from '../registry/child-input.ts';
import { columnLabel, type ColumnKey } from './import-columns.ts';

const GUARDIAN_KEYS = ['guardianName', 'guardianRelation', 'guardianPhone', 'guardianIdNumber'] as const;
const GUARDIAN_FIELD = { guardianName: 'name', guardianRelation: 'relation', guardianPhone: 'phone', guardianIdNumber: 'idNumber' } as const;
// Several guardians share one cell each, separated the way officers separate them by hand.
const MULTI = /[;；]/u;

/**
 * Turns one spreadsheet row into the raw input validateChildInput takes. Only the shape is
 * handled here (dates as officers type them, guardians spread over columns); every rule on the
 * values stays in validateChildInput so import refuses exactly what the API refuses.
 */
export function rowToInput(keys: ReadonlyArray<ColumnKey | null>, cells: readonly string[]): { raw: RawChildInput; problems: FieldProblem[] } {
  const v: Partial<Record<ColumnKey, string>> = {};
  keys.forEach((k, i) => {
    const cell = (cells[i] ?? '').trim();
    if (k && cell !== '') v[k] = cell;
  });
  const problems: FieldProblem[] = [];
  const raw: RawChildInput = {
    name: v.name, gender: v.gender, birthDate: v.birthDate === undefined ? undefined : normaliseDate(v.birthDate),
    idNumber: v.idNumber, ethnicity: v.ethnicity, phone: v.phone, householdAddress: v.householdAddress,
    residenceAddress: v.residenceAddress, regionCode: v.regionCode, school: v.school, grade: v.grade,
    categories: v.categories ?? '', health: v.health, disability: v.disability,
    guardianSituation: v.guardianSituation, assistance: v.assistance,
  };
  const lists = GUARDIAN_KEYS.map((k) => (v[k] === undefined ? [] : v[k]!.split(MULTI).map((s) => s.trim())));
  const count = Math.max(...lists.map((l) => l.length));
  if (count > 0) {
    GUARDIAN_KEYS.forEach((k, i) => {
      const n = lists[i]!.length;
      if (n > 0 && n !== count) problems.push({ field: k, message: `${columnLabel(k)}有 ${n} 项，与监护人人数 ${count} 不一致（多位监护人请用分号分隔，各列一一对应）` });
    });
    raw.guardians = Array.from({ length: count }, (_, g) => {
      const o: Record<string, string> = {};
      GUARDIAN_KEYS.forEach((k, i) => {
        const s = lists[i]![g];
        if (s) o[GUARDIAN_FIELD[k]] = s;
      });
      return o;
    });
  }
  return { raw, problems };
}

/** 2015/3/8, 2015.3.8, 2015年3月8日, 20150308 and Excel serial numbers → 2015-03-08. */
export function normaliseDate(s: string): string {
  const t = s.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(t);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  if (/^\d{8}$/u.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}`;
  // A date column saved without its date format arrives as days since 1899-12-30.
  if (/^\d{5}(?:\.0+)?$/u.test(t)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  return t;
}
