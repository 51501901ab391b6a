import { errors, HutongError } from '@hutong/core';

const ARTICLE = '《困境儿童个人信息保护工作办法》第十四条';

/**
 * Bad input is a HUTONG_VALIDATION error naming the file or option (as formats/format-errors.ts
 * does for text files); a broken or missing tool is HUTONG_MEDIA_TOOL (5xx: the server hides
 * the message, the CLI shows it). Every failure means no output at all.
 */
export const audioErrors = {
  unsupported: (file: string): HutongError =>
    errors.validation([{ field: file, message: '不支持的录音格式，可处理：.wav .mp3' }]),
  notAudio: (file: string, label: string): HutongError =>
    errors.validation([{ field: file, message: `文件内容不是 ${label} 录音（文件头不符），已拒绝处理` }]),
  corrupt: (file: string): HutongError =>
    errors.validation([{ field: file, message: '录音已损坏（文件不完整或有无法解码的部分）；为免时间轴错位而漏掉须静音的内容，已拒绝处理' }]),
  empty: (file: string): HutongError =>
    errors.validation([{ field: file, message: '录音中没有音频内容，无需处理' }]),
  option: (field: string, message: string): HutongError =>
    errors.validation([{ field, message }]),
  pitchTooSmall: (value: number): HutongError =>
    errors.validation([{ field: 'pitchSemitones', message: `变调 ${value} 个半音不足以使声音无法辨认（${ARTICLE}：声音须做技术处理），绝对值须在 2 到 12 之间` }]),
  transcript: (message: string, line?: number): HutongError =>
    errors.validation([{ field: 'transcript', message: line ? `第 ${line} 行：${message}` : message, ...(line ? { row: line } : {}) }]),
  /** `cause` (the tool's stderr) reaches the server log, not the response. */
  tool: (tool: string, what: string, cause?: unknown): HutongError =>
    Object.assign(new HutongError(500, 'HUTONG_MEDIA_TOOL', `录音处理工具 ${tool} ${what}，未输出任何内容`, { tool }), cause ? { cause } : {}),
};
