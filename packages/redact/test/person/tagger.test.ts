import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, test } from 'vitest';
import { loadPersonModel, MODEL_PATH, personDetector } from '../../src/detectors/person/index.ts';

// Every name below is made up for the test.
const d = personDetector();
const names = (text: string) => d.detect(text).map((f) => f.text);

describe('person tagger', () => {
  it('loads the model shipped in the package', () => {
    const pkg = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
    expect(relative(pkg, MODEL_PATH)).toBe('model/person-tagger.bin.gz');
    expect(existsSync(MODEL_PATH)).toBe(true);
    const m = loadPersonModel();
    expect(m.weights.length).toBeGreaterThan(0);
    expect(loadPersonModel()).toBe(m);
  });

  test.each([
    ['欧阳思琪同学今年上三年级。', '欧阳思琪', '欧阳'],
    ['司马文涛的母亲说，他从小就喜欢画画。', '司马文涛', '司马'],
    ['上官婉清的奶奶今年七十岁', '上官婉清', '上官'],
    ['记者张蕾报道，', '张蕾', '张'],
    ['王铮今年九岁。', '王铮', '王'],
    ['孙浩宇小朋友和他的爷爷住在一起', '孙浩宇', '孙'],
    ['老师问我叫什么名字，我说我叫赵思雨', '赵思雨', '赵'],
  ])('%s → %s', (text, name, surname) => {
    const f = d.detect(text).find((x) => x.text === name);
    expect(f).toBeDefined();
    expect(f!.type).toBe('PERSON');
    expect(f!.source).toBe('person_tagger');
    expect(f!.meta?.surname).toBe(surname);
    expect(text.slice(f!.start, f!.end)).toBe(name);
  });

  test.each([
    '中华人民共和国成立以来，经济发展很快。',
    '黄河水很急，大家注意安全。',
    '今天天气很好，我们去公园散步。',
    '学校组织同学们参加活动。',
    '关键在于落实。',
  ])('no name in %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('scores every finding in (0, 1]', () => {
    for (const f of d.detect('记者张蕾报道，欧阳思琪同学和司马文涛一起上学。')) {
      expect(f.score).toBeGreaterThan(0);
      expect(f.score).toBeLessThanOrEqual(1);
    }
  });

  it('finds at least as much with a recall bias', () => {
    const text = '县委书记汪明新经常到基层，同村的罗小禾也来了。';
    const base = personDetector().detect(text).length;
    expect(personDetector({ recallBias: 10 }).detect(text).length).toBeGreaterThanOrEqual(base);
  });

  it('keeps UTF-16 offsets right after an astral char', () => {
    const text = '𠮷𠮷，记者张蕾报道。';
    const f = d.detect(text).find((x) => x.text === '张蕾');
    expect(f && text.slice(f.start, f.end)).toBe('张蕾');
  });
});
