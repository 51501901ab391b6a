import type { ReadResult } from '../gold.ts';
import { LABEL_MAPS, type LabelMap } from '../label-map.ts';
import { readTaggedSentences, sentencesToDocs } from './tagged-lines.ts';

/** Character-per-line BIO (People's Daily, UNER zh): `字 B-PER`, space or tab, blank line between sentences. */
export function readBio(source: string, map: LabelMap = LABEL_MAPS.bio): ReadResult {
  return sentencesToDocs('L', readTaggedSentences(source), map);
}
