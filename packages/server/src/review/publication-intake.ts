import { basename, extname } from 'node:path';
import { errors, HutongError, type FieldProblem } from '@hutong/core';

/**
 * Uploaded files, checked before anything is processed or stored: known types only, none empty,
 * none too large, unique names, and a transcript (.vtt/.srt) only beside the recording it
 * transcribes (same name). Every problem is reported at once; nothing is written on any.
 */
export type FileRole = 'document' | 'image' | 'audio' | 'transcript';

const TYPES: Readonly<Record<string, { role: FileRole; mediaType: string }>> = Object.freeze({
  '.txt': { role: 'document', mediaType: 'text/plain; charset=utf-8' },
  '.md': { role: 'document', mediaType: 'text/markdown; charset=utf-8' },
  '.csv': { role: 'document', mediaType: 'text/csv; charset=utf-8' },
  '.docx': { role: 'document', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  '.xlsx': { role: 'document', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  '.jpg': { role: 'image', mediaType: 'image/jpeg' },
  '.jpeg': { role: 'image', mediaType: 'image/jpeg' },
  '.png': { role: 'image', mediaType: 'image/png' },
  '.webp': { role: 'image', mediaType: 'image/webp' },
  '.wav': { role: 'audio', mediaType: 'audio/wav' },
  '.mp3': { role: 'audio', mediaType: 'audio/mpeg' },
  '.vtt': { role: 'transcript', mediaType: 'text/vtt; charset=utf-8' },
  '.srt': { role: 'transcript', mediaType: 'application/x-subrip; charset=utf-8' },
});
export const SUPPORTED_EXTENSIONS = Object.keys(TYPES);

/** 10 MB a file decoded (as /api/redact/file), 30 MB a submission. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 30 * 1024 * 1024;
export const MAX_FILES = 20;
/** Base64 grows 4/3, plus the other fields; past this Fastify answers 413 before parsing. */
export const SUBMISSION_BODY_LIMIT = Math.ceil(MAX_TOTAL_BYTES / 3) * 4 + 1024 * 1024;

export interface UploadedFile {
  readonly filename: string;
  readonly contentBase64: string;
}

export interface IntakeFile {
  readonly position: number;
  /** The last path part, control characters removed: never a path. */
  readonly name: string;
  readonly stem: string;
  readonly ext: string;
  readonly role: FileRole;
  readonly mediaType: string;
  readonly bytes: Buffer;
  /** For a recording: the position of its transcript. */
  transcript?: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

export const submissionTooLarge = (): HutongError =>
  new HutongError(413, 'HUTONG_FILE_TOO_LARGE', `送审文件过大：每个文件不超过 ${MAX_FILE_BYTES / 1048576} MB，合计不超过 ${MAX_TOTAL_BYTES / 1048576} MB`);

export function safeName(filename: string): { name: string; stem: string; ext: string } {
  const base = basename(filename.replace(/\\/gu, '/')).replace(/[\u0000-\u001f\u007f]/gu, '').trim();
  const ext = extname(base).toLowerCase();
  const stem = base.slice(0, base.length - ext.length).trim() || '文件';
  return { name: `${stem}${ext}`, stem, ext };
}

/** The type of a file by its extension, or undefined when it cannot be reviewed. */
export function fileType(ext: string): { role: FileRole; mediaType: string } | undefined {
  return TYPES[ext];
}

/** Sets each recording's `transcript` to its same-named .vtt/.srt; problems for transcripts without one. */
export function pairTranscripts(files: IntakeFile[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const t of files.filter((x) => x.role === 'transcript')) {
    const audio = files.find((a) => a.role === 'audio' && a.stem === t.stem);
    if (!audio) problems.push({ field: `files[${t.position}]`, message: `“${t.name}”：转写稿须与同名录音一起送审（如 ${t.stem}.mp3）` });
    else if (audio.transcript !== undefined) problems.push({ field: `files[${t.position}]`, message: `“${t.name}”：录音 ${audio.name} 已有转写稿` });
    else audio.transcript = t.position;
  }
  return problems;
}

export function intakeFiles(files: readonly UploadedFile[]): IntakeFile[] {
  const problems: FieldProblem[] = [];
  const out: IntakeFile[] = [];
  if (!files.length) problems.push({ field: 'files', message: '请至少上传一个文件' });
  if (files.length > MAX_FILES) problems.push({ field: 'files', message: `一次最多送审 ${MAX_FILES} 个文件` });
  let total = 0;
  const seen = new Set<string>();
  files.slice(0, MAX_FILES).forEach((f, i) => {
    const field = `files[${i}]`;
    const { name, stem, ext } = safeName(f.filename);
    const type = TYPES[ext];
    if (!type) {
      problems.push({ field, message: `“${name}”：不支持的文件类型“${ext || '无扩展名'}”，可送审：${SUPPORTED_EXTENSIONS.join(' ')}（视频请导出音轨与截图分别送审）` });
      return;
    }
    if (seen.has(name.toLowerCase())) problems.push({ field, message: `“${name}”：文件名重复` });
    seen.add(name.toLowerCase());
    const b64 = f.contentBase64.replace(/\s+/gu, '');
    if (!BASE64.test(b64) || b64.length % 4 === 1) {
      problems.push({ field, message: `“${name}”：文件内容不是有效的 Base64 编码` });
      return;
    }
    if (Math.floor(b64.length / 4) * 3 > MAX_FILE_BYTES + 2) throw submissionTooLarge();
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length > MAX_FILE_BYTES) throw submissionTooLarge();
    total += bytes.length;
    if (!bytes.length) problems.push({ field, message: `“${name}”：文件是空的` });
    out.push({ position: out.length, name, stem, ext, role: type.role, mediaType: type.mediaType, bytes });
  });
  if (total > MAX_TOTAL_BYTES) throw submissionTooLarge();
  problems.push(...pairTranscripts(out));
  if (out.length && out.every((x) => x.role === 'transcript')) problems.push({ field: 'files', message: '只有转写稿，没有可发布的文件' });
  if (problems.length) throw errors.validation(problems);
  return out;
}
