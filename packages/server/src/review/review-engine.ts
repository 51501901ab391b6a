import { AhoCorasick, RedactEngine, registryDetector, type DetectingEngine, type Detector, type EntityType, type Finding, type RegistryDetector, type RegistryTerms } from '@hutong/redact';
import { engineFor } from '../redact/redact-engine.ts';

/**
 * The redaction engine as publication review runs it: the process-wide detectors, the registry
 * terms (the submitter's own registry, plus registry terms an earlier run matched, so a re-run by
 * a reviewer without registry access processes the same names), and the terms a reviewer added.
 * It also remembers every raw finding, because linking to the registry needs the names and
 * numbers themselves, which the review report only carries masked.
 */
export interface Term {
  readonly type: EntityType;
  readonly text: string;
}

const REGISTRY_FIELDS: Partial<Record<EntityType, keyof RegistryTerms>> = { PERSON: 'persons', SCHOOL: 'schools', ADDRESS: 'places' };

/** The registry detector over live terms and registry terms remembered from an earlier run. */
export function registryOf(live: RegistryTerms | undefined, known: readonly Term[], extra: readonly Term[] = []): RegistryDetector | undefined {
  const t = { persons: [...(live?.persons ?? [])], schools: [...(live?.schools ?? [])], places: [...(live?.places ?? [])] };
  for (const k of [...known, ...extra]) {
    const field = REGISTRY_FIELDS[k.type];
    if (field) t[field].push(k.text);
  }
  return t.persons.length || t.schools.length || t.places.length ? registryDetector(t) : undefined;
}

/** A reviewer's added terms, of any type, found wherever they occur (source 'reviewer'). */
export function reviewerDetector(terms: readonly Term[]): Detector {
  const ac = new AhoCorasick<EntityType>(terms.filter((t) => t.text.trim()).map((t) => [t.text.trim(), t.type] as const));
  return {
    name: 'reviewer',
    types: [...new Set(terms.map((t) => t.type))],
    detect: (text) => (ac.size ? ac.findAll(text).map((m) => ({ type: m.value, start: m.start, end: m.end, text: text.slice(m.start, m.end), score: 1, source: 'reviewer' })) : []),
  };
}

export class CollectingEngine implements DetectingEngine {
  readonly detectors: readonly Detector[];
  private readonly inner: RedactEngine;
  private readonly seen = new Map<string, Finding>();

  constructor(registry: RegistryDetector | undefined, added: readonly Term[]) {
    const base = engineFor().detectors.filter((d) => d.name !== 'registry');
    this.inner = new RedactEngine({ detectors: [...base, ...(registry ? [registry] : []), ...(added.length ? [reviewerDetector(added)] : [])] });
    this.detectors = this.inner.detectors;
  }

  detect(text: string): Finding[] {
    const found = this.inner.detect(text);
    for (const f of found) {
      const key = `${f.type}\u0000${f.text}`;
      if (!this.seen.has(key)) this.seen.set(key, f);
    }
    return found;
  }

  /** Every distinct (type, text) found so far, first occurrence first. */
  findings(): Finding[] {
    return [...this.seen.values()];
  }
}
