import type { ReadResult } from './gold.ts';
import { LABEL_MAPS, type EvalFormat, type LabelMap } from './label-map.ts';
import { readAddress } from './readers/address-reader.ts';
import { readBdci } from './readers/bdci-reader.ts';
import { readBio } from './readers/bio-reader.ts';
import { readCluener } from './readers/cluener-reader.ts';
import { readConll } from './readers/conll-reader.ts';

const READERS: Record<EvalFormat, (source: string, map: LabelMap) => ReadResult> = {
  bio: readBio, conll: readConll, cluener: readCluener, bdci: readBdci, address: readAddress,
};

/** Gold documents of a corpus in `format`; `extra` adds label → type pairs to the format's map (LOC → ADDRESS). */
export function readCorpus(format: EvalFormat, source: string, extra: LabelMap = {}): ReadResult {
  return READERS[format](source, { ...LABEL_MAPS[format], ...extra });
}
