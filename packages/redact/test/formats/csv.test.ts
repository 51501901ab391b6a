import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { classifyHeader, redactFile } from '../../src/index.ts';
import { ID1, ID2, stubEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const engine = stubEngine();
const p = tempDir();

describe('column classification from headers', () => {
  it.each([
    ['姓名', 'PERSON'], ['儿童姓名', 'PERSON'], ['监护人', 'PERSON'], ['监护人电话', 'PHONE'], ['联系方式', 'PHONE'],
    ['身份证号', 'ID_CARD'], ['监护人身份证号码', 'ID_CARD'], ['家庭住址', 'ADDRESS'], ['学校地址', 'ADDRESS'],
    ['就读学校', 'SCHOOL'], ['困境类型', 'LABEL'], ['儿童类别', 'LABEL'], ['出生日期', 'DATE_OF_BIRTH'], ['序号', null], ['备注', null],
  ])('%s → %s', (h, t) => expect(classifyHeader(h)).toBe(t));
});

describe('CSV', () => {
  it('per-column operators, content sampling, free text through the detectors, header kept', async () => {
    const rows = [
      ['序号', '儿童姓名', '身份证号', '家庭住址', '就读学校', '困境类型', '监护人', '联系电话', '编号', '备注'],
      ['1', '李小花', ID1, '福建省南平市松溪县郑墩镇双源村12号', '松溪县第一小学', '孤儿', '张三、赵大山', '13905991234', ID2, '李小花成绩好'],
      ['2', '钱多多', ID2, '某某路1号', '实验小学', '留守儿童', '孙二娘', '13905990000', ID1, '无'],
      ['3', '', '', '', '', '', '', '', '', '王芳,"来访"'],
    ];
    writeFileSync(p('a.csv'), '\ufeff' + rows.map((r) => r.map((c) => (/[,"]/u.test(c) ? `"${c.replace(/"/gu, '""')}"` : c)).join(',')).join('\r\n') + '\r\n');
    const report = await redactFile(engine, p('a.csv'), p('a.out.csv'), { preset: 'aid_list' });
    const raw = readFileSync(p('a.out.csv'), 'utf8');
    expect(raw.startsWith('\ufeff')).toBe(true);
    const out = parse(raw, { bom: true }) as string[][];
    expect(out[0]).toEqual(rows[0]);
    expect(out[1]).toEqual(['1', '李**', '', '松溪县', '某学校', '', '张*、赵**', '', '', '李**成绩好']);
    // Names no dictionary knows, an address without a county: the column decides.
    expect(out[2]).toEqual(['2', '钱**', '', '某地', '某学校', '', '孙**', '', '', '无']);
    expect(out[3]).toEqual(['3', '', '', '', '', '', '', '', '', '王*,"来访"']);
    expect(report.entries.find((e) => e.location === '第3行 儿童姓名')!.rule).toBe('column:儿童姓名');
    // 编号 has no telling header: the sampled content (ID numbers) classified it.
    expect(report.entries.filter((e) => e.location?.endsWith('编号')).every((e) => e.type === 'ID_CARD')).toBe(true);
    expect(raw).not.toMatch(/李小花|钱多多|孙二娘|13905991234|双源村/u);
  });

  it('consistent 化名 across rows (news)', async () => {
    writeFileSync(p('n.csv'), '姓名,备注\n李小花,好\n王芳,李小花的同学\n李小花,再次来访\n');
    await redactFile(engine, p('n.csv'), p('n.out.csv'), { preset: 'news' });
    expect(readFileSync(p('n.out.csv'), 'utf8')).toBe('姓名,备注\n小A,好\n小B,小A的同学\n小A,再次来访\n');
  });

  it('malformed CSV, invalid UTF-8 and over-long records are validation errors', async () => {
    writeFileSync(p('q.csv'), '姓名,备注\n"李小花,好\n');
    await expect(redactFile(engine, p('q.csv'), p('q.out.csv'))).rejects.toMatchObject({ code: 'HUTONG_VALIDATION' });
    writeFileSync(p('u.csv'), Buffer.concat([Buffer.from('姓名\n'), Buffer.from([0xff, 0x0a])]));
    await expect(redactFile(engine, p('u.csv'), p('u.out.csv'))).rejects.toThrow('第 7 字节');
    writeFileSync(p('l.csv'), '姓名\n' + 'x'.repeat(5000) + '\n');
    await expect(redactFile(engine, p('l.csv'), p('l.out.csv'), { maxLineBytes: 1000 })).rejects.toMatchObject({ code: 'HUTONG_VALIDATION' });
    writeFileSync(p('b.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    await expect(redactFile(engine, p('b.csv'), p('b.out.csv'))).rejects.toThrow('压缩包');
  });

  it('streams a 50 MB file in bounded memory', async () => {
    const path = p('big.csv');
    const ws = createWriteStream(path);
    ws.write('序号,姓名,电话,备注\n');
    const filler = '这是一段用于测试的普通备注文字，没有任何个人信息。'.repeat(8);
    let i = 0;
    await new Promise<void>((resolve) => {
      const more = (): void => {
        let ok = true;
        while (ok && ws.bytesWritten + ws.writableLength < 50 * 1024 * 1024) {
          i++;
          ok = ws.write(`${i},李小花${i % 50},1390599${String(i % 10000).padStart(4, '0')},"${filler}张三"\n`);
        }
        if (ok) ws.end(resolve); else ws.once('drain', more);
      };
      more();
    });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const report = await redactFile(engine, path, p('big.out.csv'), {
      preset: 'judgment', maxReportEntries: 1000,
      onProgress: () => { peak = Math.max(peak, process.memoryUsage().rss); },
    });
    peak = Math.max(peak, process.memoryUsage().rss);
    if (process.env['HUTONG_DEBUG']) console.log('rss growth MB', (peak - before) / 1048576);
    expect(report.total).toBe(i * 3);
    expect(report.entries).toHaveLength(1000);
    expect(report.omitted).toBe(i * 3 - 1000);
    expect(statSync(p('big.out.csv')).size).toBeGreaterThan(40 * 1024 * 1024);
    // Reading the file whole holds it as a UTF-16 string (about twice its 50 MB) plus the output;
    // streaming stays near 30 MB. The limit leaves room for GC timing on a loaded machine.
    expect(peak - before).toBeLessThan(96 * 1024 * 1024);
    const head = readFileSync(p('big.out.csv'), 'utf8').slice(0, 300);
    // Streamed court style numbers a surname group as names arrive: 李某, 李某2, …
    expect(head).toContain('\n1,李某,,');
    expect(head).toContain('\n2,李某2,,');
  }, 180_000);
});
