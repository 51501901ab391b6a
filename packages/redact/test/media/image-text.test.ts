import { composeIdNumber, HutongError } from '@hutong/core';
import { afterEach, describe, expect, it } from 'vitest';
import { registryDetector } from '../../src/detectors/registry/index.ts';
import { processImage } from '../../src/media/image/index.ts';
import { parseTsv } from '../../src/media/image/tesseract-ocr.ts';
import { textHits } from '../../src/media/image/text-regions.ts';
import type { Finding } from '../../src/types.ts';
import { brightness, meanDiff, pixels } from './pixels.ts';
import { countHue, hueBoxes, ORDINARY, SENSITIVE, textPicture } from './text-picture.ts';

const SLOW = 120_000;
// A made-up child: 松溪县 region code, made-up birth order; phone number invented.
const ID = composeIdNumber('350724', '2014-06-15', 36, 'male');
const LINES = [
  { label: '学生姓名：', value: '林小雨', colour: SENSITIVE },
  { label: '身份证号：', value: ID, colour: SENSITIVE },
  { label: '监护人电话：', value: '13905917342', colour: SENSITIVE },
  { label: '就读学校：', value: '松溪县第二实验小学', colour: SENSITIVE },
  { value: '今天天气晴朗，我们一起去公园。', colour: ORDINARY },
];

describe('text in pictures (第十四条: name, address, school; 第十三条: identifiers)', () => {
  it('masks the name, ID number, phone and school solid and leaves ordinary text untouched', async () => {
    const input = await textPicture(LINES);
    const r = await processImage(input);
    expect(r.ocr?.ran).toBe(true);
    expect(r.findings.map((f) => [f.id, f.kind, f.type, f.text, f.action])).toEqual([
      ['text-0', 'text', 'PERSON', '林小雨', 'masked'],
      ['text-1', 'text', 'ID_CARD', ID, 'masked'],
      ['text-2', 'text', 'PHONE', '13905917342', 'masked'],
      ['text-3', 'text', 'SCHOOL', '松溪县第二实验小学', 'masked'],
    ]);
    expect(r.findings.map((f) => f.reason.match(/第.+条/u)?.[0])).toEqual(['第十四条', '第十三条', '第十三条', '第十四条']);
    const [before, after] = await Promise.all([pixels(input), pixels(r.output)]);
    // Every pixel of every sensitive glyph is gone, and each masked box is solid black.
    expect(countHue(before, 'blue')).toBeGreaterThan(2000);
    expect(countHue(after, 'blue')).toBe(0);
    for (const f of r.findings) expect(brightness(after, f.box).max).toBe(0);
    // The ordinary sentence (and the labels before the values) are exactly as they were.
    const [sentence] = hueBoxes(before, 'red');
    expect(meanDiff(before, after, sentence!)).toBe(0);
    expect(meanDiff(before, after, { x: 50, y: 40, width: 150, height: 50 })).toBe(0);
  }, SLOW);

  it('a JPEG photo-like picture: masks still cover the values', async () => {
    const input = await textPicture(LINES.slice(0, 3), { format: 'jpeg', size: 36 });
    const r = await processImage(input);
    expect(r.findings.map((f) => f.type)).toEqual(['PERSON', 'ID_CARD', 'PHONE']);
    expect(countHue(await pixels(r.output), 'blue')).toBe(0);
  }, SLOW);

  it('uses the registry detector: a nickname only the registry knows is masked', async () => {
    const input = await textPicture([{ value: '石头今天很开心', colour: SENSITIVE }, { value: '今天天气晴朗', colour: ORDINARY }]);
    const plain = await processImage(input);
    expect(plain.findings).toEqual([]);
    const registry = registryDetector({ persons: ['石头'], schools: [], places: [] });
    const r = await processImage(input, { registry });
    expect(r.findings.map((f) => [f.type, f.text, f.action])).toEqual([['PERSON', '石头', 'masked']]);
    const after = await pixels(r.output);
    const left = hueBoxes(after, 'blue');
    // "今天很开心" stays; "石头" (the first two characters) is gone.
    expect(left).toHaveLength(1);
    expect(left[0]!.x).toBeGreaterThanOrEqual(r.findings[0]!.box.x + r.findings[0]!.box.width - 2);
  }, SLOW);

  it('labels are reported for review and left in place (第十五条)', async () => {
    const input = await textPicture([{ value: '关爱留守儿童，共建美好家园', colour: ORDINARY }]);
    const r = await processImage(input);
    expect(r.findings.map((f) => [f.type, f.text, f.action])).toEqual([['LABEL', '留守儿童', 'kept']]);
    expect(r.findings[0]!.reason).toContain('第十五条');
    expect(meanDiff(await pixels(input), await pixels(r.output), { x: 0, y: 0, width: 1200, height: 160 })).toBe(0);
  }, SLOW);

  it('ocr: false reads no text and reports it did not', async () => {
    const input = await textPicture(LINES.slice(0, 2));
    const r = await processImage(input, { ocr: false });
    expect(r.findings).toEqual([]);
    expect(r.ocr).toEqual({ ran: false, words: 0 });
    expect(countHue(await pixels(r.output), 'blue')).toBe(countHue(await pixels(input), 'blue'));
  }, SLOW);
});

