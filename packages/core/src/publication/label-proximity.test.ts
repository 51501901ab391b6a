/** 第十五条: when a status word labels someone identifiable. */
import { describe, expect, it } from 'vitest';
import { labelsNextToChildren } from './label-proximity.ts';
import type { ElementFact } from './publication-types.ts';

const el = (id: string, type: string, location: string | undefined, start?: number, end?: number, file = 'a'): ElementFact =>
  ({ id, type, file, ...(location !== undefined ? { location } : {}), ...(start !== undefined ? { start, end: end! } : {}) });
const near = (es: ElementFact[]) => labelsNextToChildren(es).map((l) => [l.label.id, l.near.map((n) => n.id)]);

describe('labelsNextToChildren', () => {
  it('same paragraph within 40 code points, either side; overlapping counts', () => {
    expect(near([el('l', 'LABEL', 'p1', 0, 4), el('n', 'PERSON', 'p1', 4, 7)])).toEqual([['l', ['n']]]);
    expect(near([el('n', 'PERSON', 'p1', 0, 3), el('l', 'LABEL', 'p1', 43, 47)])).toEqual([['l', ['n']]]);
    expect(near([el('n', 'PERSON', 'p1', 0, 3), el('l', 'LABEL', 'p1', 44, 48)])).toEqual([]);
  });

  it('a table row is one unit: the category column labels the child named in that row only', () => {
    expect(near([el('l', 'LABEL', '名单 第2行 儿童类别', 0, 2), el('n', 'PERSON', '名单 第2行 姓名', 0, 3)])).toEqual([['l', ['n']]]);
    expect(near([el('l', 'LABEL', '第2行 类别', 0, 2), el('n', 'PERSON', '第3行 姓名', 0, 3)])).toEqual([]);
    expect(near([el('l', 'LABEL', '第12行 类别', 0, 2), el('n', 'PERSON', '第1行 姓名', 0, 3)])).toEqual([]);
  });

  it('other files, words that identify no one, and dismissed findings do not count', () => {
    expect(near([el('l', 'LABEL', 'p1', 0, 4), el('n', 'PERSON', 'p1', 5, 8, 'b')])).toEqual([]);
    expect(near([el('l', 'LABEL', 'p1', 0, 4), el('x', 'EXPLOIT_CUE', 'p1', 5, 8)])).toEqual([]);
    expect(near([{ ...el('l', 'LABEL', 'p1', 0, 4), removed: true }, el('n', 'PERSON', 'p1', 5, 8)])).toEqual([]);
    expect(near([el('l', 'LABEL', 'p1', 0, 4), { ...el('n', 'PERSON', 'p1', 5, 8), removed: true }])).toEqual([]);
  });
});
