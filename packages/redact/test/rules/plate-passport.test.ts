import { describe, expect, it } from 'vitest';
import { passportDetector } from '../../src/detectors/rules/passport.detector.ts';
import { plateDetector } from '../../src/detectors/rules/plate.detector.ts';
import { found, only } from './helpers.ts';

describe('PLATE', () => {
  const d = plateDetector();
  it.each([
    ['他家车牌闽A12345停在楼下', '闽A12345', 'regular'],
    ['车牌京B·8A3D2', '京B·8A3D2', 'regular'],
    ['新能源粤BD12345号', '粤BD12345', 'new_energy'],
    ['新能源沪A12345F', '沪A12345F', 'new_energy'],
    ['教练车苏A1234学', '苏A1234学', 'special'],
    ['挂车鲁C1234挂', '鲁C1234挂', 'special'],
  ])('finds %s', (text, want, kind) => {
    const f = only(d, text);
    expect([f.text, f.start, f.meta?.kind]).toEqual([want, text.indexOf(want), kind]);
  });
  it.each([
    ['the letter I', '闽I12345'],
    ['the letter O in the serial', '闽A1O345'],
    ['too many letters', '闽ABCDE1'],
    ['a longer code', '闽A1234567'],
    ['not a province', '福A12345'],
    ['lower case', '闽a12345'],
  ])('ignores %s', (_why, text) => {
    expect(found(d, text)).toEqual([]);
  });
});

describe('PASSPORT', () => {
  const d = passportDetector();
  it.each([
    ['护照号码E12345678，', 'E12345678'],
    ['护照：EA1234567', 'EA1234567'],
    ['公务护照G12345678', 'G12345678'],
  ])('finds %s', (text, want) => {
    const f = only(d, text);
    expect([f.text, f.start, f.meta?.context]).toEqual([want, text.indexOf(want), true]);
    expect(f.score).toBeGreaterThan(0.8);
  });
  it('scores lower without 护照 nearby', () => {
    expect(only(d, '单号E12345678').score).toBeLessThan(0.5);
  });
  it.each([['E1234567'], ['E123456789'], ['XE12345678'], ['Ea1234567'], ['A12345678'], ['E12345678B']])('ignores %s', (s) => {
    expect(found(d, `护照${s}`)).toEqual([]);
  });
});
