export { buildScreeningPackage, DEFAULT_VALID_DAYS, MAX_VALID_DAYS, REKEY_AFTER_DAYS, type BuildOptions, type BuildReport } from './screen-build.service.ts';
export { childIdOfRef } from './screening-prints.repo.ts';
export { childRef, childRefKey } from './screen-keys.ts';
