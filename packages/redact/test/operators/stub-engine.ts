import { composeIdNumber } from '@hutong/core';
import { AhoCorasick, defaultDetectors, RedactEngine, type Detector, type EntityType, type Finding } from '../../src/index.ts';

/** Synthetic identifiers only: valid check digits, no real person. */
export const ID1 = composeIdNumber('350724', '2014-03-08', 12, 'female');
export const ID2 = composeIdNumber('350102', '2012-11-20', 7, 'male');

type Term = readonly [string, EntityType, Record<string, string>?];
const TERMS: readonly Term[] = [
  ['张三', 'PERSON'], ['张四', 'PERSON'], ['张五', 'PERSON'], ['李小花', 'PERSON'], ['欧阳娜娜', 'PERSON'], ['欧阳明', 'PERSON'],
  ['阿依古丽', 'PERSON'], ['约翰·史密斯', 'PERSON'], ['王芳', 'PERSON'], ['陈𠮷', 'PERSON'],
  ['福建省南平市松溪县郑墩镇双源村12号', 'ADDRESS', { countyName: '松溪县', countyCode: '350724' }],
  ['双源村', 'ADDRESS'],
  ['松溪县第一小学', 'SCHOOL'],
  ['孤儿', 'LABEL', { neutral: '儿童' }], ['留守儿童', 'LABEL', { neutral: '儿童' }],
  ['直播带货', 'EXPLOIT_CUE'], ['爱心捐款', 'EXPLOIT_CUE'],
];

/** A dictionary + regex detector standing in for the real ones: deterministic, fast, known spans. */
function stubDetector(): Detector {
  const ac = new AhoCorasick(TERMS.map((t) => [t[0], t] as const));
  const res: [RegExp, EntityType][] = [
    [/\d{17}[\dX]|\d{4}\*{10}\d{3}[\dX]/gu, 'ID_CARD'],
    [/(?<!\d)1[3-9]\d{9}(?!\d)/gu, 'PHONE'],
    [/20\d\d年\d{1,2}月\d{1,2}日/gu, 'DATE_OF_BIRTH'],
  ];
  return {
    name: 'stub',
    types: ['PERSON', 'ADDRESS', 'SCHOOL', 'LABEL', 'EXPLOIT_CUE', 'ID_CARD', 'PHONE', 'DATE_OF_BIRTH'],
    detect(text) {
      const out: Finding[] = ac.findAll(text).map((m) => ({
        type: m.value[1], start: m.start, end: m.end, text: m.value[0], score: 0.9, source: 'stub', ...(m.value[2] ? { meta: m.value[2] } : {}),
      }));
      for (const [re, type] of res) for (const m of text.matchAll(re)) {
        out.push({ type, start: m.index, end: m.index + m[0].length, text: m[0], score: 0.99, source: `stub_${type.toLowerCase()}`, ...(m[0].includes('*') ? { meta: { processed: true } } : {}) });
      }
      return out;
    },
  };
}

export function stubEngine(extra: Detector[] = []): RedactEngine {
  return new RedactEngine({ detectors: [stubDetector(), ...extra] });
}

/** The real detectors, when they load and run in this checkout (they are being written in parallel); null otherwise. */
export function realEngine(registry = { persons: ['李小花', '王小明'], schools: [], places: [] }): RedactEngine | null {
  for (const skipPerson of [false, true]) {
    try {
      const dets = defaultDetectors({ registry }).filter((d) => !skipPerson || d.name !== 'person');
      const e = new RedactEngine({ detectors: dets });
      e.detect('李小花的电话是13905991234，住福建省南平市松溪县郑墩镇双源村12号。');
      return e;
    } catch { /* try without the tagger */ }
  }
  return null;
}

export const SAMPLE =
  `李小花，女，2014年3月8日出生，身份证号${ID1}，住福建省南平市松溪县郑墩镇双源村12号，就读于松溪县第一小学，是一名孤儿。` +
  '监护人张三，电话13905991234。有人想通过直播带货为李小花爱心捐款。';
