import { z } from 'zod';

/** 10 MB decoded (about 50,000 rows of CSV): a county's roster; a bigger one goes through `hutong import children`. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Base64 grows 4/3, plus the other fields; past this Fastify answers 413 before parsing. */
export const IMPORT_BODY_LIMIT = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024;
/** The answer lists this many problems at most; counts still cover every row. */
export const MAX_LISTED_PROBLEMS = 1000;

export const importBodySchema = z.object({
  filename: z.string({ error: 'filename：必填，应为文件名' }).trim().min(1, '文件名不能为空').max(255, '文件名过长')
    .describe('上传的文件名（.csv 或 .xlsx），只用于判断格式和在报告中显示'),
  contentBase64: z.string({ error: 'contentBase64：必填，应为 Base64 编码的文件内容' }),
  dryRun: z.boolean({ error: 'dryRun 应为 true 或 false' }).optional().describe('预检：只校验每一行，不写入任何数据'),
  skipInvalid: z.boolean({ error: 'skipInvalid 应为 true 或 false' }).optional().describe('只导入无误的行，跳过并列出有问题的行；否则任何一行有误则整个文件不导入'),
}).strict();

export type ImportBody = z.infer<typeof importBodySchema>;

export const rowProblemSchema = z.object({
  row: z.number().int().describe('行号（与 Excel/WPS 中所见一致，表头为第 1 行）'),
  field: z.string(),
  column: z.string().describe('中文列名'),
  message: z.string(),
});

export const importReportSchema = z.object({
  file: z.string(),
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int().describe('数据行数（不含表头）'),
  valid: z.number().int(),
  invalid: z.number().int(),
  problems: z.array(rowProblemSchema).describe(`按行号排列，最多 ${MAX_LISTED_PROBLEMS} 条（其余计入 problemsOmitted）`),
  problemsOmitted: z.number().int(),
  imported: z.number().int(),
  dryRun: z.boolean(),
  refused: z.boolean().describe('有问题的行且未选择跳过：整个文件不导入'),
  seconds: z.number(),
  rowsPerSecond: z.number(),
});

export type ImportReportDto = z.infer<typeof importReportSchema>;
