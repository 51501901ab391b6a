import type { ReadResult } from '../gold.ts';
import { LABEL_MAPS, type LabelMap } from '../label-map.ts';
import { readTaggedSentences, sentencesToDocs } from './tagged-lines.ts';

/**
 * Weibo NER (golden-horse): column 1 is the character followed by its word-segmentation digit
 * (`张0`, `#0`, `20` is the character 2), column 2 the tag (B-PER.NAM, I-PER.NOM …).
 */
export function readConll(source: string, map: LabelMap = LABEL_MAPS.conll): ReadResult {
  return sentencesToDocs('L', readTaggedSentences(source, (raw) => (/\d$/u.test(raw) && raw.length > 1 ? raw.slice(0, -1) : raw)), map);
}
