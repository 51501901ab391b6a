/**
 * 统计用区划代码 (12 digits: 省2 市2 县2 乡3 村3). Jurisdictions are stored as 12-digit codes and
 * enforced by prefix, so everything here is pure string arithmetic: no division tree is needed,
 * which keeps core dependency-free and lets the server check access without loading 660k names.
 */
import { errors } from '../errors.ts';

/** 1 省级, 2 地级, 3 县级, 4 乡级, 5 村级（村委会/居委会）. */
export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export const REGION_LEVEL_LABELS: Readonly<Record<RegionLevel, string>> = Object.freeze({
  1: '省级', 2: '地级', 3: '县级', 4: '乡级', 5: '村级',
});

/** Significant prefix length per level; the rest of a 12-digit code is zero padding. */
const PREFIX_LENGTHS = [2, 4, 6, 9, 12] as const;
const ACCEPTED_LENGTHS: readonly number[] = PREFIX_LENGTHS;
const ZEROS = '000000000000';

function invalid(value: string, why: string): Error {
  const message = `行政区划代码“${value}”无效：${why}`;
  return errors.validation([{ field: 'regionCode', message }], message);
}

/**
 * Accepts the forms people and old systems write (2/4/6/9/12 digits, e.g. 35, 3501, 350102,
 * 350102001, 350102001001) and returns the 12-digit form. Anything else throws, because a
 * silently "repaired" code could widen or shift someone's jurisdiction.
 */
export function normaliseRegionCode(s: string): string {
  const v = typeof s === 'string' ? s.trim() : String(s);
  if (!/^\d+$/u.test(v)) throw invalid(v, '应只包含数字');
  if (!ACCEPTED_LENGTHS.includes(v.length)) throw invalid(v, '应为 2、4、6、9 或 12 位数字');
  // No province has code 00; an all-zero prefix would otherwise be "within" nothing and everything.
  if (v.startsWith('00')) throw invalid(v, '省级代码不能为 00');
  return (v + ZEROS).slice(0, 12);
}

function assert12(code12: string): void {
  if (typeof code12 !== 'string' || !/^\d{12}$/u.test(code12)) {
    throw invalid(String(code12), '应为 12 位数字（可先用 normaliseRegionCode 补齐）');
  }
  if (code12.startsWith('00')) throw invalid(code12, '省级代码不能为 00');
}

/**
 * Level from trailing zeros. Note a few real units share a code with their parent
 * (东莞市 441900 is both 地级 and 县级); this returns the shallowest reading, the tree knows the rest.
 */
export function regionLevel(code12: string): RegionLevel {
  assert12(code12);
  if (code12.endsWith('0000000000')) return 1;
  if (code12.endsWith('00000000')) return 2;
  if (code12.endsWith('000000')) return 3;
  if (code12.endsWith('000')) return 4;
  return 5;
}

/** The significant prefix (2/4/6/9/12 chars): a code's whole subtree shares it. */
export function regionPrefix(code12: string): string {
  return code12.slice(0, PREFIX_LENGTHS[regionLevel(code12) - 1]);
}

/**
 * Whether `code12` lies in the subtree of `ancestor12` (inclusive: a region is within itself).
 * This is the jurisdiction check, so malformed input throws instead of answering false or true.
 */
export function isWithin(ancestor12: string, code12: string): boolean {
  assert12(code12);
  return code12.startsWith(regionPrefix(ancestor12));
}

/** The code one level up by zeroing the last significant segment; null for a province. */
export function parentCode(code12: string): string | null {
  const level = regionLevel(code12);
  if (level === 1) return null;
  return (code12.slice(0, PREFIX_LENGTHS[level - 2]) + ZEROS).slice(0, 12);
}
