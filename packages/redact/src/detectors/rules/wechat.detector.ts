import type { Detector, Finding } from '../../types.ts';

const SOURCE = 'wechat';

// Keywords; ASCII ones must stand apart from other letters ("Linux", "wxWidgets" are not cues).
const KEYWORD = /微信(?:号|账号|ID|id)?|[Vv]信|(?<![A-Za-z])(?:weixin|WeChat|wechat|[VvWw][Xx])(?![A-Za-z])/gu;
// After the keyword: up to four of "：: 是为号码" and spaces.
const GAP = /^[\s:：是为号码]{0,4}/u;
const ID = /^[A-Za-z][-_A-Za-z0-9]{5,19}(?![-_A-Za-z0-9])/u;
const MOBILE = /^(?:\+?86[ -]?)?1[3-9][0-9]{9}(?![0-9])/u;
// WeChat's internal ids need no keyword.
const WXID = /(?<![A-Za-z0-9_])wxid_[A-Za-z0-9]{4,24}(?![-_A-Za-z0-9])/gu;
const NOT_IDS = new Set(['wechat', 'weixin', 'official', 'account']);

/**
 * 微信号 after a WeChat cue (微信/微信号/vx/wx/V信/weixin): a WeChat id
 * ([A-Za-z][-_A-Za-z0-9]{5,19}) or a mobile used as one. All-letter ids score lower: they may
 * be an English word.
 */
export function wechatDetector(): Detector {
  return {
    name: SOURCE,
    types: ['WECHAT'],
    detect(text) {
      const out: Finding[] = [];
      for (const k of text.matchAll(KEYWORD)) {
        let at = k.index + k[0].length;
        at += GAP.exec(text.slice(at, at + 4))![0].length;
        const rest = text.slice(at, at + 24);
        const id = ID.exec(rest);
        if (id && !NOT_IDS.has(id[0].toLowerCase())) {
          const lettersOnly = /^[A-Za-z]+$/u.test(id[0]);
          out.push(make(text, at, at + id[0].length, lettersOnly ? 0.6 : 0.9, { kind: 'id' }));
          continue;
        }
        const phone = MOBILE.exec(rest);
        if (phone && !isDigit(text.charCodeAt(at - 1))) out.push(make(text, at, at + phone[0].length, 0.9, { kind: 'phone' }));
      }
      for (const m of text.matchAll(WXID)) out.push(make(text, m.index, m.index + m[0].length, 0.95, { kind: 'wxid' }));
      return out;
    },
  };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function make(text: string, start: number, end: number, score: number, meta: Record<string, string>): Finding {
  return { type: 'WECHAT', start, end, text: text.slice(start, end), score, source: SOURCE, meta };
}
