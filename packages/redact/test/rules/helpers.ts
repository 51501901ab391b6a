import type { Detector, Finding } from '../../src/types.ts';

/** Findings as [type, text, start] triples, sorted, with the span checked against the text. */
export function found(d: Detector, text: string): [string, string, number][] {
  return d.detect(text).map((f) => {
    if (text.slice(f.start, f.end) !== f.text) throw new Error(`span ${f.start}-${f.end} is not "${f.text}"`);
    return [f.type, f.text, f.start] as [string, string, number];
  }).sort((a, b) => a[2] - b[2] || b[1].length - a[1].length);
}

/** The finding whose text is exactly `sub`, for meta and score checks. */
export function only(d: Detector, text: string): Finding {
  const all = d.detect(text);
  if (all.length !== 1) throw new Error(`expected one finding in "${text}", got ${all.length}`);
  return all[0]!;
}

/** Appends a Luhn check digit: synthetic card numbers only. */
export function withLuhn(body: string): string {
  for (let c = 0; c <= 9; c++) {
    const d = body + c;
    let sum = 0;
    for (let k = 0; k < d.length; k++) {
      let v = d.charCodeAt(d.length - 1 - k) - 48;
      if (k % 2 === 1) { v *= 2; if (v > 9) v -= 9; }
      sum += v;
    }
    if (sum % 10 === 0) return d;
  }
  throw new Error('unreachable');
}

export const TODAY = () => '2026-11-22';
