import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, redactText, resolvePolicy } from '../../src/index.ts';
import { ID1, ID2, stubEngine } from '../operators/stub-engine.ts';

const engine = stubEngine();
const pieces = fc.constantFrom(
  '李小花', '张三', '张四', '欧阳娜娜', '阿依古丽', '约翰·史密斯', '陈𠮷', ID1, ID2, '13905991234', '2014年3月8日',
  '福建省南平市松溪县郑墩镇双源村12号', '松溪县第一小学', '孤儿', '直播带货', '，', '。', '\n', '𠮷', '😀', '的', '小A', '某',
);

describe('invariant over generated documents', () => {
  it.each(PRESET_NAMES)('%s: no processed original survives; report offsets are code points within the input', (preset) => {
    const policy = resolvePolicy({ preset });
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const r = redactText(engine, text, { preset });
      const cps = [...text];
      for (const f of r.findings) {
        if (policy.rules[f.type].op === 'keep') continue;
        if (f.type === 'ADDRESS' && f.text === '松溪县') continue;
        expect(r.text.includes(f.text), `${f.type} ${f.text} in ${r.text}`).toBe(false);
      }
      r.report.forEach((e, i) => expect(cps.slice(e.start, e.end).join('')).toBe(r.findings[i]!.text));
    }), { numRuns: 200 });
  });
});
