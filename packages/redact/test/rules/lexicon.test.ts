import { describe, expect, it } from 'vitest';
import { exploitCueDetector, labelDetector } from '../../src/detectors/rules/lexicon.detector.ts';
import { LexiconTrie } from '../../src/detectors/rules/lexicon-trie.ts';
import { found, only } from './helpers.ts';

describe('LABEL (第十五条 标签化用语)', () => {
  const d = labelDetector();
  it.each([
    ['这名孤儿今年八岁', '孤儿', '儿童'],
    ['村里的留守儿童很多', '留守儿童', '儿童'],
    ['家里是低保户', '低保户', '家庭'],
    ['她是事实无人抚养儿童', '事实无人抚养儿童', '儿童'],
    ['父母服刑后', '父母服刑', '家庭变故'],
    ['一名自闭症男孩', '自闭症', '特殊需要'],
    ['HIV感染者的孩子', 'HIV感染者', '患者'],
    ['hiv阳性', 'hiv', '疾病'],
    ['曾被性侵', '被性侵', '受到侵害'],
    ['建档立卡贫困户家庭', '建档立卡贫困户', '家庭'],
  ])('finds the longest word in %s with its neutral replacement', (text, want, neutral) => {
    const f = only(d, text);
    expect([f.text, f.start, f.meta?.neutral, f.source]).toEqual([want, text.indexOf(want), neutral, 'label_lexicon']);
  });
  it('finds several, in order, without overlaps', () => {
    expect(found(d, '留守儿童小明是孤儿，家里低保，父亲单亲')).toEqual([
      ['LABEL', '留守儿童', 0], ['LABEL', '孤儿', 7], ['LABEL', '低保', 12], ['LABEL', '单亲', 17],
    ]);
  });
  it.each([['最低保障标准提高'], ['HIVE 数据库'], ['残疾人联合会'], ['今天天气很好']])('ignores %s', (text) => {
    expect(found(d, text)).toEqual([]);
  });
});

describe('EXPLOIT_CUE (第十五条 募捐/直播/带货)', () => {
  const d = exploitCueDetector();
  it('finds cues with categories', () => {
    const text = '请扫码捐款，今晚直播带货，求转发';
    expect(found(d, text).map((f) => f[1])).toEqual(['扫码', '捐款', '直播带货', '求转发']);
    expect(only(d, '水滴筹').meta).toEqual({ category: 'fundraising' });
  });
  it('ignores plain text', () => {
    expect(found(d, '孩子在学校读书')).toEqual([]);
  });
});

describe('LexiconTrie', () => {
  it('keeps Latin entries apart from Latin words', () => {
    const t = new LexiconTrie<number>();
    t.add('ab', 1);
    expect([...t.matches('xab ab 甲ab')].map((h) => h.start)).toEqual([4, 8]);
  });
  it('is leftmost-longest and linear on repeats', () => {
    const t = new LexiconTrie<number>();
    t.add('甲乙', 1); t.add('甲乙丙', 2); t.add('乙丙丁', 3);
    expect([...t.matches('子甲乙丙丁')].map((h) => [h.start, h.end, h.value])).toEqual([[1, 4, 2]]);
    t.add('甲'.repeat(8), 4);
    const hits = [...t.matches('甲'.repeat(100_000))];
    expect(hits.length).toBe(12_500);
  });
});
