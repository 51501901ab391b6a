import type { Detector, RegistryTerms } from '../types.ts';
import { ruleDetectors } from './rules/index.ts';
import { registryDetector } from './registry/index.ts';
import { personDetector } from './person/index.ts';
import { placeDetectors } from './place/index.ts';

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
  list.push(...ruleDetectors());
  // ADDRESS and SCHOOL (detectors/place/)
  list.push(...placeDetectors());
  // PERSON tagger and nicknames (detectors/person/)
  list.push(personDetector());
  // REGISTRY exact matching (detectors/registry/)
  if (opts.registry) list.push(registryDetector(opts.registry));
  void opts;
  return list;
}
