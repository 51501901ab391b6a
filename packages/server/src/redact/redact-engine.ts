import { defaultEngine, RedactEngine, registryDetector, type RegistryTerms } from '@hutong/redact';

/**
 * The process-wide engine (gazetteer and tagger model load once, on first use), or a per-request
 * engine that adds the registry detector over the same loaded detectors: the terms belong to one
 * actor's request and are never kept.
 */
export function engineFor(terms?: RegistryTerms): RedactEngine {
  const base = defaultEngine();
  if (!terms) return base;
  return new RedactEngine({ detectors: [...base.detectors.filter((d) => d.name !== 'registry'), registryDetector(terms)] });
}
