import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { errors } from '@hutong/core';
import type { RedactResult } from './redact.ts';
import type { FileReport, ReportEntry } from './report.types.ts';
import { ENTITY_TYPES, type EntityType } from './types.ts';

/** A report for a redactText result, in the same shape as redactFile's. */
export function textReport(result: RedactResult, preset: string, file = '(文本)'): FileReport {
  const counts: Record<string, number> = {};
  for (const e of result.report) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return {
    file, format: 'text', preset, counts, total: result.report.length,
    flagged: result.report.filter((e) => e.flag).length, entries: result.report, omitted: 0,
  };
}

const COLUMNS: readonly [keyof ReportEntry | 'typeName', string][] = [
  ['location', '位置'], ['start', '起'], ['end', '止'], ['typeName', '类型'], ['original', '原文（已遮盖）'],
  ['replacement', '处理后'], ['operator', '处理方式'], ['rule', '识别规则'], ['article', '依据'], ['flag', '提示'],
];

function cell(e: ReportEntry, k: (typeof COLUMNS)[number][0]): string {
  if (k === 'typeName') return ENTITY_TYPES[e.type as EntityType] ?? e.type;
  const v = e[k];
  return v === undefined ? '' : String(v);
}

export function reportToCsv(r: FileReport): string {
  return stringify([COLUMNS.map(([, h]) => h), ...r.entries.map((e) => COLUMNS.map(([k]) => cell(e, k)))], { bom: true });
}

const md = (s: string): string => s.replace(/\\/gu, '\\\\').replace(/\|/gu, '\\|').replace(/\r?\n/gu, ' ');

/** A reviewer's table: totals first, flagged entries called out, then every entry with its rule and article. */
export function reportToMarkdown(r: FileReport): string {
  const out: string[] = [
    `# 技术处理报告`, '',
    `- 文件：${md(r.file)}（${r.format}）`,
    `- 预设：${r.preset}`,
    `- 处理总数：${r.total}${r.omitted ? `（下表列出前 ${r.entries.length} 条，另有 ${r.omitted} 条仅计数）` : ''}`,
    ...Object.entries(r.counts).map(([t, n]) => `  - ${ENTITY_TYPES[t as EntityType] ?? t}：${n}`),
  ];
  if (r.flagged) out.push(`- **需人工复核：${r.flagged} 处**（见“提示”列）`);
  out.push('', `| ${COLUMNS.map(([, h]) => h).join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`);
  for (const e of r.entries) out.push(`| ${COLUMNS.map(([k]) => md(cell(e, k))).join(' | ')} |`);
  return out.join('\n') + '\n';
}

/** Write a report as .json, .md or .csv, by the path's extension. */
export async function writeReport(r: FileReport, path: string): Promise<void> {
  const ext = extname(path).toLowerCase();
  const body = ext === '.json' ? JSON.stringify(r, null, 2) + '\n' : ext === '.md' ? reportToMarkdown(r) : ext === '.csv' ? reportToCsv(r) : null;
  if (body === null) throw errors.validation([{ field: path, message: '报告格式应为 .json、.md 或 .csv' }]);
  await writeFile(path, body);
}
