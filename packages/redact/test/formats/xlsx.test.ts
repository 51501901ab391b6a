import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { redactFile } from '../../src/index.ts';
import { ID1, stubEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const engine = stubEngine();
const p = tempDir();

async function makeWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('李小花家庭情况');
  ws.addRow(['序号', '姓名', '身份证号', '联系电话', '家庭住址', '困境类型', '出生日期', '备注']);
  ws.addRow([1, '李小花', ID1, 13905991234, '福建省南平市松溪县郑墩镇双源村12号', '孤儿', new Date(Date.UTC(2014, 2, 8)), { richText: [{ text: '监护人' }, { text: '张', font: { bold: true } }, { text: '三' }] }]);
  ws.addRow([2, '钱多多', '', '13905990000', '某某路1号', '留守儿童', new Date(Date.UTC(2012, 10, 20)), 3.5]);
  const other = wb.addWorksheet('汇总');
  other.addRow(['说明']);
  other.addRow(['本表由民政局提供，王芳审核']);
  other.addRow([new Date(Date.UTC(2024, 0, 2))]);
  await wb.xlsx.writeFile(path);
}

describe('XLSX (streamed)', () => {
  it('processes cells per column, sheet names, rich text and numeric phones; keeps other values', async () => {
    await makeWorkbook(p('a.xlsx'));
    const report = await redactFile(engine, p('a.xlsx'), p('a.out.xlsx'), { preset: 'judgment' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p('a.out.xlsx'));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['李某家庭情况', '汇总']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '姓名', '身份证号', '联系电话', '家庭住址', '困境类型', '出生日期', '备注']);
    const r2 = ws.getRow(2).values as unknown[];
    expect(r2.slice(1)).toEqual([1, '李某', `${ID1.slice(0, 4)}**********${ID1.slice(-4)}`, undefined, '松溪县', '儿童', '2014年', '监护人张某']);
    const r3 = ws.getRow(3).values as unknown[];
    expect(r3.slice(1)).toEqual([2, '钱某', undefined, undefined, '某地', '儿童', '2012年', 3.5]);
    expect(wb.worksheets[1]!.getRow(2).values).toEqual([undefined, '本表由民政局提供，王某审核']);
    // An ordinary date stays a date (styles are read, so it is not a bare serial number).
    expect(wb.worksheets[1]!.getRow(3).getCell(1).value).toEqual(new Date(Date.UTC(2024, 0, 2)));
    expect(report.format).toBe('xlsx');
    expect(report.entries.some((e) => e.location === '工作表名')).toBe(true);
  });

  it('a file that is not a workbook is a validation error', async () => {
    writeFileSync(p('bad.xlsx'), '这不是表格');
    await expect(redactFile(engine, p('bad.xlsx'), p('bad.out.xlsx'))).rejects.toMatchObject({ code: 'HUTONG_VALIDATION' });
  });
});
