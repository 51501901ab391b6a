import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { Utf8WorkbookReader } from './xlsx-utf8-reader.ts';
import { errors } from '@hutong/core';

/** One spreadsheet row as text, numbered as the user sees it in Excel or WPS (header = row 1). */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Cells whose stored value cannot be trusted as text (e.g. an ID typed as a number). */
  issues: Array<{ col: number; message: string }>;
}

export type SheetFormat = 'csv' | 'xlsx';

export function sheetFormat(file: string): SheetFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.xls') throw errors.validation([{ field: 'file', message: '不支持旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）' }]);
  throw errors.validation([{ field: 'file', message: `无法识别的文件类型“${ext || '无扩展名'}”，请使用 .csv 或 .xlsx` }]);
}

/** Rows of the first worksheet (XLSX, streamed) or of a CSV file, header row included. */
export function readSheet(file: string): AsyncGenerator<SheetRow> {
  if (!fs.existsSync(file)) throw errors.validation([{ field: 'file', message: `文件不存在：${file}` }]);
  return sheetFormat(file) === 'csv' ? readCsv(file) : readXlsx(file);
}

/**
 * Offices save CSV from Excel in GB18030/GBK as often as in UTF-8. A file that is not valid
 * UTF-8 is read as GB18030 (a superset of GBK and GB2312); valid UTF-8 is almost never
 * accidentally valid GBK text of the same meaning, so the order matters.
 */
export function decodeText(buf: Buffer): string {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

async function* readCsv(file: string): AsyncGenerator<SheetRow> {
  // The whole file is decoded first: encoding detection needs all of it, and 100,000 rows are ~20 MB.
  const text = decodeText(fs.readFileSync(file));
  const parser = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: false });
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (record.every((c) => c.trim() === '')) continue;
      yield { row: info.lines, cells: record.map(unescapeCell), issues: [] };
    }
  } catch (err) {
    const e = err as { code?: string; lines?: number; message: string };
    throw errors.validation([{ field: 'file', message: `CSV 格式错误（第 ${e.lines ?? '?'} 行附近）：${e.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : e.message}` }]);
  }
}

/** Export prefixes a formula-looking cell with ' (CSV injection); undo that on the way back in. */
function unescapeCell(s: string): string {
  return /^'[=+\-@\t\r]/u.test(s) ? s.slice(1) : s;
}

async function* readXlsx(file: string): AsyncGenerator<SheetRow> {
  // Streaming: a 100,000-row workbook never sits in memory whole. Styles are cached so date
  // cells arrive as dates rather than serial numbers.
  const reader = new Utf8WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]) ?? [];
        const cells: string[] = [];
        const issues: SheetRow['issues'] = [];
        for (let c = 1; c < values.length; c++) {
          const { text, issue } = cellText(values[c]);
          cells[c - 1] = text;
          if (issue) issues.push({ col: c - 1, message: issue });
        }
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        if (cells.every((c) => c.trim() === '')) continue;
        yield { row: row.number, cells, issues };
      }
      return; // the first worksheet only: a second sheet is usually notes or a code list
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'HUTONG_VALIDATION') throw err;
    throw errors.validation([{ field: 'file', message: `无法读取 XLSX 文件：${(err as Error).message}` }]);
  }
}

function cellText(v: unknown): { text: string; issue?: string } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') {
    // An 18-digit ID typed into a number cell has already lost its last digits in Excel.
    if (!Number.isSafeInteger(v) && Math.abs(v) > 1e15) return { text: String(v), issue: '单元格为数字格式，长数字已丢失精度；请将该列设为“文本”格式后重新录入' };
    return { text: String(v) };
  }
  if (typeof v === 'boolean') return { text: v ? '是' : '否' };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return { text: o.richText.map((r) => r.text).join('') };
    if ('result' in o) return cellText(o.result);
    if (o.error) return { text: '', issue: `单元格含错误值 ${o.error}` };
    if (o.text !== undefined) return cellText(o.text);
  }
  return { text: String(v) };
}
