import type { EntityType } from '../types.ts';
import type { GoldSpan } from './gold.ts';

export interface PRF {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface TypeScore {
  readonly type: EntityType;
  /** Exact span match: same type, same start, same end. */
  readonly exact: PRF & { readonly gold: number; readonly predicted: number; readonly correct: number };
  /** Characters: a character counts when both gold and prediction of this type cover it. */
  readonly chars: PRF & { readonly gold: number; readonly predicted: number; readonly correct: number };
}

/** 0/0 is reported as 0 (no prediction, no gold: nothing to credit), never NaN in JSON. */
export function prf(correct: number, predicted: number, gold: number): PRF {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Running counts over many documents for one type. */
export class TypeTally {
  goldSpans = 0; predSpans = 0; exactHits = 0;
  goldChars = 0; predChars = 0; charHits = 0;

  /** Adds one document. Spans are of this type; offsets are UTF-16 (a surrogate pair counts once). */
  add(text: string, gold: readonly GoldSpan[], pred: readonly GoldSpan[]): void {
    const g = new Set(gold.map((s) => `${s.start}:${s.end}`));
    const p = new Set(pred.map((s) => `${s.start}:${s.end}`));
    this.goldSpans += g.size;
    this.predSpans += p.size;
    for (const k of p) if (g.has(k)) this.exactHits++;
    if (!gold.length && !pred.length) return;
    // 1 = gold, 2 = predicted; union per character so overlapping gold spans count once.
    const cover = new Uint8Array(text.length);
    for (const s of gold) cover.fill(1, s.start, s.end);
    for (const s of pred) for (let i = s.start; i < s.end; i++) cover[i]! |= 2;
    for (let i = 0; i < cover.length; i++) {
      const c = cover[i]!;
      if (!c) continue;
      const low = text.charCodeAt(i);
      if (low >= 0xdc00 && low <= 0xdfff && i > 0) continue;
      if (c & 1) this.goldChars++;
      if (c & 2) this.predChars++;
      if (c === 3) this.charHits++;
    }
  }

  score(type: EntityType): TypeScore {
    return {
      type,
      exact: { ...prf(this.exactHits, this.predSpans, this.goldSpans), gold: this.goldSpans, predicted: this.predSpans, correct: this.exactHits },
      chars: { ...prf(this.charHits, this.predChars, this.goldChars), gold: this.goldChars, predicted: this.predChars, correct: this.charHits },
    };
  }
}
