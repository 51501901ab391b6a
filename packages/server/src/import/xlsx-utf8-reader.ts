import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

/**
 * exceljs 4.4's streaming reader decodes each compressed chunk to text on its own, so a Chinese
 * character split across two chunks turns into "��" — about one name in a few thousand, silently
 * (exceljs issues #2063, #2084). This subclass hands it text instead: shared strings through
 * setEncoding, worksheets through a streaming UTF-8 decoder. It relies on two internal methods;
 * if a future exceljs renames them the reader refuses to run rather than corrupt names again.
 */
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterable: AsyncIterable<unknown>, sheetNo: string): AsyncGenerator<unknown>;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader;
const base = Base.prototype as unknown as ReaderInternals;

async function* utf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) yield typeof c === 'string' ? c : decoder.write(c as Buffer);
  const rest = decoder.end();
  if (rest) yield rest;
}

export class Utf8WorkbookReader extends Base {
  constructor(input: string, options: ConstructorParameters<typeof Base>[1]) {
    if (typeof base._parseSharedStrings !== 'function' || typeof base._parseWorksheet !== 'function') {
      throw new Error('当前 exceljs 版本与 XLSX 读取修正不兼容，请把文件另存为 CSV（UTF-8）后导入');
    }
    super(input, options);
  }

  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    return base._parseSharedStrings.call(this, entry);
  }

  _parseWorksheet(iterable: AsyncIterable<unknown>, sheetNo: string): AsyncGenerator<unknown> {
    return base._parseWorksheet.call(this, utf8(iterable), sheetNo);
  }
}
