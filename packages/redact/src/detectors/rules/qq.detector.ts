import type { Detector, Finding } from '../../types.ts';
import { digitRuns } from './digit-runs.ts';

const SOURCE = 'qq';
const CUES = ['qq', '扣扣', '企鹅'];

/**
 * QQ 号: 5–11 digits not starting with 0, and only after a QQ word in the few characters before
 * ("QQ号：12345678"); bare five-to-eleven-digit numbers are everywhere (amounts, years, codes).
 */
export function qqDetector(): Detector {
  return {
    name: SOURCE,
    types: ['QQ'],
    detect(text) {
      const out: Finding[] = [];
      for (const run of digitRuns(text)) {
        if (run.decimal || run.groups.length !== 1 || run.xAfter) continue;
        const g = run.groups[0]!;
        if (g.digits.length < 5 || g.digits.length > 11 || g.digits[0] === '0') continue;
        if (!cueBefore(text, g.start)) continue;
        out.push({ type: 'QQ', start: g.start, end: g.end, text: text.slice(g.start, g.end), score: 0.85, source: SOURCE });
      }
      return out;
    },
  };
}

/** A QQ word in the 8 characters before, with no other number in between ("QQ号123和456" takes 123 only). */
function cueBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - 8), start).toLowerCase();
  let after = -1;
  for (const w of CUES) {
    const at = window.lastIndexOf(w);
    if (at >= 0) after = Math.max(after, at + w.length);
  }
  return after >= 0 && !/[0-9０-９]/u.test(window.slice(after));
}
