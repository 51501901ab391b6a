import { rename, rm, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { errors, HutongError } from '@hutong/core';
import { newDocState, toPolicy, type DetectingEngine } from '../redact.ts';
import type { FileReport } from '../report.types.ts';
import { redactCsvFile } from './csv.format.ts';
import { redactDocxFile } from './docx.format.ts';
import { ReportCollector, type RedactFileOptions } from './file-context.ts';
import { formatErrors } from './format-errors.ts';
import type { FormatContext } from './format-context.ts';
import { redactJsonlFile } from './jsonl.format.ts';
import { redactMarkdownFile } from './markdown.format.ts';
import { redactTextFile } from './text.format.ts';
import { redactXlsxFile } from './xlsx.format.ts';

export const FILE_FORMATS = {
  '.txt': redactTextFile,
  '.md': redactMarkdownFile,
  '.markdown': redactMarkdownFile,
  '.jsonl': redactJsonlFile,
  '.ndjson': redactJsonlFile,
  '.csv': redactCsvFile,
  '.xlsx': redactXlsxFile,
  '.docx': redactDocxFile,
} as const;

/**
 * Process one file into another of the same format, chosen by the input's extension (.txt .md
 * .jsonl .csv .xlsx .docx). Text, Markdown, JSONL, CSV and XLSX stream in bounded memory; DOCX
 * is read whole (capped at 200 MB). One DocState spans the file, so a name gets the same 化名
 * in every row.
 *
 * The output appears only when processing succeeded (written to `<out>.partial`, then renamed);
 * hostile input (invalid UTF-8, binary, over-long lines, broken zip) is a HUTONG_VALIDATION
 * HutongError naming the file and where.
 *
 * @returns The report: counts per type over the whole file, entries up to `maxReportEntries`.
 */
export async function redactFile(engine: DetectingEngine, inPath: string, outPath: string, opts: RedactFileOptions = {}): Promise<FileReport> {
  const ext = extname(inPath).toLowerCase() as keyof typeof FILE_FORMATS;
  const handler = FILE_FORMATS[ext];
  if (!handler) throw formatErrors.unsupported(inPath);
  if (resolve(inPath) === resolve(outPath)) throw errors.validation([{ field: outPath, message: '输出文件不能与输入文件相同' }]);
  let size: number;
  try { size = (await stat(inPath)).size; } catch {
    throw errors.validation([{ field: inPath, message: '无法读取输入文件' }]);
  }
  const policy = toPolicy(opts);
  const report = new ReportCollector(opts, size);
  const tmp = `${outPath}.partial`;
  const ctx: FormatContext = { engine, inPath, outPath: tmp, policy, state: newDocState(engine, policy, opts.avoidNames), report, opts };
  try {
    await handler(ctx);
    await rename(tmp, outPath);
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof HutongError) throw e;
    if ((e as { code?: string }).code === 'ENOENT') throw errors.validation([{ field: inPath, message: '文件不存在' }]);
    throw e;
  }
  report.progress(size, true);
  return {
    file: inPath, format: ext.slice(1), preset: policy.preset, counts: report.counts, total: report.total,
    flagged: report.flagged, entries: report.entries, omitted: report.omitted,
  };
}
