import type { Detector, RegistryTerms } from '../types.ts';

export interface DetectorOptions {
  /** The platform's registry (REGISTRY detector): exact names, schools and villages. */
  readonly registry?: RegistryTerms;
}

/**
 * Every detector the engine runs, built once per engine (gazetteers and the tagger model load
 * here, not per document). Each detector module exports a factory.
 */
export function defaultDetectors(opts: DetectorOptions = {}): Detector[] {
  const list: Detector[] = [];
  // rules: identifiers, labels and exploit cues (detectors/rules/)
  // ADDRESS and SCHOOL (detectors/place/)
  // PERSON tagger and nicknames (detectors/person/)
  // REGISTRY exact matching (detectors/registry/)
  void opts;
  return list;
}
