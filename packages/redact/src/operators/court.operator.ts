import { ENTITY_TYPES } from '../types.ts';
import { checkParams } from './params.ts';
import type { OperatorSpec } from './types.ts';

/**
 * 法释〔2016〕19号: a Han name keeps the surname and the given name becomes 某 (欧阳某), minority
 * and foreign names keep their first character, clashes are numbered (张某1, 张某2). Only names
 * have a court style; anything else falls back to its type in brackets.
 */
export const court: OperatorSpec = {
  name: 'court',
  title: '裁判文书式（姓+某）',
  validate: (p) => checkParams(p, {}),
  create: () => (f, doc) => (f.type === 'PERSON' ? doc.courtName(f) : `[${ENTITY_TYPES[f.type]}]`),
};
