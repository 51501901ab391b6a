import type { Detector, Finding } from '../../types.ts';
import { contextBefore } from './context.ts';

const SOURCE = 'passport';
// 普通护照 E + 8 digits or EA–EZ + 7; 公务/外交/旅行证 G, P, S, D + 8.
const PASSPORT = /(?<![A-Za-z0-9])(?:[EGPSD][0-9]{8}|E[A-Z][0-9]{7})(?![A-Za-z0-9])/gu;
const CONTEXT = ['护照', '证件号', '旅行证', 'Passport', 'passport', 'PASSPORT'];

/** 护照号码. The shape alone is common (part and order numbers), so without 护照 nearby it scores low. */
export function passportDetector(): Detector {
  return {
    name: SOURCE,
    types: ['PASSPORT'],
    detect(text) {
      const out: Finding[] = [];
      for (const m of text.matchAll(PASSPORT)) {
        const context = contextBefore(text, m.index, 12, CONTEXT);
        out.push({ type: 'PASSPORT', start: m.index, end: m.index + m[0].length, text: m[0], score: context ? 0.9 : 0.45, source: SOURCE, meta: { context } });
      }
      return out;
    },
  };
}
