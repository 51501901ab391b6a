import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { errors, HutongError } from '@hutong/core';
import { FILE_FORMATS, redactFile, reportToCsv, reportToMarkdown, type FileReport, type PresetName, type ReportEntry } from '@hutong/redact';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { engineForRequest } from './redact.service.ts';
import { MAX_FILE_BYTES, MAX_FILE_REPORT_ENTRIES } from './redact-file.schema.ts';

export interface FileBody {
  filename: string;
  contentBase64: string;
  preset: PresetName;
  policy?: Record<string, unknown> | undefined;
  useRegistry?: boolean | undefined;
}

const SUPPORTED = Object.keys(FILE_FORMATS).join(' ');
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

export const fileTooLarge = (): HutongError =>
  new HutongError(413, 'HUTONG_FILE_TOO_LARGE', `文件超过 ${MAX_FILE_BYTES / 1048576} MB，无法在线处理。请拆分文件，或在本机使用命令行 hutong redact 处理`);

/** Whatever the name says, only its last part and its extension reach the disk. */
function safeName(filename: string): { stem: string; ext: string } {
  const base = basename(filename.replace(/\\/gu, '/'));
  const ext = extname(base).toLowerCase();
  const stem = base.slice(0, base.length - ext.length).replace(/[\u0000-\u001f]/gu, '') || '文件';
  return { stem, ext };
}

/** The engine names files by path; the caller knows only the name it sent, and the temp dir is ours. */
function renamed(e: HutongError, tmpPath: string, filename: string): HutongError {
  const swap = (s: string) => s.split(tmpPath).join(filename);
  const fields = (e.details.fields ?? []).map((f) => ({ ...f, field: swap(f.field), message: swap(f.message) }));
  return new HutongError(e.statusCode, e.code, swap(e.message), { ...e.details, fields });
}

/**
 * Process an uploaded file with a preset: decoded into a private temp dir, processed by the same
 * engine as the CLI, read back and the dir removed whatever happens. Nothing is kept or logged.
 */
export async function redactFileFor(ctx: AppContext, actor: Actor, body: FileBody): Promise<{ filename: string; contentBase64: string; report: FileReport & { entries: ReportEntry[] } }> {
  const { stem, ext } = safeName(body.filename);
  if (!(ext in FILE_FORMATS)) throw errors.validation([{ field: 'filename', message: `不支持的文件类型“${ext || '无扩展名'}”，可处理：${SUPPORTED}` }]);
  const b64 = body.contentBase64.replace(/\s+/gu, '');
  if (!BASE64.test(b64) || b64.length % 4 === 1) throw errors.validation([{ field: 'contentBase64', message: '文件内容不是有效的 Base64 编码' }]);
  if (Math.floor(b64.length / 4) * 3 > MAX_FILE_BYTES + 2) throw fileTooLarge();
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw fileTooLarge();
  if (!bytes.length) throw errors.validation([{ field: 'contentBase64', message: '文件是空的' }]);

  const engine = await engineForRequest(ctx, actor, body.useRegistry);
  const dir = await mkdtemp(join(tmpdir(), 'hutong-upload-'));
  const inPath = join(dir, `input${ext}`);
  const outPath = join(dir, `output${ext}`);
  try {
    await writeFile(inPath, bytes, { mode: 0o600 });
    const report = await redactFile(engine, inPath, outPath, {
      preset: body.preset, ...(body.policy ? { policy: body.policy } : {}), maxReportEntries: MAX_FILE_REPORT_ENTRIES,
    });
    const out = await readFile(outPath);
    return { filename: `${stem}-技术处理${ext}`, contentBase64: out.toString('base64'), report: { ...report, counts: { ...report.counts }, entries: [...report.entries], file: `${stem}${ext}` } };
  } catch (e) {
    throw e instanceof HutongError ? renamed(e, inPath, `${stem}${ext}`) : e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The review report as a reviewer's CSV (Excel opens it: BOM) or Markdown table, by the engine's own writer. */
// A type the engine does not know (a report from another version) is printed by its key: hence the loose input.
export function reportFile(report: Omit<FileReport, 'entries'> & { entries: readonly object[] }, format: 'csv' | 'markdown'): { filename: string; mediaType: string; content: string } {
  const stem = report.file.replace(/\.[^.]*$/u, '') || '文本';
  return format === 'csv'
    ? { filename: `${stem}-审核报告.csv`, mediaType: 'text/csv;charset=utf-8', content: reportToCsv(report as FileReport) }
    : { filename: `${stem}-审核报告.md`, mediaType: 'text/markdown;charset=utf-8', content: reportToMarkdown(report as FileReport) };
}
