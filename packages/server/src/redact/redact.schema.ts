import { z } from 'zod';
import { ENTITY_TYPE_KEYS, PRESET_NAMES } from '@hutong/redact';

/** 100 万字 per request: a long judgment or a year's news fits; more goes through `hutong redact`. */
export const MAX_TEXT_CHARS = 1_000_000;
/** UTF-8 is at most 3 bytes per BMP character, plus JSON escaping and the other fields. */
export const BODY_LIMIT = 4 * 1024 * 1024;

const text = z.string({ error: 'text：必填，应为字符串' }).max(MAX_TEXT_CHARS, `文本过长：一次最多 ${MAX_TEXT_CHARS / 10_000} 万字，请分段提交或使用命令行 hutong redact`);
const useRegistry = z.boolean().optional().describe('同时按本机构名册中的儿童与监护人姓名、学校、村（社区）匹配（须有名册查阅权限；读取名册记入处理台账）');

export const detectBodySchema = z.object({ text, useRegistry }).strict();

export const findingSchema = z.object({
  type: z.enum(ENTITY_TYPE_KEYS as [string, ...string[]]),
  start: z.number().int().describe('起点（Unicode 码位）'),
  end: z.number().int().describe('终点（Unicode 码位，不含）'),
  text: z.string(),
  score: z.number(),
  source: z.string().describe('识别来源（检测器）'),
});

export const detectResponseSchema = z.object({ findings: z.array(findingSchema) });

export const textBodySchema = z.object({
  text,
  preset: z.enum(PRESET_NAMES, { error: `未知的预设，可选：${PRESET_NAMES.join('、')}（新闻宣传、裁判文书、救助名单公示、统计）` }).describe('处理预设：news 新闻宣传，judgment 裁判文书，aid_list 救助名单公示，stats 统计'),
  policy: z.record(z.string(), z.unknown()).optional().describe('处理策略（与 hutong redact --policy 文件相同：operators、keep）'),
  useRegistry,
}).strict();

export const reportEntrySchema = z.object({
  type: z.string(), start: z.number().int(), end: z.number().int(), original: z.string().optional(), replacement: z.string(),
  operator: z.string(), rule: z.string(), score: z.number(), article: z.string(), flag: z.string().optional(), location: z.string().optional(),
});

export const textResponseSchema = z.object({ text: z.string(), findings: z.array(findingSchema), report: z.array(reportEntrySchema) });