describe('without tesseract', () => {
  const saved = process.env.HUTONG_TESSERACT;
  afterEach(() => {
    if (saved === undefined) delete process.env.HUTONG_TESSERACT; else process.env.HUTONG_TESSERACT = saved;
  });

  it('says so and returns nothing, unless ocr: false', async () => {
    process.env.HUTONG_TESSERACT = '/nonexistent/tesseract';
    const input = await textPicture(LINES.slice(0, 1));
    for (const opts of [{}, { ocr: true }]) {
      const e = await processImage(input, opts).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(HutongError);
      expect([(e as HutongError).statusCode, (e as HutongError).code]).toEqual([503, 'HUTONG_OCR_UNAVAILABLE']);
      expect((e as HutongError).message).toMatch(/未安装文字识别程序 tesseract.*ocr: false/u);
    }
    const r = await processImage(input, { ocr: false });
    expect(r.ocr?.ran).toBe(false);
  }, SLOW);
});

describe('OCR words to boxes', () => {
  const word = (text: string, x: number, line = '1.1.1', width = text.length * 40) => ({ text, conf: 90, line, box: { x, y: 100, width, height: 40 } });
  const engineFinding = (types: Record<string, Finding['type']>) => ({
    detect: (text: string): Finding[] => Object.entries(types).flatMap(([s, type]) => {
      const at = text.indexOf(s);
      return at < 0 ? [] : [{ type, start: at, end: at + s.length, text: s, score: 0.9, source: 'stub' }];
    }),
  });

  it('a finding inside a longer word covers only its characters (plus a margin)', () => {
    const hits = textHits([word('姓名林小雨', 0)], engineFinding({ 林小雨: 'PERSON' }));
    expect(hits).toHaveLength(1);
    const b = hits[0]!.box;
    // Characters 2–4 of five 40-px characters start at 80; half a character and the LSTM margin widen it.
    expect(b.x).toBeGreaterThanOrEqual(80 - 20 - 14 - 0.01);
    expect(b.x).toBeLessThan(80);
    expect(b.x + b.width).toBeGreaterThanOrEqual(200);
  });

  it('Latin and digit words are joined with a space, Chinese without, lines with a newline', () => {
    let seen = '';
    textHits([word('电话', 0), word('139', 100), word('0591', 300), word('下一行', 0, '1.1.2')], { detect: (t) => { seen = t; return []; } });
    expect(seen).toBe('电话139 0591\n下一行');
  });

  it('a finding across two lines gives one box per line', () => {
    const hits = textHits([word('郑墩镇', 0), word('双源村', 0, '1.1.2')], engineFinding({ '郑墩镇\n双源村': 'ADDRESS' }));
    expect(hits.map((h) => h.box.y < 100)).toEqual([true, true]);
    expect(hits).toHaveLength(2);
  });

  it('parses tesseract TSV, skipping non-word rows and empty words', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t',
      '5\t1\t1\t1\t1\t1\t63\t58\t46\t47\t93.2\t学',
      '5\t1\t1\t1\t1\t2\t120\t58\t46\t47\t95\t ',
      '5\t1\t2\t1\t1\t1\t10\t200\t300\t40\t91\t13905917342',
    ].join('\n');
    expect(parseTsv(tsv)).toEqual([
      { text: '学', conf: 93.2, line: '1.1.1', box: { x: 63, y: 58, width: 46, height: 47 } },
      { text: '13905917342', conf: 91, line: '2.1.1', box: { x: 10, y: 200, width: 300, height: 40 } },
    ]);
  });
});
