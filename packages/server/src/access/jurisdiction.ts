import { regionPrefix } from '@hutong/core';

/** '000000000000' is the whole country (platform admins and national auditors). */
export const NATIONWIDE = '000000000000';

/** The SQL LIKE prefix of a region subtree; '' for nationwide. */
export function subtreePrefix(code12: string): string {
  return code12 === NATIONWIDE ? '' : regionPrefix(code12);
}

export function inSubtree(root12: string, code12: string): boolean {
  return code12.startsWith(subtreePrefix(root12));
}
