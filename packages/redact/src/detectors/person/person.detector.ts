import { resolveOverlaps } from '../../resolve.ts';
import type { Detector, Finding } from '../../types.ts';
import { cueFindings } from './cues.ts';
import { loadPersonModel } from './load-model.ts';
import { nicknameFindings } from './nicknames.ts';
import { splitName } from './names.ts';
import { Tagger } from './tagger.ts';

export interface PersonDetectorOptions {
  /** Another model file (measurement, experiments); default: the one shipped in model/. */
  readonly modelPath?: string;
  /**
   * Favour recall over precision (0 = the trained balance). On People's Daily dev, 10 lifts char
   * recall 0.864 → 0.892 at precision 0.80 → 0.74 (model/MODEL_CARD.md).
   */
  readonly recallBias?: number;
}

/**
 * PERSON: the statistical tagger ('person_tagger'), rule cues such as 化名 and 同学
 * ('person_cue'), then every everyday form of each full name found, within the same document
 * only ('person_nickname'). The model loads on first use, once per process.
 */
export function personDetector(opts: PersonDetectorOptions = {}): Detector {
  let tagger: Tagger | undefined;
  return {
    name: 'person',
    types: ['PERSON'],
    detect(text: string): Finding[] {
      tagger ??= new Tagger({ ...loadPersonModel(opts.modelPath), oBias: opts.recallBias ?? 0 });
      const classes = tagger.model.classes;
      const found: Finding[] = [];
      for (const s of tagger.spans(text)) {
        const name = text.slice(s.start, s.end);
        const parts = splitName(name, classes);
        found.push({
          type: 'PERSON', start: s.start, end: s.end, text: name, score: s.score, source: 'person_tagger',
          ...(parts ? { meta: { surname: parts.surname } } : {}),
        });
      }
      const direct = resolveOverlaps([...found, ...cueFindings(text, classes)]);
      return [...direct, ...nicknameFindings(text, direct, classes)].sort((a, b) => a.start - b.start);
    },
  };
}
