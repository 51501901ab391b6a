export * from './types.ts';
export { codePointOffsets } from './offsets.ts';
export { resolveOverlaps } from './resolve.ts';
export { RedactEngine, defaultEngine, type EngineOptions } from './engine.ts';
export { defaultDetectors, type DetectorOptions } from './detectors/index.ts';
