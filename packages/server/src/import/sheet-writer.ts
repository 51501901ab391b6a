import fs from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { SheetFormat } from './sheet-reader.ts';

export interface SheetWriter {
  write(cells: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Streams rows to a new file readable only by its owner (0600): an export of children's data is
 * itself personal information (第三条) and must not be left world-readable on a shared server.
 */
export async function openSheetWriter(file: string, format: SheetFormat, sheetName = '儿童名册'): Promise<SheetWriter> {
  const fd = fs.openSync(file, 'wx', 0o600);
  const out = fs.createWriteStream('', { fd });
  if (format === 'csv') return csvWriter(out);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet(sheetName);
  return {
    async write(cells) {
      ws.addRow([...cells]).commit();
    },
    async close() {
      ws.commit();
      await wb.commit();
      if (!out.closed) await once(out, 'close');
    },
  };
}

function csvWriter(out: fs.WriteStream): SheetWriter {
  // UTF-8 with BOM: Excel and WPS on Chinese Windows otherwise open it as GBK and garble it.
  const csv = stringify({ bom: true, record_delimiter: '\r\n' });
  csv.pipe(out);
  return {
    async write(cells) {
      if (!csv.write(cells.map(neutraliseFormula))) await once(csv, 'drain');
    },
    async close() {
      csv.end();
      await once(out, 'close');
    },
  };
}

/** A cell starting with = + - @ would run as a formula when the CSV is opened (CSV injection). */
function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/u.test(s) ? `'${s}` : s;
}
