import { describe, expect, it } from 'vitest';
import { mergeSpans, planMutes } from '../../src/media/audio/mute-plan.ts';
import { cumulativeWeights, PAD_SECONDS, PAD_SHARE, spokenSpan } from '../../src/media/audio/span-timing.ts';
import type { DetectingEngine, EntityType, Finding } from '../../src/index.ts';

/** An engine that reports exactly the given strings (first occurrence only, or every one). */
function engine(terms: [string, EntityType][], every = true): DetectingEngine {
  return {
    detect(text: string): Finding[] {
      const out: Finding[] = [];
      for (const [term, type] of terms) {
        for (let at = text.indexOf(term); at >= 0; at = every ? text.indexOf(term, at + 1) : -1) {
          out.push({ type, start: at, end: at + term.length, text: term, score: 0.9, source: 'stub' });
        }
      }
      return out;
    },
  };
}

describe('cumulativeWeights', () => {
  it('a character or digit is a syllable, a Latin letter about a third, inner punctuation a pause', () => {
    expect([...cumulativeWeights('王小明')]).toEqual([0, 1, 2, 3]);
    expect([...cumulativeWeights('12号')]).toEqual([0, 1, 2, 3]);
    const w = cumulativeWeights('我叫Tom，九岁');
    expect(w[4]! - w[2]!).toBeCloseTo(0.7, 5);
    expect(w[6]! - w[5]!).toBe(0.5);
  });

  it('punctuation before the first and after the last word weighs nothing', () => {
    const w = cumulativeWeights('“王小明。”');
    expect(w[1]).toBe(0);
    expect(w[4]).toBe(3);
    expect(w[6]).toBe(3);
  });

  it('a character outside the BMP (𠮷) counts once', () => {
    expect([...cumulativeWeights('陈𠮷来了')]).toEqual([0, 1, 2, 2, 3, 4]);
  });

  it('a segment of symbols only is spread by length instead of dividing by zero', () => {
    expect([...cumulativeWeights('……')]).toEqual([0, 1, 2]);
  });
});

describe('spokenSpan', () => {
  const seg = { start: 10, end: 14, text: '我叫王小明' };
  const cum = cumulativeWeights(seg.text);

  it('places the characters proportionally and pads by a quarter second plus 8 % of the segment', () => {
    const pad = PAD_SECONDS + PAD_SHARE * 4;
    const s = spokenSpan(seg, cum, 2, 5, 100);
    expect(s.start).toBeCloseTo(10 + 4 * (2 / 5) - pad, 9);
    expect(s.end).toBeCloseTo(14 + PAD_SECONDS, 9); // the end of the segment, plus the fixed pad only
  });

  it('stays within the segment (plus the fixed pad) and the recording', () => {
    expect(spokenSpan(seg, cum, 0, 2, 100).start).toBeCloseTo(10 - PAD_SECONDS, 9);
    expect(spokenSpan({ start: 0.1, end: 1, text: '王小明' }, cumulativeWeights('王小明'), 0, 3, 1.05)).toEqual({ start: 0, end: 1.05 });
  });
});

describe('planMutes', () => {
  const segments = [
    { start: 1, end: 3, text: '大家好，我叫张三。' },
    { start: 4, end: 8, text: '张三是孤儿，电话13905991234。' },
  ];

  it('mutes identifying findings in time order with the article, and leaves wording (LABEL) to the script', () => {
    const spans = planMutes(segments, engine([['张三', 'PERSON'], ['孤儿', 'LABEL'], ['13905991234', 'PHONE']]), 10);
    expect(spans.map((s) => [s.type, s.text])).toEqual([['PERSON', '张三'], ['PERSON', '张三'], ['PHONE', '13905991234']]);
    expect(spans[0]!.reason).toBe('《困境儿童个人信息保护工作办法》第十四条：不得公开困境儿童的姓名，录音中读出处已静音（技术处理）');
    expect(spans[2]!.reason).toMatch(/第十四条：电话号码可识别儿童身份/);
    // 张三 closes the first segment: its span reaches the segment's end.
    expect(spans[0]!.start).toBeGreaterThan(1.5);
    expect(spans[0]!.end).toBeCloseTo(3 + PAD_SECONDS, 9);
    // The phone number is the second half of the second segment.
    expect(spans[2]!.start).toBeGreaterThan(5);
    expect(spans[2]!.end).toBeGreaterThan(7.9);
    for (const s of spans) expect(s.end).toBeGreaterThan(s.start);
  });

  it('mutes every later mention of a string found once', () => {
    const spans = planMutes(segments, engine([['张三', 'PERSON']], false), 10);
    expect(spans.map((s) => s.text)).toEqual(['张三', '张三']);
    expect(spans[1]!.start).toBeLessThan(4.5);
  });

  it('a finding running over a segment break is cut into one span per segment', () => {
    const spans = planMutes(segments, engine([['张三。\n张三', 'PERSON']]), 10);
    expect(spans.map((s) => s.text)).toEqual(['张三。', '张三']);
    expect(spans[0]!.end).toBeLessThanOrEqual(3 + PAD_SECONDS);
    expect(spans[1]!.start).toBeGreaterThanOrEqual(4 - PAD_SECONDS);
  });

  it('nothing found, nothing muted', () => {
    expect(planMutes(segments, engine([]), 10)).toEqual([]);
  });

  it('refuses a transcript that runs more than a second past the recording', () => {
    expect(() => planMutes(segments, engine([]), 6.5)).toThrow(/第 2 段结束于 8 秒，超出录音时长 6.5 秒/);
    expect(planMutes(segments, engine([]), 7.2)).toEqual([]);
  });
});

describe('mergeSpans', () => {
  it('joins overlapping and touching spans, keeps gaps', () => {
    expect(mergeSpans([{ start: 5, end: 6 }, { start: 1, end: 2 }, { start: 1.5, end: 3 }, { start: 3, end: 3.5 }])).toEqual([
      { start: 1, end: 3.5 }, { start: 5, end: 6 },
    ]);
    expect(mergeSpans([])).toEqual([]);
  });
});
