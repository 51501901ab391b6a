import { errors, HutongError, isWithinJurisdiction, NATIONWIDE, normaliseRegionCode } from '@hutong/core';
import { getDivisions } from '@hutong/divisions';

/**
 * 全国 (NATIONWIDE, 12 zeros) is not a real unit, so only roles whose work is not tied to a place
 * (admin, auditor) may hold it as their jurisdiction.
 */
export { NATIONWIDE };

/**
 * Normalises a region code (2/4/6/9/12 digits) and checks the unit exists in the shipped 2023
 * tree; throws HUTONG_VALIDATION naming `field`. `allowNationwide` admits 000000000000.
 */
export function checkRegionCode(raw: string, field: string, opts: { allowNationwide?: boolean } = {}): string {
  const value = raw.trim();
  if (value === NATIONWIDE || value === '00') {
    if (opts.allowNationwide) return NATIONWIDE;
    throw errors.validation([{ field, message: '只有系统管理员和审计员的管辖范围可以是全国（000000000000）' }]);
  }
  let code: string;
  try {
    code = normaliseRegionCode(value);
  } catch (err) {
    if (err instanceof HutongError) throw errors.validation([{ field, message: err.message }]);
    throw err;
  }
  if (!getDivisions().get(code)) {
    throw errors.validation([{ field, message: `行政区划代码“${code}”不在 2023 年统计用区划代码中` }]);
  }
  return code;
}

/** Jurisdiction containment with the nationwide root understood. */
export function regionWithin(ancestor: string, code: string): boolean {
  if (code === NATIONWIDE) return ancestor === NATIONWIDE;
  return isWithinJurisdiction(ancestor, code);
}

/** 北京市东城区…, or null when the tree does not know the code (or it is the root). */
export function regionName(code: string): string | null {
  if (code === NATIONWIDE) return '全国';
  try {
    return getDivisions().fullName(code) ?? null;
  } catch {
    return null;
  }
}
