export { normaliseTerm, TextView, isHan } from './normalise.ts';
export { packageKeyFor, derivePackageKeys, hmacSm3, type PackageKeys } from './package-keys.ts';
export { ENTRY_KINDS, EVIDENCE_PARTS, type EntryKind } from './fingerprint.ts';
export {
  deriveChildPrints, encodeChildPrints, decodeChildPrints, DERIVE_VERSION, isIdNumber, isIndexableName,
  type ChildCombinations, type ChildPrints, type PlaceForm,
} from './child-prints.ts';
export { assemblePackage, DEFAULT_PAIR_WINDOW, DEFAULT_THRESHOLD, type AssembleChild, type AssembleOptions, type AssembleStats } from './package-assemble.ts';
export { readPackage, REF_BYTES, type PackageHeader } from './package-format.ts';
export { ScreeningPackage } from './screening-package.ts';
export { Scanner, type Hit, type Evidence, type ScanStats } from './scanner.ts';
export { type CueEntry, type CueFlag } from './cue-lexicon.ts';
export { screenErrors } from './screen.errors.ts';
export { hitId, parsePost, type Post } from './post.ts';
export { scanJsonl, type JsonlScanReport } from './jsonl-scan.ts';
export { runWorker, ensureStreams, streamNames, type WorkerOptions, type WorkerReport } from './jetstream-worker.ts';
