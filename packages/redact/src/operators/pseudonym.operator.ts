import { ENTITY_TYPES } from '../types.ts';
import { checkParams } from './params.ts';
import type { OperatorSpec } from './types.ts';

/** 化名 for news (第十四条): the same name → the same 化名 throughout the document. */
export const pseudonym: OperatorSpec = {
  name: 'pseudonym',
  title: '化名',
  validate: (p) => {
    const problems = checkParams(p, { style: 'string' });
    if (typeof p['style'] === 'string' && p['style'] !== 'letter' && p['style'] !== 'name') {
      problems.push({ field: 'style', message: '应为 letter（小A、小B）或 name（小禾、小苗）' });
    }
    return problems;
  },
  create: () => (f, doc) => (f.type === 'PERSON' ? doc.pseudonym(f) : `[${ENTITY_TYPES[f.type]}]`),
};
