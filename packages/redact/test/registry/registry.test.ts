import { describe, expect, it } from 'vitest';
import { AhoCorasick, RedactEngine, redactText, registryDetector } from '../../src/index.ts';

describe('AhoCorasick', () => {
  it('finds every occurrence, overlapping and nested ones included', () => {
    const ac = new AhoCorasick([['he', 1], ['she', 2], ['his', 3], ['hers', 4]] as const);
    const got = ac.findAll('ushers').map((m) => [m.start, m.end, m.value]);
    expect(got).toEqual([[1, 4, 2], [2, 4, 1], [2, 6, 4]]);
  });

  it('works on Chinese and astral characters (UTF-16 offsets)', () => {
    const ac = new AhoCorasick([['陈𠮷', 'a'], ['𠮷', 'b']] as const);
    const text = '我叫陈𠮷。';
    const got = ac.findAll(text);
    expect(got.map((m) => text.slice(m.start, m.end))).toEqual(['陈𠮷', '𠮷']);
  });

  it('stays linear on adversarial input', () => {
    const patterns: [string, number][] = [];
    for (let i = 1; i <= 200; i++) patterns.push(['a'.repeat(i) + 'b', i]);
    const ac = new AhoCorasick(patterns);
    const t0 = performance.now();
    expect(ac.findAll('a'.repeat(200_000))).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('registry detector', () => {
  const terms = { persons: ['李小花', '王小明', ' 王小明 ', '王'], schools: ['松溪县第一小学'], places: ['双源村'] };

  it('emits PERSON, SCHOOL and ADDRESS with score 1 and source registry; skips one-character terms', () => {
    const d = registryDetector(terms);
    const found = d.detect('王小明和李小花在松溪县第一小学读书，家住双源村。王老师说……');
    expect(found.map((f) => [f.type, f.text, f.score, f.source])).toEqual([
      ['PERSON', '王小明', 1, 'registry'],
      ['PERSON', '李小花', 1, 'registry'],
      ['SCHOOL', '松溪县第一小学', 1, 'registry'],
      ['ADDRESS', '双源村', 1, 'registry'],
    ]);
    expect(d.terms.persons).toEqual(['李小花', '王小明']);
  });

  it('catches a registered child the tagger would miss, wherever it occurs', () => {
    const d = registryDetector(terms);
    const engine = new RedactEngine({ detectors: [d] });
    const text = '小记者采访了李小花。李小花说，她想当老师。';
    const r = redactText(engine, text, { preset: 'news' });
    expect(r.text).not.toContain('李小花');
    expect(r.text).toBe('小记者采访了小A。小A说，她想当老师。');
  });

  it('is wired into the default detectors through opts.registry', () => {
    const e = new RedactEngine({ registry: terms });
    expect(e.detectors.some((d) => d.name === 'registry')).toBe(true);
    expect(new RedactEngine().detectors.some((d) => d.name === 'registry')).toBe(false);
  });

  it('handles 10 000 names over a long text quickly', () => {
    const persons = Array.from({ length: 10_000 }, (_, i) => `测试${String.fromCharCode(0x4e00 + (i % 2000))}${String.fromCharCode(0x4e00 + Math.floor(i / 2000))}`);
    const d = registryDetector({ persons, schools: [], places: [] });
    const text = '今天天气很好，'.repeat(20_000) + persons[9_999];
    const t0 = performance.now();
    const found = d.detect(text);
    expect(found.at(-1)!.text).toBe(persons[9_999]);
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('never uses a registered name as a 化名', () => {
    const d = registryDetector({ persons: ['小A', '李小花'], schools: [], places: [] });
    const r = redactText(new RedactEngine({ detectors: [d] }), '李小花在上学。', { preset: 'news' });
    expect(r.text).toBe('小B在上学。');
  });
});
