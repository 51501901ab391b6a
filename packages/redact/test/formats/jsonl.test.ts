import { readFileSync, writeFileSync } from 'node:fs';
import { HutongError } from '@hutong/core';
import { describe, expect, it } from 'vitest';
import { redactFile } from '../../src/index.ts';
import { ID1, stubEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const engine = stubEngine();
const p = tempDir();

describe('JSON lines', () => {
  it('keeps keys, processes string values, uses keys to classify, one 化名 per name across lines', async () => {
    const lines = [
      { 姓名: '李小花', 身份证号: ID1, 备注: '李小花是孤儿，监护人张三', 监护人: { 姓名: '赵大山', 电话: 13905991234 }, 年龄: 10 },
      { name: '王芳', note: '王芳和李小花是同学', tags: ['留守儿童'], ok: true, n: null },
    ];
    writeFileSync(p('a.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n\n');
    const report = await redactFile(engine, p('a.jsonl'), p('a.out.jsonl'), { preset: 'news' });
    const out = readFileSync(p('a.out.jsonl'), 'utf8').split('\n');
    expect(out).toHaveLength(4);
    expect(JSON.parse(out[0]!)).toEqual({ 姓名: '小A', 身份证号: '', 备注: '小A是儿童，监护人小B', 监护人: { 姓名: '小C', 电话: '' }, 年龄: 10 });
    expect(JSON.parse(out[1]!)).toEqual({ name: '小D', note: '小D和小A是同学', tags: ['儿童'], ok: true, n: null });
    // 赵大山 is in no dictionary: the key 姓名 made it a PERSON.
    const zhao = report.entries.find((e) => e.rule === 'key:$.监护人.姓名')!;
    expect(zhao.location).toBe('第1行 $.监护人.姓名');
  });

  it('a line that is not JSON names the line, not its content', async () => {
    writeFileSync(p('bad.jsonl'), '{"a":1}\n{"姓名":"李小花",\n');
    try {
      await redactFile(engine, p('bad.jsonl'), p('bad.out.jsonl'));
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(HutongError);
      expect((e as Error).message).toContain('第 2 行');
      expect((e as Error).message).not.toContain('李小花');
    }
  });

  it('an over-long line is refused', async () => {
    writeFileSync(p('long.jsonl'), JSON.stringify({ a: 'x'.repeat(2000) }) + '\n');
    await expect(redactFile(engine, p('long.jsonl'), p('long.out.jsonl'), { maxLineBytes: 1000 })).rejects.toThrow('第 1 行超过');
  });
});
