import { describe, expect, it } from 'vitest';
import { personDetector } from '../../src/detectors/person/index.ts';

// Every name below is made up for the test.
describe('person nicknames and cues', () => {
  it('marks the given name and other forms of a full name within the document', () => {
    const d = personDetector();
    const text = '陈雨桐今年十岁，雨桐的爷爷说，雨桐很懂事。陈某某的父亲在外地打工。';
    const got = d.detect(text);
    const spans = got.map((f) => text.slice(f.start, f.end));
    expect(spans.filter((s) => s === '雨桐')).toHaveLength(2);
    expect(spans).toContain('陈某某');
    const nick = got.find((f) => f.source === 'person_nickname');
    expect(nick?.meta?.surname).toBe('陈');
  });

  it('marks 阿明 and 小王 once 王晓明 is named', () => {
    const got = personDetector().detect('王晓明今年十岁。后来阿明说他想妈妈，小王说完就哭了。');
    expect(got.map((f) => f.text)).toEqual(expect.arrayContaining(['王晓明', '阿明', '小王']));
  });

  it('does not carry names across documents', () => {
    const d = personDetector();
    d.detect('陈雨桐今年十岁，家住山里。');
    const got = d.detect('陈某某的父亲说，那天下雨了。');
    expect(got.filter((f) => f.source === 'person_nickname')).toEqual([]);
  });

  it('does not spread common words that equal a reduplicated name', () => {
    const got = personDetector().detect('李明明今年八岁。他明明知道答案。');
    expect(got.map((f) => f.text)).not.toContain('明明');
  });

  it('finds the name after 化名', () => {
    const got = personDetector().detect('化名“豆豆”的孩子今年六岁。');
    expect(got.map((f) => f.text)).toContain('豆豆');
  });

  it('finds the name before （化名）', () => {
    const got = personDetector().detect('据了解，刘芳芳（化名）今年12岁。');
    expect(got.map((f) => f.text)).toContain('刘芳芳');
  });

  it('finds the name before 同学', () => {
    const got = personDetector().detect('张可同学今年上四年级');
    expect(got.map((f) => f.text)).toContain('张可');
  });
});
