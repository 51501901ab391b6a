import type { Sample } from './corpora.ts';

/** Anything that returns name spans for a sentence. */
export interface SpanTagger { spans(text: string): Array<{ start: number; end: number }> }

export interface Scores { p: number; r: number; f1: number; charRecall: number; tp: number; gold: number; pred: number }

/** Exact-span precision/recall/F1 and character-level recall over gold name chars. */
export function score(t: SpanTagger, samples: readonly Sample[]): Scores {
  let tp = 0, gold = 0, pred = 0, goldChars = 0, hitChars = 0;
  for (const s of samples) {
    const got = t.spans(s.text);
    const keys = new Set(got.map((x) => `${x.start}:${x.end}`));
    const covered = new Uint8Array(s.text.length);
    for (const x of got) covered.fill(1, x.start, x.end);
    pred += got.length; gold += s.spans.length;
    for (const [a, b] of s.spans) {
      if (keys.has(`${a}:${b}`)) tp++;
      goldChars += b - a;
      for (let k = a; k < b; k++) hitChars += covered[k]!;
    }
  }
  const p = pred ? tp / pred : 0, r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, charRecall: goldChars ? hitChars / goldChars : 0, tp, gold, pred };
}
