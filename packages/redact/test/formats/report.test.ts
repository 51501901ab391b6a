import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, redactFile, redactText, textReport, writeReport } from '../../src/index.ts';
import { SAMPLE, stubEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const engine = stubEngine();
const p = tempDir();

describe('report writer', () => {
  it('JSON, Markdown and CSV list every finding with rule and article, never the raw identifier', async () => {
    writeFileSync(p('a.txt'), SAMPLE);
    const report = await redactFile(engine, p('a.txt'), p('a.out.txt'), { preset: 'news' });
    await writeReport(report, p('r.json'));
    await writeReport(report, p('r.md'));
    await writeReport(report, p('r.csv'));
    const json = JSON.parse(readFileSync(p('r.json'), 'utf8'));
    expect(json.entries).toHaveLength(report.total);
    const md = readFileSync(p('r.md'), 'utf8');
    expect(md).toContain('| 位置 | 起 | 止 | 类型 |');
    expect(md).toContain('需人工复核：2 处');
    expect(md).toContain('《困境儿童个人信息保护工作办法》第十四条');
    const rows = parse(readFileSync(p('r.csv'), 'utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(report.total + 1);
    expect(rows[0]).toContain('依据');
    for (const text of [JSON.stringify(json), md, readFileSync(p('r.csv'), 'utf8')]) {
      expect(text).not.toMatch(/李小花|张三|13905991234|双源村/u);
    }
    await expect(writeReport(report, p('r.pdf'))).rejects.toMatchObject({ code: 'HUTONG_VALIDATION' });
  });

  it('textReport wraps a redactText result', () => {
    const r = textReport(redactText(engine, SAMPLE, { preset: 'judgment' }), 'judgment');
    expect(r.total).toBe(r.entries.length);
    expect(r.counts['PERSON']).toBe(3);
  });
});

describe('policy files', () => {
  it('loads, checks and applies a policy file', async () => {
    writeFileSync(p('policy.json'), JSON.stringify({ preset: 'news', operators: { PERSON: 'court' } }));
    const policy = await loadPolicyFile(p('policy.json'));
    writeFileSync(p('b.txt'), '李小花和张三。');
    await redactFile(engine, p('b.txt'), p('b.out.txt'), { policy });
    expect(readFileSync(p('b.out.txt'), 'utf8')).toBe('李某和张某。');
  });

  it('a syntax error names the file', async () => {
    writeFileSync(p('bad.json'), '{"preset": "news",}');
    await expect(loadPolicyFile(p('bad.json'))).rejects.toThrow('不是有效的 JSON');
    await expect(loadPolicyFile(p('missing.json'))).rejects.toThrow('无法读取');
  });
});
