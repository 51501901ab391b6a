import { court } from './court.operator.ts';
import { generalise } from './generalise.operator.ts';
import { mask } from './mask.operator.ts';
import { pseudonym } from './pseudonym.operator.ts';
import { keep, neutralise, remove, replace } from './simple.operators.ts';
import type { OperatorName, OperatorSpec } from './types.ts';

/** Name → operator, as Presidio's OperatorsFactory: presets and policy files refer to operators by name. */
export const OPERATORS: Readonly<Record<OperatorName, OperatorSpec>> = {
  court, pseudonym, mask, generalise, replace, delete: remove, neutralise, keep,
};

export { DocState, nameKey, type DocStateOptions, type PseudonymStyle } from './doc-state.ts';
export { maskText, maskFinding } from './mask.operator.ts';
export { generalised } from './generalise.operator.ts';
export { hanSurname } from './surnames.ts';
export { OPERATOR_NAMES, type Operator, type OperatorName, type OperatorParams, type OperatorSpec } from './types.ts';
