import { describe, expect, it } from 'vitest';
import { phoneDetector } from '../../src/detectors/rules/phone.detector.ts';
import { found, only } from './helpers.ts';

const d = phoneDetector();

describe('PHONE', () => {
  it.each([
    ['电话13912345678联系', '13912345678'],
    ['手机139 1234 5678。', '139 1234 5678'],
    ['手机139-1234-5678。', '139-1234-5678'],
    ['请拨+8613912345678', '+8613912345678'],
    ['请拨+86 139 1234 5678', '+86 139 1234 5678'],
    ['请拨(+86)13912345678', '(+86)13912345678'],
    ['请拨（+86）13912345678', '（+86）13912345678'],
    ['电话１３９１２３４５６７８', '１３９１２３４５６７８'],
  ])('finds the mobile in %s', (text, want) => {
    const all = found(d, text);
    expect(all[0]).toEqual(['PHONE', want, text.indexOf(want)]);
  });

  it.each([
    ['座机0591-87654321找王老师', '0591-87654321', '0591'],
    ['座机(0591)87654321', '(0591)87654321', '0591'],
    ['座机（0591）8765 4321', '（0591）8765 4321', '0591'],
    ['座机0591 8765 4321', '0591 8765 4321', '0591'],
    ['座机010-62345678', '010-62345678', '010'],
    ['座机0591-87654321-123，', '0591-87654321-123', '0591'],
    ['座机0591-87654321转806', '0591-87654321转806', '0591'],
    ['座机0599-7654321', '0599-7654321', '0599'],
    ['座机059187654321', '059187654321', '0591'],
  ])('finds the landline in %s', (text, want, area) => {
    const f = only(d, text);
    expect([f.text, f.start, f.end]).toEqual([want, text.indexOf(want), text.indexOf(want) + want.length]);
    expect(f.meta).toMatchObject({ kind: 'landline', areaCode: area });
  });

  it.each([
    ['a 12-digit number', '编号139123456789'],
    ['a 10-digit number', '编号1391234567'],
    ['a mobile glued to more digits', '编号913912345678'],
    ['a second digit below 3', '电话12912345678'],
    ['a 400 service number', '客服400-820-8820'],
    ['an 800 service number', '客服800 820 8820'],
    ['a non-existent area code', '座机0001-87654321'],
    ['a non-existent area code (glued)', '座机000087654321'],
    ['a local number starting with 1', '座机0591-17654321'],
    ['a 7-digit local after a 3-digit area code', '座机010-6234567'],
    ['a decimal', '金额0.13912345678'],
    ['odd grouping', '13 91 23 45 678'],
  ])('ignores %s', (_why, text) => {
    expect(found(d, text)).toEqual([]);
  });

  it('recognises a masked mobile as processed', () => {
    const f = only(d, '电话139****5678已隐去');
    expect([f.text, f.start, f.score, f.meta?.processed]).toEqual(['139****5678', 2, 1, true]);
  });

  it('finds two numbers separated by one space', () => {
    expect(found(d, '13912345678 13812345678')).toEqual([
      ['PHONE', '13912345678', 0],
      ['PHONE', '13812345678', 12],
    ]);
  });
});
