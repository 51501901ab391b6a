import { existsSync, statSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import { encode, lookupNames, PAD } from '../../src/detectors/person/features.ts';
import { loadPersonModel, personDetector } from '../../src/detectors/person/index.ts';
import { WORDS_PATH } from '../../src/detectors/person/load-model.ts';

// Every name below is made up for the test.
const d = personDetector();
const names = (text: string) => d.detect(text).map((f) => f.text);

function wordBits(text: string): Int32Array {
  const m = loadPersonModel();
  const n = text.length;
  const codes = new Int32Array(n + 2 * PAD), cls = new Int32Array(n + 2 * PAD), dict = new Int32Array(n + 2 * PAD);
  const wdict = new Int32Array(n + 2 * PAD), seg = new Int32Array(n + 2 * PAD);
  encode(text, m.classes, codes, cls);
  lookupNames(codes, n, m.names, dict, m.words, wdict, seg);
  return wdict.subarray(PAD, PAD + n);
}

describe('jieba-derived word table', () => {
  it('ships beside the model, small', () => {
    expect(existsSync(WORDS_PATH)).toBe(true);
    expect(statSync(WORDS_PATH).size).toBeLessThan(1_500_000);
    expect(loadPersonModel().words.slots.length).toBeGreaterThan(100_000);
  });

  it('marks where ordinary words start and end', () => {
    const w = wordBits('我们要严格执行');
    expect(w[3]! & 1).toBe(1); // 严格 (length 2) starts at 3
    expect(w[4]! & 16).toBe(16); // … and ends at 4
    expect(w[3]! & 512).toBe(0); // not a name-tagged word
  });

  it('marks name-tagged words apart from ordinary ones', () => {
    const w = wordBits('江泽民主席');
    expect(w[0]! & 512).toBe(512);
  });

  test.each(['众所周知，这里的水很深。', '郑州的天气很好。', '明天有小雨。', '我们要严格执行规定。', '周边的居民都来了。'])(
    'ordinary words that start with a surname are not names: %s', (text) => {
      expect(names(text)).toEqual([]);
    });

  it('finds a name after a title with no lexicon support', () => {
    expect(names('县委书记汪明新经常到基层。')).toContain('汪明新');
  });
});
