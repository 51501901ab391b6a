import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readModel } from './model-file.ts';
import type { TaggerModel } from './tagger.ts';
import { readWords, wordsPathFor } from './words-file.ts';

/** Shipped inside the package (packages/redact/model/), never read from shared data. */
export const MODEL_PATH = fileURLToPath(new URL('../../../model/person-tagger.bin.gz', import.meta.url));
/** The jieba-derived word table shipped beside the model. */
export const WORDS_PATH = wordsPathFor(MODEL_PATH);

function load(path: string): TaggerModel {
  return readModel(readFileSync(path), readWords(readFileSync(wordsPathFor(path)))).model;
}

let cached: TaggerModel | undefined;
/** Loads once per process: every detector instance shares the same weight table. */
export function loadPersonModel(path = MODEL_PATH): TaggerModel {
  if (path !== MODEL_PATH) return load(path);
  return (cached ??= load(path));
}
