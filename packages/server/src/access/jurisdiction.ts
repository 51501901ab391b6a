import { isWithinJurisdiction, NATIONWIDE, regionPrefix } from '@hutong/core';

export { NATIONWIDE };

/** The SQL LIKE prefix of a region subtree; '' for nationwide. */
export function subtreePrefix(code12: string): string {
  return code12 === NATIONWIDE ? '' : regionPrefix(code12);
}

/** Whether `code12` lies in the subtree rooted at `root12` (the same rule the decision applies). */
export const inSubtree = isWithinJurisdiction;
