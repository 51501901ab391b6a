import ExcelJS from 'exceljs';
import { HutongError } from '@hutong/core';
import { redactText } from '../redact.ts';
import type { EntityType } from '../types.ts';
import { classifyByContent, classifyHeader, redactCell } from './columns.ts';
import { SAMPLE_ROWS } from './csv.format.ts';
import { formatErrors } from './format-errors.ts';
import type { FormatContext } from './format-context.ts';

type CellValue = ExcelJS.CellValue;

/** A cell's text (formulas by their result), or null for values that cannot hold an identifier (booleans, errors, ordinary numbers and dates). */
function cellText(v: CellValue, type: EntityType | null): string | null {
  if (v == null || typeof v === 'boolean') return null;
  if (typeof v === 'string') return v;
  // A birth date stored as an Excel serial day number.
  if (typeof v === 'number' && type === 'DATE_OF_BIRTH' && v > 0 && v < 100_000) return new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
  // Phones and ID numbers are often typed in as numbers.
  if (typeof v === 'number') return type || (Number.isInteger(v) && Math.abs(v) >= 1e6) ? String(v) : null;
  if (v instanceof Date) return type === 'DATE_OF_BIRTH' ? v.toISOString().slice(0, 10) : null;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      return typeof r === 'string' || typeof r === 'number' ? String(r) : null;
    }
    if ('text' in v && typeof v.text === 'string') return v.text;
  }
  return null;
}

const SHEET_BAD = /[[\]:*?/\\]/gu;

/**
 * XLSX through exceljs' streaming reader and writer: one row in memory at a time after the
 * classification sample. Values are kept; styles, formulas whose results were processed and
 * hyperlinks are not (a link target can hold a phone number or e-mail). Styles are read so dates stay dates.
 */
export async function redactXlsxFile(ctx: FormatContext): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: ctx.outPath, useSharedStrings: false, useStyles: true });
  const usedNames = new Set<string>();
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(ctx.inPath, {
      worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore',
    });
    for await (const sheet of reader) {
      const rawName = (sheet as unknown as { name?: string }).name ?? `Sheet${usedNames.size + 1}`;
      // A sheet named after a child (张三家庭情况) is processed like any text.
      const named = redactText(ctx.engine, rawName, { policy: ctx.policy, state: ctx.state, location: '工作表名' });
      ctx.report.add(named.report);
      let name = (named.text.replace(SHEET_BAD, ' ').trim() || 'Sheet').slice(0, 31);
      for (let i = 2; usedNames.has(name); i++) name = `${name.slice(0, 28)}(${i})`;
      usedNames.add(name);
      const ws = writer.addWorksheet(name);
      let header: string[] | null = null;
      let types: (EntityType | null)[] = [];
      let sample: { no: number; values: CellValue[] }[] | null = [];
      const emit = (no: number, values: CellValue[]): void => {
        const outValues = values.map((v, c) => {
          if (c === 0) return null;
          const type = types[c] ?? null;
          const text = cellText(v, type);
          if (text === null) return v;
          const h = header?.[c] || `第${c}列`;
          const r = redactCell(ctx, text, type, `column:${h}`, `${name} 第${no}行 ${h}`);
          ctx.report.add(r.report);
          return r.text === text ? v : r.text;
        });
        ws.getRow(no).values = outValues;
        ws.getRow(no).commit();
      };
      const release = (): void => {
        if (!sample) return;
        classifyByContent(ctx.engine, sample.map((r) => r.values.map((v, c) => cellText(v, null) ?? (c === 0 ? '' : ''))), types);
        for (const r of sample) emit(r.no, r.values);
        sample = null;
      };
      for await (const row of sheet) {
        const values = (Array.isArray(row.values) ? row.values : []) as CellValue[];
        if (!header) {
          header = values.map((v) => cellText(v, null) ?? '');
          types = header.map((h, c) => (c === 0 ? null : classifyHeader(h)));
          const r = ws.getRow(row.number);
          r.values = values;
          r.commit();
          continue;
        }
        if (sample) {
          sample.push({ no: row.number, values });
          if (sample.length >= SAMPLE_ROWS) release();
        } else emit(row.number, values);
      }
      release();
      ws.commit();
    }
    await writer.commit();
  } catch (e) {
    if (e instanceof HutongError) throw e;
    // exceljs messages can quote cell content: say what, not what was inside.
    throw formatErrors.malformed(ctx.inPath, '不是有效的 XLSX 文件（无法解析）');
  }
}
