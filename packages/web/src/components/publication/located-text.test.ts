/**
 * The console reads a DOCX's paragraphs and an XLSX's or CSV's cells to show them beside the
 * processed file. These tests run the real engine on each format and check that every finding's
 * location names a paragraph or cell the console finds in both files, and that the draft's text
 * there with the report's replacements is exactly the processed text: the mirror of the engine
 * holds. Synthetic names only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedactEngine, redactFile, type FileReport } from '@hutong/redact';
import type { PublicationFinding } from '../../api/publications.ts';
import { csvRows, locatedTexts, locationKey } from './located-text.ts';
import { processedSpans, withinLocation } from './text-spans.ts';
import { zipTexts } from './zip-entries.ts';

let engine: RedactEngine;
let dir: string;
beforeAll(() => {
  engine = new RedactEngine();
  dir = mkdtempSync(join(tmpdir(), 'hutong-located-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asFindings = (r: FileReport): PublicationFinding[] => r.entries.map((e, i) => ({
  id: String(i), type: e.type, action: e.operator, article: e.article, replacement: e.replacement, start: e.start, end: e.end, score: e.score,
  ...(e.location ? { location: e.location } : {}),
}));

/** Runs the engine on `name`, reads both versions as the console does, and checks every location. */
async function roundTrip(name: string, bytes: Buffer): Promise<{ report: FileReport; before: Map<string, string>; after: Map<string, string>; keys: string[] }> {
  writeFileSync(join(dir, name), bytes);
  const out = join(dir, `out-${name}`);
  const report = await redactFile(engine, join(dir, name), out, { preset: 'aid_list' });
  const original = await locatedTexts(name, new Blob([new Uint8Array(bytes)]));
  const processed = await locatedTexts(name, new Blob([new Uint8Array(readFileSync(out))]));
  expect(original && processed).toBeTruthy();
  const findings = asFindings(report);
  const locations = [...new Set(findings.map((f) => f.location!))];
  expect(locations.length).toBeGreaterThan(0);
  const keys: string[] = [];
  for (const location of locations) {
    const key = locationKey(location, processed!.sheets);
    keys.push(key);
    const before = original!.texts.get(key), after = processed!.texts.get(key);
    expect(before, `draft text at ${location}`).toBeDefined();
    expect(after, `processed text at ${location}`).toBeDefined();
    // A sheet's name is also cleaned of characters Excel forbids (the mask's *), so it cannot be rebuilt: shown unmarked.
    if (location !== '工作表名') expect(processedSpans(before!, withinLocation(findings, location), after!), `rebuilt ${location}`).not.toBeNull();
  }
  return { report, before: original!.texts, after: processed!.texts, keys };
}

describe('locatedTexts mirrors the engine', () => {
  it('XLSX: cells by processed sheet name, row and header; shared strings and rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('林小禾获奖名单');
    ws.addRow(['姓名', '身份证号', '奖项']);
    ws.addRow(['郑雨桐', '350102201001011234', '书法一等奖']);
    ws.addRow([{ richText: [{ text: '陈' }, { text: '思语', font: { bold: true } }] }, '', '绘画二等奖']);
    const { report, before, after, keys } = await roundTrip('名单.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    // The sheet's own name is processed, so locations name the processed sheet: the console maps it by position.
    expect(report.entries.some((e) => e.location === '工作表名')).toBe(true);
    expect(keys).toContain('#0 第2行 姓名');
    expect(before.get('#0 第2行 姓名')).toBe('郑雨桐');
    expect(before.get('#0 第3行 姓名')).toBe('陈思语');
    expect(after.get('#0 第2行 姓名')).not.toContain('郑雨桐');
  });

  it('DOCX: paragraphs numbered across parts, a name split over runs, entities unescaped', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', `<w:document ${W}><w:body><w:p><w:r><w:t>关于</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>郑</w:t></w:r><w:r><w:t>雨桐的事迹 &amp; 表彰</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>无个人信息的段落。</w:t></w:r></w:p><w:p><w:r><w:t>监护人电话13905991234。</w:t></w:r></w:p></w:body></w:document>`);
    zip.file('word/footer1.xml', `<w:ftr ${W}><w:p><w:r><w:t>联系人：陈思语</w:t></w:r></w:p></w:ftr>`);
    const { before, keys } = await roundTrip('通讯.docx', await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(before.get('word/document.xml 第1段')).toBe('关于郑雨桐的事迹 & 表彰');
    expect(keys).toEqual(expect.arrayContaining(['word/document.xml 第1段', 'word/document.xml 第3段', 'word/footer1.xml 第4段']));
  });

  it('CSV: rows numbered as a spreadsheet shows them, quoted cells with commas and line breaks', async () => {
    const csv = '\uFEFF姓名,备注\r\n郑雨桐,"家住鼓楼区，电话13905991234"\r\n陈思语,"两行\r\n备注"\r\n';
    const { before, keys } = await roundTrip('名单.csv', Buffer.from(csv, 'utf8'));
    expect(keys).toEqual(expect.arrayContaining(['第2行 姓名', '第3行 姓名']));
    expect(before.get('第2行 备注')).toBe('家住鼓楼区，电话13905991234');
    expect(before.get('第3行 备注')).toBe('两行\r\n备注');
  });
});

describe('bad input', () => {
  it('a file that is not a zip is refused, not misread', async () => {
    await expect(zipTexts(new TextEncoder().encode('PK\u0003\u0004 这不是压缩包').buffer as ArrayBuffer, () => true)).rejects.toThrow('不是有效的压缩包');
    await expect(locatedTexts('a.docx', new Blob(['不是压缩包']))).rejects.toThrow();
    expect(await locatedTexts('a.txt', new Blob(['正文']))).toBeNull();
  });

  it('csvRows keeps empty cells and a last line without a newline', () => {
    expect(csvRows('a,,c\n"x""y",\nlast')).toEqual([['a', '', 'c'], ['x"y', ''], ['last']]);
  });
});
