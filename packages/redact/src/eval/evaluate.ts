import type { EntityType } from '../types.ts';
import type { GoldDoc, GoldSpan } from './gold.ts';
import { TypeTally, type TypeScore } from './metrics.ts';

/** Anything that finds spans in a text: the engine, or a baseline (jieba's nr tags). */
export type Predictor = (text: string) => readonly GoldSpan[];

export interface EvalReport {
  readonly docs: number;
  /** Code points of all document texts. */
  readonly chars: number;
  /** Wall time spent inside the predictor only (reading and scoring excluded). */
  readonly seconds: number;
  readonly charsPerSecond: number;
  readonly types: readonly TypeScore[];
}

export interface EvaluateOptions {
  /** Types to score; predictions of other types are ignored. */
  readonly types: readonly EntityType[];
  /** Called every so often so a long run can show progress. */
  readonly onProgress?: (done: number, total: number) => void;
}

function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Runs `predict` over every document and scores it per type against the gold spans. */
export function evaluate(docs: readonly GoldDoc[], predict: Predictor, opts: EvaluateOptions): EvalReport {
  const tallies = new Map(opts.types.map((t) => [t, new TypeTally()] as const));
  let chars = 0, ns = 0n;
  docs.forEach((doc, i) => {
    const t0 = process.hrtime.bigint();
    const pred = predict(doc.text);
    ns += process.hrtime.bigint() - t0;
    chars += codePoints(doc.text);
    for (const [type, tally] of tallies) {
      tally.add(doc.text, doc.spans.filter((s) => s.type === type), pred.filter((s) => s.type === type));
    }
    if (opts.onProgress && (i + 1) % 200 === 0) opts.onProgress(i + 1, docs.length);
  });
  const seconds = Number(ns) / 1e9;
  return {
    docs: docs.length, chars, seconds,
    charsPerSecond: seconds > 0 ? Math.round(chars / seconds) : 0,
    types: [...tallies].map(([type, tally]) => tally.score(type)),
  };
}
