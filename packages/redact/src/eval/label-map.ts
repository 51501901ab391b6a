import type { EntityType } from '../types.ts';

/**
 * The one table from each corpus's labels to ENTITY_TYPES. A label that is not here is not
 * scored: its spans are neither gold nor errors (a LOC in People's Daily is not an ADDRESS in our
 * sense — 北京 is not where a child lives — unless the caller maps it with `--map LOC=ADDRESS`).
 *
 * | format  | corpus labels → type | not scored |
 * |---|---|---|
 * | bio     | PER → PERSON | LOC, GPE, ORG |
 * | conll   | PER.NAM → PERSON | PER.NOM (称谓 such as 妈妈, 小伙伴: not a name), LOC/GPE/ORG.* |
 * | cluener | name → PERSON, address → ADDRESS | organization, company, government, position, game, book, movie, scene |
 * | bdci    | name → PERSON, address → ADDRESS, mobile → PHONE, email → EMAIL, QQ → QQ, vx → WECHAT | the CLUENER types as above |
 * | address | the whole labelled address (all 21 component labels, leading/trailing `redundant`/`otherinfo` trimmed) → ADDRESS | — |
 */
export type EvalFormat = 'bio' | 'conll' | 'cluener' | 'bdci' | 'address';
export const EVAL_FORMATS: readonly EvalFormat[] = ['bio', 'conll', 'cluener', 'bdci', 'address'];

export type LabelMap = Readonly<Record<string, EntityType>>;

export const LABEL_MAPS: Readonly<Record<EvalFormat, LabelMap>> = Object.freeze({
  bio: { PER: 'PERSON' },
  conll: { 'PER.NAM': 'PERSON' },
  cluener: { name: 'PERSON', address: 'ADDRESS' },
  bdci: { name: 'PERSON', address: 'ADDRESS', mobile: 'PHONE', email: 'EMAIL', QQ: 'QQ', vx: 'WECHAT' },
  address: { ADDRESS: 'ADDRESS' },
});

/** The types a format scores under a map: what `--types` defaults to. */
export function scoredTypes(map: LabelMap): EntityType[] {
  return [...new Set(Object.values(map))];
}
