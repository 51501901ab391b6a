import { z } from 'zod';
import { EVIDENCE_PARTS } from '@hutong/screen';

/**
 * The incidents API (第五条; breach handling 个人信息保护法 第五十七条, 未成年人网络保护条例
 * 第三十五条). The console reads this file: it is the contract.
 */
export const SOURCE_KINDS = {
  cyberspace_screening: '网信部门巡查',
  platform_self: '网络平台自查',
  internal: '平台内部泄露',
} as const;
export const STATUSES = { open: '待处置（已告知儿童所属机构）', notified: '已发出删除/更正通知', closed: '已结案' } as const;
export const RECIPIENT_KINDS = { platform: '网络平台', publisher: '发布者' } as const;
export const REQUESTS = { remove: '删除', correct: '更正', mask: '技术处理（屏蔽、遮挡）' } as const;
export const FOLLOW_UP_OUTCOMES = { removed: '已删除', corrected: '已更正', no_response: '未答复', refused: '拒绝处理' } as const;
export const RESOLUTIONS = { removed: '已删除', corrected: '已更正', false_hit: '误报（不涉及该儿童）', not_actionable: '无法处置' } as const;
/** The three articles every removal notice cites (the contract's `articles`). */
export const NOTICE_ARTICLES = ['第五条', '第十四条', '第十五条'] as const;

