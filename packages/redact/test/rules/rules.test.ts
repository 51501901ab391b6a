import { describe, expect, it } from 'vitest';
import { composeIdNumber } from '@hutong/core';
import { ruleDetectors } from '../../src/detectors/rules/index.ts';
import { resolveOverlaps } from '../../src/resolve.ts';
import { TODAY, withLuhn } from './helpers.ts';

const detectors = ruleDetectors({ today: TODAY });
const detect = (text: string) => resolveOverlaps(detectors.flatMap((d) => d.detect(text))).map((f) => [f.type, f.text, f.start, f.source]);

describe('the rule detectors together', () => {
  it('one synthetic paragraph: every identifier once, exact UTF-16 spans, Ext-B and emoji before them', () => {
    const id = composeIdNumber('350722', '2013-07-08', 77, 'female');
    const text = `𠮷😀小红，身份证${id}，电话139-1234-5678，座机(0591)87654321，邮箱hong@example.cn，QQ号：12345678，`
      + `微信号：hong_2013，车牌闽H12345，护照E12345678，2013年7月8日出生，是留守儿童，家里低保户。请扫码捐款。`;
    const at = (s: string) => text.indexOf(s);
    expect(detect(text)).toEqual([
      ['ID_CARD', id, at(id), 'id_card'],
      ['PHONE', '139-1234-5678', at('139-'), 'phone'],
      ['PHONE', '(0591)87654321', at('(0591)'), 'phone'],
      ['EMAIL', 'hong@example.cn', at('hong@'), 'email'],
      ['QQ', '12345678', at('12345678，微'), 'qq'],
      ['WECHAT', 'hong_2013', at('hong_'), 'wechat'],
      ['PLATE', '闽H12345', at('闽H'), 'plate'],
      ['PASSPORT', 'E12345678', at('E1'), 'passport'],
      ['DATE_OF_BIRTH', '2013年7月8日', at('2013年'), 'date_of_birth'],
      ['LABEL', '留守儿童', at('留守'), 'label_lexicon'],
      ['LABEL', '低保户', at('低保户'), 'label_lexicon'],
      ['EXPLOIT_CUE', '扫码', at('扫码'), 'exploit_lexicon'],
      ['EXPLOIT_CUE', '捐款', at('捐款'), 'exploit_lexicon'],
    ]);
  });

  it('a checksum-invalid 18-digit number is never an ID_CARD, but may be a Luhn-valid card', () => {
    const id = composeIdNumber('350102', '2012-03-04', 5, 'male');
    for (let last = 0; last <= 10; last++) {
      const c = last === 10 ? 'X' : String(last);
      if (c === id[17]) continue;
      const types = detect(`号码${id.slice(0, 17)}${c}。`).map((f) => f[0]);
      expect(types).not.toContain('ID_CARD');
    }
    const card = withLuhn('62220212345678901');
    expect(detect(`卡号${card}`)).toEqual([['BANK_CARD', card, 2, 'bank_card']]);
  });

  it('a valid ID wins over the same digits read as a card', () => {
    // Find a synthetic ID that is also Luhn-valid, so both detectors fire.
    let id = '';
    for (let seq = 0; seq < 1000 && !id; seq++) {
      const c = composeIdNumber('440305', '2011-01-01', seq, 'male');
      if (withLuhn(c.slice(0, 17)) === c) id = c;
    }
    expect(id).not.toBe('');
    expect(detect(`卡号${id}`).map((f) => f[0])).toEqual(['ID_CARD']);
  });

  it('every detector names its source and types', () => {
    expect(detectors.map((d) => [d.name, d.types.join()])).toEqual([
      ['id_card', 'ID_CARD'], ['phone', 'PHONE'], ['bank_card', 'BANK_CARD'], ['email', 'EMAIL'], ['qq', 'QQ'], ['wechat', 'WECHAT'],
      ['plate', 'PLATE'], ['passport', 'PASSPORT'], ['date_of_birth', 'DATE_OF_BIRTH'], ['label_lexicon', 'LABEL'], ['exploit_lexicon', 'EXPLOIT_CUE'],
    ]);
  });
});
