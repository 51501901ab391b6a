import { describe, expect, it } from 'vitest';
import type { PublicationFinding } from '../../api/publications.ts';
import { documentSpans, processedSpans, wordsOf } from './text-spans.ts';

const f = (id: string, start: number, end: number, replacement: string, action = 'pseudonym'): PublicationFinding =>
  ({ id, type: 'PERSON', action, article: '第十四条', start, end, replacement, score: 1 });

describe('text spans (code points, as the engine counts)', () => {
  // 𠮷 is two UTF-16 units and one code point: offsets after it must not drift.
  const draft = '𠮷林小雨和陈思语参加活动。';
  const findings = [f('0:1', 5, 8, '小B'), f('0:0', 1, 4, '小A')];

  it('marks the draft and finds each replacement in the processed text', () => {
    const spans = documentSpans(findings);
    expect(spans.map((s) => [s.start, s.end])).toEqual([[1, 4], [5, 8]]);
    expect([...wordsOf(draft, spans).values()]).toEqual(['林小雨', '陈思语']);
    const out = processedSpans(draft, findings, '𠮷小A和小B参加活动。')!;
    expect(out.map((s) => [s.start, s.end])).toEqual([[1, 3], [4, 6]]);
  });

  it('marks nothing when the processed text is not the draft with these replacements', () => {
    expect(processedSpans(draft, findings, '𠮷小A和小C参加活动。')).toBeNull();
  });

  it('a kept finding stays as written; a deleted one leaves no mark; overlaps and located findings are left out', () => {
    const kept = [f('0:0', 1, 4, '（保留）', 'keep'), f('0:1', 5, 8, '', 'delete'), f('0:2', 6, 7, 'x'), { ...f('0:3', 0, 1, 'y'), location: '第2行 姓名' }];
    expect(documentSpans(kept).map((s) => s.findingId)).toEqual(['0:0', '0:1']);
    const out = processedSpans(draft, kept, '𠮷林小雨和参加活动。')!;
    expect(out).toEqual([expect.objectContaining({ findingId: '0:0', kept: true, start: 1, end: 4 })]);
  });
});
