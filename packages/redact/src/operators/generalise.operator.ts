import { ENTITY_TYPES, type Finding } from '../types.ts';
import { checkParams } from './params.ts';
import type { OperatorSpec } from './types.ts';

/**
 * Up the hierarchy until it no longer singles a child out: an address to its county (courts go
 * no finer than 县、区), a school to 某学校, a birth date to its year.
 */
export function generalised(f: Finding, fallback?: string): string {
  switch (f.type) {
    case 'ADDRESS': {
      const county = f.meta?.['countyName'];
      // A bare county name stays: courts allow places down to the county.
      return typeof county === 'string' && county ? county : (fallback ?? '某地');
    }
    case 'SCHOOL':
      return fallback ?? '某学校';
    case 'DATE_OF_BIRTH': {
      const date = f.meta?.['date'];
      const year = /(?:19|20)\d{2}/u.exec(typeof date === 'string' ? date : f.text);
      return year ? `${year[0]}年` : (fallback ?? '某年');
    }
    case 'PERSON':
      return fallback ?? '某人';
    case 'LABEL': {
      const neutral = f.meta?.['neutral'];
      return typeof neutral === 'string' ? neutral : (fallback ?? '');
    }
    default:
      return fallback ?? `[${ENTITY_TYPES[f.type]}]`;
  }
}

export const generalise: OperatorSpec = {
  name: 'generalise',
  title: '泛化（地址到县、学校为某学校）',
  validate: (p) => checkParams(p, { fallback: 'string' }),
  create: (p) => {
    const fallback = p['fallback'] as string | undefined;
    return (f) => generalised(f, fallback);
  },
};
