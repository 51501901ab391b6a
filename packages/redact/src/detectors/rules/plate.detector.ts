import type { Detector, Finding } from '../../types.ts';

const SOURCE = 'plate';
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z'; // I and O are not used on plates
/**
 * 省份简称 + 发牌机关字母, an optional "·", then: 新能源 6 (D/F first or last), 5 letters/digits,
 * or 4 + 挂/学/警/使/领/港/澳. Fixed-length alternatives only, so matching cannot backtrack.
 */
const PLATE = new RegExp(
  `[${PROVINCES}][${L}][·•・ ]?(?:[DF][${L}0-9][0-9]{4}|[0-9]{5}[DF]|[${L}0-9]{5}|[${L}0-9]{4}[挂学警使领港澳])(?![A-Za-z0-9])`,
  'gu',
);

/** 机动车号牌. A serial with more than two letters is not issued (自编号牌 allow two), so it is taken for a word. */
export function plateDetector(): Detector {
  return {
    name: SOURCE,
    types: ['PLATE'],
    detect(text) {
      const out: Finding[] = [];
      for (const m of text.matchAll(PLATE)) {
        const serial = m[0].slice(2).replace(/^[·•・ ]/u, '');
        const digits = serial.replace(/[^0-9]/gu, '').length;
        const newEnergy = serial.length === 6;
        const special = /[挂学警使领港澳]$/u.test(serial);
        if (!newEnergy && digits < (special ? 2 : 3)) continue;
        const meta = { kind: newEnergy ? 'new_energy' : special ? 'special' : 'regular' };
        out.push({ type: 'PLATE', start: m.index, end: m.index + m[0].length, text: m[0], score: 0.85, source: SOURCE, meta });
      }
      return out;
    },
  };
}
