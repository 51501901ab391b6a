import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readModel } from './model-file.ts';
import type { TaggerModel } from './tagger.ts';

/** Shipped inside the package (packages/redact/model/), never read from shared data. */
export const MODEL_PATH = fileURLToPath(new URL('../../../model/person-tagger.bin.gz', import.meta.url));

let cached: TaggerModel | undefined;
/** Loads once per process: every detector instance shares the same weight table. */
export function loadPersonModel(path = MODEL_PATH): TaggerModel {
  if (path !== MODEL_PATH) return readModel(readFileSync(path)).model;
  return (cached ??= readModel(readFileSync(path)).model);
}
