import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { errors, HutongError } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { orgsService } from '../orgs/index.ts';
import { HEADERS } from './import-columns.ts';
import { importChildren, type ImportReport } from './import.service.ts';
import { MAX_IMPORT_BYTES, MAX_LISTED_PROBLEMS, type ImportBody, type ImportReportDto } from './import.schema.ts';
import { sheetFormat, type SheetFormat } from './sheet-reader.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;
/** A leftover of a process that died mid-import is removed by the next import after this long. */
const STALE_MS = 60 * 60 * 1000;
const ARTICLE_4 = '《困境儿童个人信息保护工作办法》第四条';

export const importFileTooLarge = (): HutongError =>
  new HutongError(413, 'HUTONG_FILE_TOO_LARGE', `文件超过 ${MAX_IMPORT_BYTES / 1048576} MB，无法在线导入。请把名册拆成几个文件，或在服务器上使用命令行 hutong import children 导入`);

/** Whatever path the browser sends, only its last part is shown back. */
function uploadedName(filename: string): string {
  return basename(filename.replace(/\\/gu, '/')).replace(/[\u0000-\u001f]/gu, '') || '名册';
}

function decode(contentBase64: string): Buffer {
  const b64 = contentBase64.replace(/\s+/gu, '');
  if (!BASE64.test(b64) || b64.length % 4 === 1) throw errors.validation([{ field: 'contentBase64', message: '文件内容不是有效的 Base64 编码' }]);
  if (Math.floor(b64.length / 4) * 3 > MAX_IMPORT_BYTES + 2) throw importFileTooLarge();
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw importFileTooLarge();
  if (!bytes.length) throw errors.validation([{ field: 'contentBase64', message: '文件是空的，请选择填好的名册' }]);
  return bytes;
}

/** The extension decides the reader; a renamed file of another kind is named as such, not half-read. */
function checkContent(format: SheetFormat, bytes: Buffer, name: string): void {
  if (format === 'xlsx' && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw errors.validation([{ field: 'contentBase64', message: `“${name}”不是有效的 XLSX 工作簿（可能是改了扩展名的其他文件）。请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）` }]);
  }
  if (format === 'csv' && bytes.includes(0)) {
    throw errors.validation([{ field: 'contentBase64', message: `“${name}”不是 CSV 文本（含二进制数据）。请上传 .csv 或 .xlsx 名册` }]);
  }
}

/** The reader names files by path; the caller knows only the name it sent. */
function renamed(e: HutongError, tmpPath: string, name: string): HutongError {
  const swap = (s: string) => s.split(tmpPath).join(name);
  const fields = (e.details.fields ?? []).map((f) => ({ ...f, field: swap(f.field), message: swap(f.message) }));
  return new HutongError(e.statusCode, e.code, swap(e.message), { ...e.details, fields });
}

async function sweepStale(dir: string): Promise<void> {
  try {
    for (const entry of await readdir(dir)) {
      if (!entry.startsWith('import-')) continue;
      const at = join(dir, entry);
      if (Date.now() - (await stat(at)).mtimeMs > STALE_MS) await rm(at, { recursive: true, force: true });
    }
  } catch { /* another import removed it first, or the dir is new: nothing to sweep */ }
}

function toDto(r: ImportReport, name: string): ImportReportDto {
  return { ...r, file: name, problems: r.problems.slice(0, MAX_LISTED_PROBLEMS), problemsOmitted: Math.max(0, r.problems.length - MAX_LISTED_PROBLEMS) };
}

/**
 * A roster uploaded in the console, imported by the same importChildren as `hutong import
 * children` (same row checks, lawful-basis decision and one 收集 entry per child), into the
 * actor's own org (谁主管谁负责). The file is written to a private dir under the data dir —
 * the volume already trusted with children's data, unlike a shared /tmp — and removed whatever
 * happens. A bad row without skipInvalid refuses the whole file (400, the report attached).
 */
export async function importUpload(ctx: AppContext, actor: Actor, body: ImportBody): Promise<ImportReportDto> {
  if (!actor.orgId) throw errors.forbidden('您的账号未归属任何机构，不能导入儿童信息（谁主管谁负责）', ARTICLE_4);
  const name = uploadedName(body.filename);
  const format = (() => {
    try {
      return sheetFormat(name);
    } catch (e) {
      throw e instanceof HutongError ? new HutongError(e.statusCode, e.code, e.message, { fields: (e.details.fields ?? []).map((f) => ({ ...f, field: 'filename' })) }) : e;
    }
  })();
  const bytes = decode(body.contentBase64);
  checkContent(format, bytes, name);
  const org = await orgsService.getOrg(ctx, actor.orgId);

  const root = join(ctx.config.dataDir, 'tmp');
  await mkdir(root, { recursive: true, mode: 0o700 });
  await sweepStale(root);
  const dir = await mkdtemp(join(root, 'import-'));
  const file = join(dir, `upload.${format}`);
  let report: ImportReport;
  try {
    await writeFile(file, bytes, { mode: 0o600 });
    report = await importChildren(ctx, { file, org, actor, skipInvalid: body.skipInvalid === true, dryRun: body.dryRun === true });
  } catch (e) {
    throw e instanceof HutongError ? renamed(e, file, name) : e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  if (report.rows === 0) throw errors.validation([{ field: 'contentBase64', message: `“${name}”只有表头，没有儿童数据行` }]);
  const dto = toDto(report, name);
  if (report.refused && !report.dryRun) {
    throw new HutongError(400, 'HUTONG_IMPORT_REFUSED',
      `未导入任何数据：文件中有 ${report.invalid} 行有问题。请改正后重新导入，或选择“跳过有问题的行”只导入无误的 ${report.valid} 行`,
      { fields: dto.problems.map((p) => ({ field: p.field, message: `第 ${p.row} 行 ${p.column}：${p.message}`, row: p.row })), report: dto });
  }
  return dto;
}

/** The header row the importer accepts, with a BOM so Excel and WPS open it as UTF-8. */
export function importTemplate(): { filename: string; content: string } {
  return { filename: '儿童名册导入模板.csv', content: `\uFEFF${HEADERS.join(',')}\r\n` };
}