/** One ingest call: enough for a worker's batch, small enough to hold in one transaction. */
export const MAX_HITS = 1000;
export const MAX_POSTS = 1000;
export const MAX_POST_CHARS = 100_000;

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const list = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}（${v}）`).join('、');
const text = (label: string, min: number, max: number) =>
  z.string({ error: `${label}：必填` }).trim().min(min, `${label}至少 ${min} 个字`).max(max, `${label}不能超过 ${max} 个字符`);
const postId = z.union([z.string().min(1, '帖子编号不能为空').max(200, '帖子编号不能超过 200 个字符'), z.number().int()], { error: '必填，帖子编号（字符串或整数）' });
const EVIDENCE_KINDS = [...new Set(Object.values(EVIDENCE_PARTS).flat())] as [string, ...string[]];

export const hitSchema = z.object({
  id: postId.describe('帖子编号（hits.jsonl 的 id）'),
  child: z.string({ error: '必填，儿童引用' }).regex(/^[0-9a-f]{32}$/u, '应为 32 位十六进制的儿童引用'),
  evidence: z.array(z.object({
    kind: z.enum(EVIDENCE_KINDS, { error: `未知的证据类型，可选：${EVIDENCE_KINDS.join('、')}` }),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
  }).strict().refine((e) => e.end > e.start, '证据的 end 应大于 start')).min(1, '每条命中至少有一处证据').max(100),
  flags: z.array(z.enum(['label', 'exploit'], { error: '只能是 label 或 exploit' })).max(2).default([]),
  score: z.number().min(0, '应在 0–1 之间').max(1, '应在 0–1 之间'),
}).strict();
export type HitInput = z.infer<typeof hitSchema>;

export const ingestBodySchema = z.object({
  source: z.object({
    kind: z.enum(keys(SOURCE_KINDS), { error: `未知的来源，可选：${list(SOURCE_KINDS)}` }),
    name: text('来源名称', 2, 100).describe('网络平台或发布者，例如“某短视频平台”'),
  }).strict(),
  packageVersion: z.string().trim().max(40).optional().describe('巡查包版本'),
  hits: z.array(hitSchema).min(1, '请至少提供一条命中').max(MAX_HITS, `一次最多导入 ${MAX_HITS} 条命中，请分批导入`),
  posts: z.array(z.object({
    id: postId,
    url: z.url('应为网址').max(2000).optional(),
    text: z.string({ error: '必填，帖子正文' }).max(MAX_POST_CHARS, `帖子正文不能超过 ${MAX_POST_CHARS} 个字符`),
  }).strict()).max(MAX_POSTS, `一次最多提供 ${MAX_POSTS} 条帖子`).optional()
    .describe('可选：只用于计算帖子的 SM3 和证据附近经技术处理的摘录，随后丢弃，不保存原文'),
}).strict();
export type IngestBody = z.infer<typeof ingestBodySchema>;

export const noticeBodySchema = z.object({
  recipient: text('接收方', 2, 100).describe('网络平台或发布者的名称'),
  recipientKind: z.enum(keys(RECIPIENT_KINDS), { error: `接收方类型：${list(RECIPIENT_KINDS)}` }),
  dueDays: z.number({ error: '必填，整数天数' }).int('应为整数').min(1, '处理期限至少 1 天').max(30, '处理期限不能超过 30 天'),
  request: z.enum(keys(REQUESTS), { error: `要求：${list(REQUESTS)}` }).default('remove'),
  contact: text('联系方式', 2, 200).optional().describe('函件上的联系方式；不填则为本机构名称与经办人'),
}).strict();
export type NoticeBody = z.infer<typeof noticeBodySchema>;

export const followUpBodySchema = z.object({
  note: text('跟进情况', 2, 1000),
  outcome: z.enum(keys(FOLLOW_UP_OUTCOMES), { error: `跟进结果：${list(FOLLOW_UP_OUTCOMES)}` }).optional(),
}).strict();
export type FollowUpBody = z.infer<typeof followUpBodySchema>;

export const closeBodySchema = z.object({
  resolution: z.enum(keys(RESOLUTIONS), { error: `结案结论：${list(RESOLUTIONS)}` }),
  note: text('结案说明', 2, 1000),
}).strict();
export type CloseBody = z.infer<typeof closeBodySchema>;

/** 个人信息保护法 第五十七条第一款 contents, each a sentence a reader can act on. */
export const breachBodySchema = z.object({
  cause: text('泄露原因', 4, 2000),
  infoTypes: z.array(text('信息种类', 2, 50)).min(1, '请至少列出一种泄露的信息种类').max(20),
  harm: text('可能造成的危害', 4, 2000),
  measures: text('已采取的补救措施', 4, 2000),
  individualMeasures: text('个人可以采取的减轻危害的措施', 4, 2000).optional().describe('不填时使用通用建议'),
  contact: text('联系方式', 4, 200),
  authority: text('报告的部门', 2, 100).describe('履行个人信息保护职责的部门，例如“某县网信办”'),
}).strict();
export type BreachBody = z.infer<typeof breachBodySchema>;

export const listQuerySchema = z.object({
  status: z.enum(keys(STATUSES)).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true：只看已过处理期限仍未结案的'),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
export const idParams = z.object({ id: z.string().max(64) });
export const noticeParams = idParams.extend({ noticeId: z.string().max(64) });
export const breachLetterParams = idParams.extend({ kind: z.enum(['authority', 'guardian']) });

export const ingestResultSchema = z.object({
  created: z.number().int(),
  duplicates: z.number().int().describe('同一来源、同一帖子、同一儿童已登记过：不重复登记'),
  unresolved: z.number().int().describe('引用无法对应到本辖区在册儿童（巡查包过期、儿童已删除或不在辖区）'),
  incidents: z.array(z.string()).describe('新登记的事件编号'),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const incidentItemSchema = z.object({
  id: z.string(),
  status: z.enum(keys(STATUSES)),
  child: z.object({
    ref: z.string().describe('巡查包中的不透明引用'),
    maskedName: z.string().nullable().describe('王*；儿童记录已删除时为 null'),
    ownerOrgName: z.string(),
  }),
  source: z.object({ kind: z.enum(keys(SOURCE_KINDS)), name: z.string() }),
  postId: z.string(),
  url: z.string().optional(),
  flags: z.array(z.enum(['label', 'exploit'])).describe('label：含标签化用语；exploit：含募捐、直播带货等用语（第十五条）'),
  score: z.number(),
  detectedAt: z.string(),
  dueAt: z.string().optional().describe('最近一份通知的处理期限'),
  overdue: z.boolean(),
  breach: z.boolean().describe('已启动个人信息泄露处置（内部泄露）'),
});
export type IncidentItem = z.infer<typeof incidentItemSchema>;

const noticeSchema = z.object({
  id: z.string(), recipient: z.string(), recipientKind: z.enum(keys(RECIPIENT_KINDS)), request: z.enum(keys(REQUESTS)),
  issuedAt: z.string(), dueAt: z.string(), issuedBy: z.string(), contact: z.string(),
  articles: z.array(z.string()).describe('《困境儿童个人信息保护工作办法》条款'),
  legalBasis: z.array(z.string()).describe('函件引用的全部条款'),
});
export type NoticeDto = z.infer<typeof noticeSchema>;
export const noticeDtoSchema = noticeSchema;

export const incidentDtoSchema = incidentItemSchema.extend({
  packageVersion: z.string().nullable(),
  evidence: z.array(z.object({
    kind: z.string().describe('证据类型，多处合并时以 + 连接'),
    kinds: z.array(z.string()),
    excerpt: z.string().nullable().describe('经技术处理的摘录（化名、地址概括到县、证件号删除）；未提供帖子正文时为 null'),
    postSm3: z.string().nullable(),
  })),
  notices: z.array(noticeSchema),
  followUps: z.array(z.object({ at: z.string(), by: z.string(), note: z.string(), outcome: z.enum(keys(FOLLOW_UP_OUTCOMES)).optional() })),
  closure: z.object({ at: z.string(), by: z.string(), resolution: z.enum(keys(RESOLUTIONS)), note: z.string() }).nullable(),
  breach: z.boolean(),
  breachRecord: z.object({
    recordedAt: z.string(), recordedBy: z.string(), cause: z.string(), infoTypes: z.array(z.string()), harm: z.string(),
    measures: z.string(), individualMeasures: z.string(), contact: z.string(), authority: z.string(),
  }).nullable().describe('内部泄露的处置记录（个人信息保护法 第五十七条）'),
  timeline: z.array(z.object({ at: z.string(), act: z.string(), by: z.string(), summary: z.string() })),
  abilities: z.object({ notify: z.boolean(), followUp: z.boolean(), close: z.boolean(), breach: z.boolean() }),
});
export type IncidentDto = z.infer<typeof incidentDtoSchema>;
