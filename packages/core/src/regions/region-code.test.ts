import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HutongError } from '../errors.ts';
import { isWithin, normaliseRegionCode, parentCode, regionLevel, regionPrefix } from './region-code.ts';

describe('normaliseRegionCode', () => {
  it('pads every accepted length to 12 digits', () => {
    expect(normaliseRegionCode('35')).toBe('350000000000');
    expect(normaliseRegionCode('3501')).toBe('350100000000');
    expect(normaliseRegionCode('350102')).toBe('350102000000');
    expect(normaliseRegionCode('350102001')).toBe('350102001000');
    expect(normaliseRegionCode(' 110101001001 ')).toBe('110101001001');
  });

  it('rejects other shapes with a Chinese validation error', () => {
    for (const bad of ['', '3', '350', '35010', '3501020010', '35010200100', '1101010010011', '11010a', '11 01', '000000']) {
      let caught: unknown;
      try { normaliseRegionCode(bad); } catch (e) { caught = e; }
      expect(caught, bad).toBeInstanceOf(HutongError);
      expect((caught as HutongError).statusCode).toBe(400);
      expect((caught as Error).message).toMatch(/^行政区划代码“.*”无效：/u);
    }
    expect(() => normaliseRegionCode('350')).toThrow('应为 2、4、6、9 或 12 位数字');
  });
});

describe('regionLevel / regionPrefix / parentCode', () => {
  const cases: [string, number, string, string | null][] = [
    ['110000000000', 1, '11', null],
    ['110100000000', 2, '1101', '110000000000'],
    ['110101000000', 3, '110101', '110100000000'],
    ['110101001000', 4, '110101001', '110101000000'],
    ['110101001001', 5, '110101001001', '110101001000'],
    // 东莞: townships hang directly off a county-level code ending in 00.
    ['441900003000', 4, '441900003', '441900000000'],
  ];
  it.each(cases)('%s', (code, level, prefix, parent) => {
    expect(regionLevel(code)).toBe(level);
    expect(regionPrefix(code)).toBe(prefix);
    expect(parentCode(code)).toBe(parent);
  });

  it('requires the 12-digit form', () => {
    expect(() => regionLevel('110101')).toThrow('12 位数字');
    expect(() => parentCode('abc')).toThrow(HutongError);
  });

  it('walking parentCode always reaches a province in at most four steps', () => {
    const code = fc.tuple(fc.integer({ min: 11, max: 82 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }))
      .map(([p, c, d, t, v]) => `${p}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}${String(t).padStart(3, '0')}${String(v).padStart(3, '0')}`);
    fc.assert(fc.property(code, (c) => {
      let steps = 0;
      for (let p: string | null = c; p !== null; p = parentCode(p)) {
        expect(isWithin(p, c)).toBe(true);
        steps++;
      }
      return steps >= 1 && steps <= 5;
    }));
  });
});

describe('isWithin', () => {
  it('is an inclusive prefix check on the significant digits', () => {
    expect(isWithin('350000000000', '350102001001')).toBe(true);
    expect(isWithin('350100000000', '350102000000')).toBe(true);
    expect(isWithin('350102000000', '350102000000')).toBe(true);
    expect(isWithin('350102000000', '350103000000')).toBe(false);
    expect(isWithin('350102001000', '350102010001')).toBe(false);
    // A child is never "within" a descendant of itself.
    expect(isWithin('350102001001', '350102001000')).toBe(false);
    expect(isWithin('350000000000', '360000000000')).toBe(false);
  });

  it('fails loudly on malformed input instead of granting or denying access', () => {
    expect(() => isWithin('35', '350102000000')).toThrow(HutongError);
    expect(() => isWithin('350000000000', '3501')).toThrow(HutongError);
  });
});
