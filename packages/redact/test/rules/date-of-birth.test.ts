import { describe, expect, it } from 'vitest';
import { dateOfBirthDetector } from '../../src/detectors/rules/date-of-birth.detector.ts';
import { found, only, TODAY } from './helpers.ts';

const d = dateOfBirthDetector(TODAY);

describe('DATE_OF_BIRTH', () => {
  it.each([
    ['出生日期：2012年3月4日，男', '2012年3月4日', '2012-03-04'],
    ['她生于2012-03-04。', '2012-03-04', '2012-03-04'],
    ['生日2012.3.4', '2012.3.4', '2012-03-04'],
    ['DOB 2012/03/04', '2012/03/04', '2012-03-04'],
    ['他2012年3月4日出生在福州', '2012年3月4日', '2012-03-04'],
    ['小明2012年3月生，今年上学', '2012年3月', '2012-03'],
    ['出生年月：2012年03月', '2012年03月', '2012-03'],
    ['她于二〇一二年三月四日出生', '二〇一二年三月四日', '2012-03-04'],
    ['出生于二〇一五年十二月三十一日', '二〇一五年十二月三十一日', '2015-12-31'],
    ['生日是二〇一〇年十月二十日', '二〇一〇年十月二十日', '2010-10-20'],
  ])('finds %s', (text, want, iso) => {
    const f = only(d, text);
    expect([f.text, f.start, f.end, f.meta?.date]).toEqual([want, text.indexOf(want), text.indexOf(want) + want.length, iso]);
  });
  it.each([
    ['a date without birth context', '2012年3月4日，他来到福州'],
    ['an event 发生于', '事情发生于2012年3月4日'],
    ['生产 after the date', '2012年3月生产的药品'],
    ['a future birth date', '出生日期：2027年1月1日'],
    ['a future birth month', '出生于2026年12月'],
    ['an impossible day', '出生日期2012年2月30日'],
    ['month 13', '出生日期2012-13-01'],
    ['a date glued to digits', '出生日期12012-03-04'],
    ['a context too far back', '出生的地方是一个很远很远的小山村，2012年3月4日'],
  ])('ignores %s', (_why, text) => {
    expect(found(d, text)).toEqual([]);
  });
});
