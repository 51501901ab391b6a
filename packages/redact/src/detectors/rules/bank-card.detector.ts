import type { Detector, Finding } from '../../types.ts';
import { contextBefore } from './context.ts';
import { digitRuns, type DigitRun } from './digit-runs.ts';

const SOURCE = 'bank_card';
const CONTEXT = ['卡号', '银行卡', '账号', '帐号', '开户', '储蓄卡', '借记卡', '信用卡', '银联'];

/**
 * 银行卡号: 16–19 digits, Luhn-valid, with an issuer prefix cards actually carry (62 银联, 60/65, 4
 * Visa, 51–55/22–27 Mastercard, 35 JCB, 9558/9559 legacy domestic). Either one unbroken group or a
 * whole run printed in fours ("6222 0212 3456 7890 123"); a window of a longer table of four-digit
 * groups is not taken, as one in ten would pass Luhn. Without a context word the score is lower.
 */
export function bankCardDetector(): Detector {
  return {
    name: SOURCE,
    types: ['BANK_CARD'],
    detect(text) {
      const out: Finding[] = [];
      for (const run of digitRuns(text)) {
        if (run.decimal) continue;
        const g = run.groups;
        if (g.length > 1 && inFours(run)) {
          add(text, g.map((x) => x.digits).join(''), g[0]!.start, g[g.length - 1]!.end, out);
        }
        for (let i = 0; i < g.length; i++) {
          if (run.xAfter && i === g.length - 1) continue;
          add(text, g[i]!.digits, g[i]!.start, g[i]!.end, out);
        }
      }
      return out;
    },
  };
}

function inFours(run: DigitRun): boolean {
  const g = run.groups;
  if (run.xAfter || g.length < 4 || g.length > 5) return false;
  for (let i = 0; i < g.length - 1; i++) if (g[i]!.digits.length !== 4) return false;
  const tail = g[g.length - 1]!.digits.length;
  return tail >= 1 && tail <= 4;
}

function add(text: string, digits: string, start: number, end: number, out: Finding[]): void {
  if (digits.length < 16 || digits.length > 19 || !plausibleIin(digits) || !luhn(digits)) return;
  const context = contextBefore(text, start, 10, CONTEXT);
  out.push({ type: 'BANK_CARD', start, end, text: text.slice(start, end), score: context ? 0.95 : 0.6, source: SOURCE, meta: { context } });
}

export function plausibleIin(d: string): boolean {
  const two = Number(d.slice(0, 2));
  return d[0] === '4' || two === 62 || two === 60 || two === 65 || (two >= 51 && two <= 55) || (two >= 22 && two <= 27) || two === 35 || d.startsWith('9558') || d.startsWith('9559');
}

export function luhn(d: string): boolean {
  let sum = 0;
  for (let k = 0; k < d.length; k++) {
    let v = d.charCodeAt(d.length - 1 - k) - 48;
    if (k % 2 === 1) { v *= 2; if (v > 9) v -= 9; }
    sum += v;
  }
  return sum % 10 === 0;
}
