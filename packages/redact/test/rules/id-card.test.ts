import { describe, expect, it } from 'vitest';
import { checkDigit, composeIdNumber } from '@hutong/core';
import { idCardDetector } from '../../src/detectors/rules/id-card.detector.ts';
import { found, only, TODAY } from './helpers.ts';

const d = idCardDetector(TODAY);
// Synthetic numbers: real region codes, made-up order codes.
const ID = composeIdNumber('350102', '2012-03-04', 123, 'male');
const ID_GIRL = composeIdNumber('350722', '2015-12-31', 40, 'female');
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
const withX = (() => {
  for (let seq = 0; seq < 1000; seq++) {
    const id = composeIdNumber('110101', '2010-05-06', seq, 'male');
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X');
})();

describe('ID_CARD (GB 11643)', () => {
  it.each([
    [`身份证号${ID}，请核对`, ID],
    [`证件${ID_GIRL}的女孩`, ID_GIRL],
    [`号码${withX}已登记`, withX],
    [`号码${withX.toLowerCase()}已登记`, withX.toLowerCase()],
    [`${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`, `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`],
    [`编号${ID.slice(0, 4)}-${ID.slice(4, 8)}-${ID.slice(8, 12)}-${ID.slice(12)}止`, `${ID.slice(0, 4)}-${ID.slice(4, 8)}-${ID.slice(8, 12)}-${ID.slice(12)}`],
  ])('finds %s inside unspaced text with an exact span', (text, want) => {
    expect(found(d, text)).toEqual([['ID_CARD', want, text.indexOf(want)]]);
  });

  it('folds full-width digits', () => {
    const wide = [...ID].map((c) => String.fromCharCode(c.charCodeAt(0) - 48 + 0xff10)).join('');
    expect(found(d, `身份证${wide}`)).toEqual([['ID_CARD', wide, 3]]);
  });

  it('reports the birth date and scores near 1', () => {
    const f = only(d, `身份证${ID}`);
    expect(f.meta).toMatchObject({ form: '18', birthDate: '2012-03-04' });
    expect(f.score).toBeGreaterThan(0.95);
    expect(f.source).toBe('id_card');
  });

  it.each([
    ['a wrong check digit', `身份证${wrongCheck(ID)}`],
    ['17 digits', `身份证${ID.slice(0, 17)}。`],
    ['19 digits', `身份证${ID}7`],
    ['an ID glued to a longer number', `编号9${ID}`],
    ['a region that does not exist', `身份证${composeIdNumber('999901', '2012-03-04', 1, 'male')}`],
    ['a birth date in the future', `身份证${composeIdNumber('350102', '2027-01-01', 1, 'male')}`],
    ['an impossible birth date', (() => { const f = '35010220120231123'; return `身份证${f}${checkDigit(f)}`; })()],
    ['a decimal', `3.${ID}`],
    ['two separators in a row', `${ID.slice(0, 6)}  ${ID.slice(6)}`],
  ])('ignores %s', (_why, text) => {
    expect(found(d, text)).toEqual([]);
  });

  it('accepts the 15-digit form with region and date', () => {
    expect(found(d, '旧证号350102120304123已换')).toEqual([['ID_CARD', '350102120304123', 3]]);
    expect(only(d, '旧证号350102120304123').meta).toMatchObject({ form: '15', birthDate: '1912-03-04' });
    expect(found(d, '旧证号999999120304123')).toEqual([]);
    expect(found(d, '旧证号350102121304123')).toEqual([]);
  });

  it.each([
    ['3501********1234'],
    ['350102********123X'],
    ['3501**********12'],
    ['3501＊＊＊＊＊＊＊＊＊＊1234'],
  ])('recognises the masked form %s as processed', (masked) => {
    const f = only(d, `身份证号${masked}已处理`);
    expect([f.start, f.end, f.text, f.score]).toEqual([4, 4 + masked.length, masked, 1]);
    expect(f.meta).toMatchObject({ processed: true });
  });

  it.each([['139****5678'], ['******************'], ['3501*******1234567890'], ['9901********1234'], ['1901********1234']])('does not take %s for a masked ID', (s) => {
    expect(found(d, `号${s}。`)).toEqual([]);
  });
});
