import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redactFile } from '../../src/index.ts';
import { stubEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const engine = stubEngine();
const p = tempDir();

const MD = [
  '# 李小花的故事',
  '',
  '> **李小花**是一名*留守儿童*，住在福建省南平市松溪县郑墩镇双源村12号。',
  '',
  '- 监护人：张三（[联系](tel:13905991234 "张三的电话")）',
  '- 学校：[松溪县第一小学](https://example.org/school?id=42)',
  '',
  '| 姓名 | 电话 |',
  '|---|---|',
  '| 王芳 | 13905991234 |',
  '',
  '```json',
  '{"name": "李小花"}',
  '```',
  '',
  '已遮盖的号码 3501**********123X 和 wxid_abc 不是标记。',
  '<img src="a.png" alt="李小花的照片"> <!-- 联系张三 -->',
  '',
].join('\n');

describe('Markdown', () => {
  it('processes the text and keeps the markup', async () => {
    writeFileSync(p('a.md'), MD);
    const report = await redactFile(engine, p('a.md'), p('a.out.md'), { preset: 'news' });
    const out = readFileSync(p('a.out.md'), 'utf8').split('\n');
    expect(out[0]).toBe('# 小A的故事');
    expect(out[2]).toBe('> **小A**是一名*儿童*，住在松溪县。');
    // tel: link target processed like the text; the title too; brackets and parentheses intact.
    expect(out[4]).toBe('- 监护人：小B（[联系](tel: "小B的电话")）');
    expect(out[5]).toBe('- 学校：[某学校](https://example.org/school?id=42)');
    expect(out[7]).toBe('| 姓名 | 电话 |');
    expect(out[8]).toBe('|---|---|');
    expect(out[9]).toBe('| 小C |  |');
    expect(out.slice(11, 14)).toEqual(['```json', '{"name": "小A"}', '```']);
    expect(out[15]).toBe('已遮盖的号码  和 wxid_abc 不是标记。');
    expect(out[16]).toBe('<img src="a.png" alt="小A的照片"> <!-- 联系小B -->');
    expect(out.join('\n')).not.toMatch(/李小花|张三|王芳|13905991234|双源村/u);
    expect(report.format).toBe('md');
  });

  it('judgment style keeps emphasis around 姓+某', async () => {
    writeFileSync(p('b.md'), '原告**张三**与被告__张四__。\n');
    await redactFile(engine, p('b.md'), p('b.out.md'), { preset: 'judgment' });
    expect(readFileSync(p('b.out.md'), 'utf8')).toBe('原告**张某1**与被告__张某2__。\n');
  });
});
