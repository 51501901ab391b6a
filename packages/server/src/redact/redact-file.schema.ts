import { z } from 'zod';
import { PRESET_NAMES } from '@hutong/redact';
import { reportEntrySchema } from './redact.schema.ts';

/** 10 MB decoded: an aid list or a year's case files; a bigger file goes through `hutong redact`. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Base64 grows 4/3, plus the other fields; past this Fastify answers 413 before parsing. */
export const FILE_BODY_LIMIT = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 1024 * 1024;
/** A file's report is capped so the answer stays small; totals still count everything. */
export const MAX_FILE_REPORT_ENTRIES = 2000;

const preset = z.enum(PRESET_NAMES, { error: `未知的预设，可选：${PRESET_NAMES.join('、')}（新闻宣传、裁判文书、救助名单公示、统计）` });

export const fileBodySchema = z.object({
  filename: z.string({ error: 'filename：必填，应为文件名' }).trim().min(1, '文件名不能为空').max(255, '文件名过长'),
  contentBase64: z.string({ error: 'contentBase64：必填，应为 Base64 编码的文件内容' }),
  preset: preset.describe('处理预设：news 新闻宣传，judgment 裁判文书，aid_list 救助名单公示，stats 统计'),
  policy: z.record(z.string(), z.unknown()).optional().describe('处理策略（与 hutong redact --policy 文件相同：operators、keep）'),
  useRegistry: z.boolean().optional().describe('同时按本机构名册匹配（须有名册查阅权限；读取名册记入处理台账）'),
}).strict();

export const fileReportSchema = z.object({
  file: z.string(), format: z.string(), preset: z.string(), counts: z.record(z.string(), z.number()),
  total: z.number().int(), flagged: z.number().int(), entries: z.array(reportEntrySchema), omitted: z.number().int(),
});

export const fileResponseSchema = z.object({
  filename: z.string().describe('处理后文件的文件名'),
  contentBase64: z.string(),
  report: fileReportSchema.describe(`审核报告：计数覆盖全文，明细最多 ${MAX_FILE_REPORT_ENTRIES} 条（其余计入 omitted）`),
});

export const reportBodySchema = z.object({
  report: fileReportSchema,
  format: z.enum(['csv', 'markdown'], { error: '报告格式应为 csv 或 markdown' }),
}).strict();

export const reportResponseSchema = z.object({ filename: z.string(), mediaType: z.string(), content: z.string() });
