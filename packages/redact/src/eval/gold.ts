import type { EntityType } from '../types.ts';

/** One annotated span, in UTF-16 offsets of `text` like the engine's findings; end exclusive. */
export interface GoldSpan {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
}

export interface GoldDoc {
  readonly id: string;
  readonly text: string;
  readonly spans: readonly GoldSpan[];
}

/** A corpus line that could not be read: the evaluation goes on and reports how many. */
export interface ReadProblem {
  readonly line: number;
  readonly message: string;
}

export interface ReadResult {
  readonly docs: GoldDoc[];
  readonly problems: ReadProblem[];
}

/**
 * Code-point offset → UTF-16 offset. JSON corpora (CLUENER, BDCI) count characters as Python
 * does; the engine slices JS strings. Identity when the text has no astral character.
 */
export function utf16Offsets(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    map.push(i);
    i += ch.length;
  }
  map.push(i);
  return (cp) => map[Math.min(cp, map.length - 1)]!;
}
