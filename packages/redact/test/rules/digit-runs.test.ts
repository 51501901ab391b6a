import { describe, expect, it } from 'vitest';
import { digitRuns, forEachSpan } from '../../src/detectors/rules/digit-runs.ts';

const groups = (text: string) => digitRuns(text).map((r) => r.groups.map((g) => g.digits));

describe('digit runs', () => {
  it('joins groups across exactly one space or dash, in unspaced Chinese', () => {
    expect(groups('电话139 1234-5678联系0591－87654321')).toEqual([['139', '1234', '5678'], ['0591', '87654321']]);
    expect(groups('号1  2')).toEqual([['1'], ['2']]);
    expect(groups('1- 2')).toEqual([['1'], ['2']]);
    expect(groups('abc')).toEqual([]);
  });

  it('folds full-width digits and keeps UTF-16 offsets across astral characters', () => {
    const text = '𠮷😀１２3';
    const [run] = digitRuns(text);
    expect(run!.groups[0]).toEqual({ start: 4, end: 7, digits: '123' });
  });

  it('flags decimals and a trailing check character X', () => {
    expect(digitRuns('3.1415')[1]!.decimal).toBe(true);
    expect(digitRuns('共12.5元')[0]!.decimal).toBe(true);
    expect(digitRuns('号12345X。')[0]!.xAfter).toBe(true);
    expect(digitRuns('号12345XY')[0]!.xAfter).toBe(false);
  });

  it('visits group-aligned spans only, bounded by the digit limit', () => {
    const [run] = digitRuns('12 345 6789');
    const seen: string[] = [];
    forEachSpan(run!, 3, 7, () => true, (s) => seen.push(`${s.i}-${s.j}:${s.digits}`));
    expect(seen).toEqual(['0-1:12345', '1-1:345', '1-2:3456789', '2-2:6789']);
  });

  it('stays linear on thousands of one-digit groups', () => {
    const [run] = digitRuns('1-'.repeat(50_000) + '1');
    let n = 0;
    const t0 = performance.now();
    forEachSpan(run!, 15, 18, () => true, () => { n++; });
    expect(n).toBe(4 * (50_001 - 14) - 6);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
