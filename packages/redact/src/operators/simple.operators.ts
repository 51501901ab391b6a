import { ENTITY_TYPES } from '../types.ts';
import { checkParams } from './params.ts';
import type { OperatorSpec } from './types.ts';

export const remove: OperatorSpec = {
  name: 'delete',
  title: '删除',
  validate: (p) => checkParams(p, {}),
  create: () => () => '',
};

export const replace: OperatorSpec = {
  name: 'replace',
  title: '替换为固定文字',
  validate: (p) => checkParams(p, { with: 'string' }),
  create: (p) => {
    const w = p['with'] as string | undefined;
    return (f) => w ?? `[${ENTITY_TYPES[f.type]}]`;
  },
};

/** 第十五条 forbids labelling: 孤儿 → 儿童 (the detector's meta.neutral), or dropped when it has none. */
export const neutralise: OperatorSpec = {
  name: 'neutralise',
  title: '去标签化',
  validate: (p) => checkParams(p, { fallback: 'string' }),
  create: (p) => {
    const fallback = (p['fallback'] as string | undefined) ?? '';
    return (f) => {
      const n = f.meta?.['neutral'];
      return typeof n === 'string' ? n : fallback;
    };
  },
};

export const keep: OperatorSpec = {
  name: 'keep',
  title: '保留',
  validate: (p) => checkParams(p, {}),
  create: () => (f) => f.text,
};
