export { EVAL_FORMATS, LABEL_MAPS, scoredTypes, type EvalFormat, type LabelMap } from './label-map.ts';
export { utf16Offsets, type GoldDoc, type GoldSpan, type ReadProblem, type ReadResult } from './gold.ts';
export { readCorpus } from './read-corpus.ts';
export { ADDRESS_TEMPLATES } from './readers/address-reader.ts';
export { evaluate, type EvalReport, type EvaluateOptions, type Predictor } from './evaluate.ts';
export { prf, TypeTally, type PRF, type TypeScore } from './metrics.ts';
