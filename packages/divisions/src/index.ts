/**
 * @hutong/divisions — the 2023 statistical division tree (省 → 村/社区) shipped with the product.
 * The data is derived into ../data at build time (scripts/build-data.ts); nothing is read from
 * outside the repository at run time.
 */
import { readFileSync } from 'node:fs';
import { DivisionTree } from './tree.ts';

export { DivisionTree, ROOT_CODE } from './tree.ts';
export type { Division, FindByNameOptions, NamesIterOptions } from './tree.ts';
export { deriveShortName } from './short-name.ts';
export { EXPECTED_COUNTS } from './format.ts';

export const DATA_FILE = new URL('../data/divisions.tsv.gz', import.meta.url);

let instance: DivisionTree | undefined;

/**
 * The tree, loaded on first call and shared afterwards. Loading is synchronous (~1 s) so callers
 * such as ID-number validation stay synchronous; warm it at server start to keep it off a request.
 */
export function getDivisions(): DivisionTree {
  instance ??= DivisionTree.fromGzip(readFileSync(DATA_FILE));
  return instance;
}
export { idRegionExists } from './id-region.ts';
