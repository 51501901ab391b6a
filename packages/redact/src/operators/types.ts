import type { FieldProblem } from '@hutong/core';
import type { Finding } from '../types.ts';
import type { DocState } from './doc-state.ts';

/**
 * An operator turns one finding into its replacement. It reads the document's state (so the
 * same name gets the same 化名 throughout) but never the rest of the text.
 */
export type Operator = (finding: Finding, doc: DocState) => string;

export type OperatorParams = Readonly<Record<string, unknown>>;

/** After Presidio's operator classes: a name, a parameter check run before any text is touched, and a factory. */
export interface OperatorSpec {
  readonly name: OperatorName;
  readonly title: string;
  /** Problems with the parameters, `field` relative to the operator (e.g. 'keepStart'). */
  validate(params: OperatorParams): FieldProblem[];
  create(params: OperatorParams): Operator;
}

export const OPERATOR_NAMES = ['court', 'pseudonym', 'mask', 'generalise', 'replace', 'delete', 'neutralise', 'keep'] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];
