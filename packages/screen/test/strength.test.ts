import { describe, expect, it } from 'vitest';
import { combinedScore, decodeLog2, encodeLog2, expectedOthers, isGenericSchool, nameFrequency, selectivity } from '../src/strength.ts';

describe('strength of a match', () => {
  it('a name’s own registry entry is no evidence that the name is common (leave-one-out, prior floor)', () => {
    expect(nameFrequency(1, 10, 3)).toBe(1e-6);
    expect(nameFrequency(1, 1_000_000, 2)).toBe(5e-5);
    // 300 of 2 million names: the registry speaks.
    expect(nameFrequency(300, 2_000_000, 2)).toBeCloseTo((299 + 5) / 2_100_000, 10);
  });

  it('a common name with a place name hundreds of places share fits dozens of people; a rare one with a unique village, almost nobody', () => {
    const common = { kind: 'name_village' as const, first: 5e-5, multiplicity: 400 };
    const rare = { kind: 'name_village' as const, first: 1e-6, multiplicity: 1 };
    expect(expectedOthers(common)).toBeCloseTo(30, 5);
    expect(expectedOthers(rare)).toBeCloseTo(0.0015, 6);
    expect(combinedScore([{ group: 'place', expected: expectedOthers(common), selectivity: selectivity(common) }])).toBeLessThan(0.05);
    expect(combinedScore([{ group: 'place', expected: expectedOthers(rare), selectivity: selectivity(rare) }])).toBeGreaterThan(0.99);
  });

  it('clues of different kinds narrow each other; two of one kind do not', () => {
    const place = { group: 'place' as const, expected: 30, selectivity: 4.3e-4 };
    const school = { group: 'school' as const, expected: 40, selectivity: 2e-3 };
    expect(combinedScore([place, school])).toBeCloseTo(1 / (1 + 30 * Math.sqrt(2e-3)), 10);
    expect(combinedScore([place, { ...place, expected: 60 }])).toBeCloseTo(1 / 31, 10);
    expect(combinedScore([place, { group: 'id', expected: 0, selectivity: 0 }])).toBe(1);
    expect(combinedScore([])).toBe(0);
  });

  it('stores E and q in one byte each, within a quarter power of two', () => {
    for (const x of [1e-9, 0.0015, 1, 30, 6e8]) expect(Math.abs(Math.log2(decodeLog2(encodeLog2(x)) / x))).toBeLessThanOrEqual(0.125);
    expect(decodeLog2(encodeLog2(0))).toBe(0);
  });

  it.each([['实验小学', true], ['第一中学', true], ['中心幼儿园', true], ['县第三中学', true], ['双源小学', false], ['郑墩中心小学', false], ['鼓东实验小学', false]])(
    '%s is generic: %s', (school, generic) => expect(isGenericSchool(school)).toBe(generic));
});
