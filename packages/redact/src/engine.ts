import { defaultDetectors, type DetectorOptions } from './detectors/index.ts';
import { resolveOverlaps } from './resolve.ts';
import type { DetectOptions, Detector, Finding } from './types.ts';

export interface EngineOptions extends DetectorOptions {
  /** Replace the default detectors (tests, custom deployments). */
  readonly detectors?: readonly Detector[];
}

/** The detection half of 技术处理: all detectors over one document, overlaps resolved. */
export class RedactEngine {
  readonly detectors: readonly Detector[];

  constructor(opts: EngineOptions = {}) {
    this.detectors = opts.detectors ?? defaultDetectors(opts);
  }

  detect(text: string, opts: DetectOptions = {}): Finding[] {
    const want = opts.types ? new Set(opts.types) : null;
    const all: Finding[] = [];
    for (const d of this.detectors) {
      if (want && !d.types.some((t) => want.has(t))) continue;
      for (const f of d.detect(text)) if (!want || want.has(f.type)) all.push(f);
    }
    return resolveOverlaps(all);
  }
}

let shared: RedactEngine | undefined;
/** A process-wide engine without registry terms (the gazetteer and model load once). */
export function defaultEngine(): RedactEngine {
  return (shared ??= new RedactEngine());
}
