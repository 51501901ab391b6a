/**
 * Jurisdiction for the decision. A jurisdiction is a region code (any accepted length) or
 * '000000000000' for nationwide. core's isWithin refuses the all-zero code on purpose (a zero
 * prefix would be "within" everything by accident), so nationwide is handled here, explicitly.
 */
import { isWithin, normaliseRegionCode } from '../regions/region-code.ts';

/** The jurisdiction code that means "the whole country" (e.g. a national department's auditor). */
export const NATIONWIDE = '000000000000';

export function isNationwide(jurisdiction: string): boolean {
  return jurisdiction === NATIONWIDE;
}

/** Whether a child in `childRegion` lies inside `jurisdiction`. Malformed codes throw (HUTONG_VALIDATION). */
export function isWithinJurisdiction(jurisdiction: string, childRegion: string): boolean {
  const child12 = normaliseRegionCode(childRegion);
  if (isNationwide(jurisdiction)) return true;
  return isWithin(normaliseRegionCode(jurisdiction), child12);
}
