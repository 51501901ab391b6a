import { getDivisions } from './index.ts';

const cache = new Map<string, boolean>();

/**
 * Whether the region code of an ID number (its first six digits) is real. ID numbers keep the
 * county code of the place of first registration, and counties have been merged or renamed since
 * (崇文区 110103): a number is accepted when its county still exists or, failing that, its
 * prefecture does — the check still catches mistyped and invented codes. One rule for the
 * registry's validation and the 技术处理 engine's ID_CARD detector.
 */
export function idRegionExists(code6: string): boolean {
  let ok = cache.get(code6);
  if (ok === undefined) {
    const d = getDivisions();
    ok = d.existsCounty(code6) || (d.get(code6.slice(0, 4)) !== undefined && code6.slice(4) !== '00');
    if (cache.size < 100_000) cache.set(code6, ok);
  }
  return ok;
}
