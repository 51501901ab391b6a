import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseTerm, TextView } from '../src/normalise.ts';

describe('normalisation is one function for build and scan', () => {
  it.each([
    ['王小明', '王小明'],
    ['王 小 明', '王小明'],
    ['王\u3000小\u00a0明', '王小明'],
    ['王-小-明', '王小明'],
    ['王·小明', '王小明'],
    ['买买提・艾力', '买买提艾力'],
    ['王，小，明', '王小明'],
    ['王*小*明', '王小明'],
    ['王\u200b小\u200d明', '王小明'],
    ['双源村。', '双源村'],
    // Kangxi radical ⾦ (U+2F26) and compatibility ideograph 金 (U+F90A) are 金 after NFKC.
    ['\u2fa6华', '金华'],
    ['\uf90a华', '金华'],
    ['３５０７２４２０１２０３０８４１７３', '350724201203084173'],
    ['350724 2012 0308 417x', '3507242012030841' + '7X'],
    ['３５０７２４－２０１２', '3507242012'],
    ['①小学', '1小学'],
    ['第１中学', '第1中学'],
    ['abcＡＢＣ', 'ABCABC'],
    ['𠮷田雅', '𠮷田雅'],
    ['😀王小明😀', '王小明'],
  ])('%s → %s', (raw, want) => {
    expect(normaliseTerm(raw)).toBe(want);
  });

  it('the scan view of any text equals the term normalisation of that text', () => {
    const view = new TextView();
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const v = view.load(s);
      expect(v.slice(0, v.length)).toBe(normaliseTerm(s));
    }), { numRuns: 2000 });
  });

  it('maps view offsets back to code points of the source (emoji and Ext-B count as one)', () => {
    const text = '😀𠮷 王 小-明，家住双源村';
    const v = new TextView().load(text);
    const s = v.slice(0, v.length);
    expect(s).toBe('𠮷王小明家住双源村');
    const name = s.indexOf('王小明');
    // View indexes count code points too: '𠮷' is one.
    const span = v.sourceSpan([...s.slice(0, name)].length, [...s.slice(0, name)].length + 3);
    expect([...text].slice(span.start, span.end).join('')).toBe('王 小-明');
    expect(v.sourceLength).toBe([...text].length);
  });

  it('keeps buffers between posts and grows them for long or expanding text', () => {
    const v = new TextView();
    v.load('短');
    const long = '王'.repeat(10_000) + '\ufdfa';
    v.load(long);
    expect(v.length).toBe(10_000 + [...normaliseTerm('\ufdfa')].length);
    expect(v.load('双源村').slice(0, 3)).toBe('双源村');
  });
});
