import type { Detector, EntityType, Finding, RegistryTerms } from '../../types.ts';
import { AhoCorasick } from './aho-corasick.ts';

/** A detector that also exposes its terms, so redaction can avoid real registered names as 化名. */
export interface RegistryDetector extends Detector {
  readonly terms: RegistryTerms;
}

/**
 * Shorter terms would hit ordinary words everywhere (a one-character "name" matches half the
 * text); the tagger handles those.
 */
const MIN_TERM = 2;

function clean(terms: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const t of terms ?? []) {
    const s = typeof t === 'string' ? t.normalize('NFC').trim() : '';
    if ([...s].length >= MIN_TERM) out.add(s);
  }
  return [...out];
}

/**
 * Exact matches of the registry's own children, guardians, schools and villages, score 1, so a
 * child we hold records for never slips through when the tagger or gazetteer misses them.
 * Every occurrence is emitted, overlaps included; resolveOverlaps keeps the longest.
 */
export function registryDetector(terms: RegistryTerms): RegistryDetector {
  const kept: RegistryTerms = { persons: clean(terms.persons), schools: clean(terms.schools), places: clean(terms.places) };
  const entries: [string, EntityType][] = [
    ...kept.persons.map((p) => [p, 'PERSON'] as [string, EntityType]),
    ...kept.schools.map((p) => [p, 'SCHOOL'] as [string, EntityType]),
    ...kept.places.map((p) => [p, 'ADDRESS'] as [string, EntityType]),
  ];
  const ac = new AhoCorasick<EntityType>(entries);
  return {
    name: 'registry',
    types: ['PERSON', 'SCHOOL', 'ADDRESS'],
    terms: kept,
    detect(text: string): Finding[] {
      if (!ac.size) return [];
      return ac.findAll(text).map((m) => ({
        type: m.value, start: m.start, end: m.end, text: text.slice(m.start, m.end), score: 1, source: 'registry',
      }));
    },
  };
}
