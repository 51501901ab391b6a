import { errors, type HutongError } from '@hutong/core';

const size = (bytes: number): string => (bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${bytes} 字节`);

/** Hostile or broken input ends in a HUTONG_VALIDATION error that says what and where, never a crash. */
export const formatErrors = {
  invalidUtf8: (file: string, offset: number): HutongError =>
    errors.validation([{ field: file, message: `不是有效的 UTF-8 文本：第 ${offset} 字节（从 0 计）处编码无效，请先转换为 UTF-8` }]),
  binary: (file: string, what = '二进制文件'): HutongError =>
    errors.validation([{ field: file, message: `看起来是${what}，不是所选格式的文本文件，已拒绝处理` }]),
  lineTooLong: (file: string, line: number, limit: number): HutongError =>
    errors.validation([{ field: file, row: line, message: `第 ${line} 行超过 ${size(limit)}，疑似非文本或损坏，已拒绝处理` }]),
  malformed: (file: string, message: string, line?: number): HutongError =>
    errors.validation([{ field: file, message: line ? `第 ${line} 行：${message}` : message, ...(line ? { row: line } : {}) }]),
  unsupported: (file: string): HutongError =>
    errors.validation([{ field: file, message: '不支持的文件类型，可处理：.txt .md .jsonl .csv .xlsx .docx' }]),
  tooLarge: (file: string, limit: number): HutongError =>
    errors.validation([{ field: file, message: `文件超过 ${size(limit)}，此格式需整体读入内存，已拒绝处理` }]),
};
