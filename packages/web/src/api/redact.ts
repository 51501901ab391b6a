/** 技术处理 (第十三、十四条): the server detects and processes; the console only shows and downloads. */
import { http } from './client.ts';
// The type names come from the engine itself (a file of constants, no Node imports).
// The type names come from the engine itself; its types module imports nothing Node-only.
import { ENTITY_TYPES } from '@hutong/redact/types';

export { ENTITY_TYPES };
export type PresetName = 'news' | 'judgment' | 'aid_list' | 'stats';

/** Offsets are Unicode code points into the text sent, end exclusive. */
export interface RedactFinding {
  type: string;
  start: number;
  end: number;
  text: string;
  score: number;
  source: string;
}

export interface ReportEntry {
  type: string;
  start: number;
  end: number;
  original?: string;
  replacement: string;
  operator: string;
  rule: string;
  score: number;
  article: string;
  flag?: string;
  location?: string;
}

export interface FileReport {
  file: string;
  format: string;
  preset: string;
  counts: Record<string, number>;
  total: number;
  flagged: number;
  entries: ReportEntry[];
  omitted: number;
}

export interface TextResult {
  text: string;
  findings: RedactFinding[];
  /** One entry per finding, in the same order. */
  report: ReportEntry[];
}

export interface FileResult {
  filename: string;
  contentBase64: string;
  report: FileReport;
}

export interface ReportDownload {
  filename: string;
  mediaType: string;
  content: string;
}

export interface TextBody {
  text: string;
  preset: PresetName;
  /** `keep` lists texts the reviewer rejected: the server leaves them as written. */
  policy?: { keep: string[] };
  useRegistry?: boolean;
}

export const redactApi = {
  text: (body: TextBody) => http.post<TextResult>('/redact/text', body),
  file: (body: { filename: string; contentBase64: string; preset: PresetName; useRegistry?: boolean }) => http.post<FileResult>('/redact/file', body),
  report: (report: FileReport, format: 'csv' | 'markdown') => http.post<ReportDownload>('/redact/report', { report, format }),
};

/** A pasted text's report in the shape of a file's, so one set of download buttons serves both. */
export function textReport(entries: ReportEntry[], preset: string, file = '粘贴的文本'): FileReport {
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return { file, format: 'text', preset, counts, total: entries.length, flagged: entries.filter((e) => e.flag).length, entries, omitted: 0 };
}

export function typeName(type: string): string {
  return (ENTITY_TYPES as Record<string, string>)[type] ?? type;
}
