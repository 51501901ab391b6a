import { z } from 'zod';
import { ENTITY_TYPE_KEYS } from '@hutong/redact';
import { errors } from '@hutong/core';
import { PUBLICATION_AUDIENCES, PUBLICATION_CHANNELS, PUBLICATION_KINDS, PURPOSE_CODES, type PurposeCode } from '@hutong/core';
import { SUPPORTED_EXTENSIONS } from './publication-intake.ts';

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const list = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}（${v}）`).join('、');
const reason = (label: string) => z.string({ error: `${label}：必填` }).trim().min(2, `${label}至少 2 个字`).max(500, `${label}不能超过 500 个字符`);

export const submitBodySchema = z.object({
  title: z.string({ error: 'title：必填，稿件标题' }).trim().min(1, '标题不能为空').max(200, '标题不能超过 200 个字符').describe('标题（同样做技术处理，列表中只显示处理后的标题）'),
  kind: z.enum(keys(PUBLICATION_KINDS), { error: `未知的发布类型，可选：${list(PUBLICATION_KINDS)}` }),
  channel: z.enum(keys(PUBLICATION_CHANNELS), { error: `未知的发布渠道，可选：${list(PUBLICATION_CHANNELS)}` }),
  audience: z.enum(keys(PUBLICATION_AUDIENCES), { error: `未知的受众，可选：${list(PUBLICATION_AUDIENCES)}` }),
  purpose: z.enum(keys(PURPOSE_CODES) as [PurposeCode, ...PurposeCode[]], { error: '未知的用途' }).optional().describe('申报用途，默认 publicity（宣传报道/发布）；募捐、直播带货、博流量依第十五条一律拦截'),
  files: z.array(z.object({
    filename: z.string({ error: 'filename：必填' }).trim().min(1, '文件名不能为空').max(255, '文件名过长'),
    contentBase64: z.string({ error: 'contentBase64：必填，Base64 编码的文件内容' }),
  }).strict()).min(1, '请至少上传一个文件').describe(`文件：${SUPPORTED_EXTENSIONS.join(' ')}；录音的转写稿（.vtt/.srt）与录音同名`),
  revisionOf: z.uuid('被修改稿件的编号无效').optional().describe('修改后重新提交：被退回或被拦截的稿件编号'),
}).strict();
export type SubmitBody = z.infer<typeof submitBodySchema>;

/** The same check the route's schema makes, for callers without one (the CLI): a HUTONG_VALIDATION naming each field. */
export function parseBody<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw errors.validation(r.error.issues.map((i) => ({ field: i.path.join('.') || '(请求体)', message: i.message })));
}

export const adjustBodySchema = z.object({
  keep: z.array(z.object({ id: z.string().max(80), reason: reason('保留理由') }).strict()).max(500).default([])
    .describe('保留不处理（确因工作需要且已取得同意，第十三、十四条）：文字识别结果的编号（terms[].id）或人脸编号（如 0:face-0）'),
  remove: z.array(z.object({ id: z.string().max(80), reason: reason('误识别说明') }).strict()).max(500).default([])
    .describe('误识别、不是个人信息：同样不处理，但不要求同意'),
  add: z.array(z.object({
    type: z.enum(ENTITY_TYPE_KEYS as [string, ...string[]], { error: `未知的信息类型，可选：${ENTITY_TYPE_KEYS.join('、')}` }),
    text: z.string().trim().min(2, '补充的文字至少 2 个字').max(100, '补充的文字不能超过 100 个字符'),
    reason: reason('补充理由'),
  }).strict()).max(200).default([]).describe('引擎漏识别、须处理的文字（在所有文件与标题中处理）'),
}).strict();
export type AdjustBody = z.infer<typeof adjustBodySchema>;

export const approveBodySchema = z.object({ note: reason('批准理由').describe('审核结论与理由（含对标记事项的处理说明）') }).strict();
export const returnBodySchema = z.object({ reasons: z.array(reason('退回理由')).min(1, '请至少写明一条退回理由').max(20) }).strict();

export const listQuerySchema = z.object({
  box: z.enum(['mine', 'review']).optional().describe('mine：我提交的；review：待我审核的（本辖区）；默认按角色'),
  status: z.enum(['blocked', 'in_review', 'approved', 'returned']).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
export const idParams = z.object({ id: z.string().max(64) });
export const fileParams = idParams.extend({ name: z.string().min(1).max(300) });
export const fileQuery = z.object({ version: z.enum(['processed', 'original']).default('processed') });

const userRef = z.object({ id: z.string(), displayName: z.string() });
const check = z.object({
  code: z.string(), severity: z.enum(['block', 'consent', 'flag', 'info']), clause: z.string(), message: z.string(),
  childRef: z.string().optional(), elementIds: z.array(z.string()).optional(),
});
const finding = z.object({
  id: z.string(), type: z.string(), action: z.string(), article: z.string(), reason: z.string().optional(),
  original: z.string().optional().describe('脱敏后的原文；标签与募捐类用语按原样显示'), replacement: z.string().optional(),
  text: z.string().optional().describe('识别出的原文（仅审核员可见，原稿销毁后不再提供）'),
  location: z.string().optional(), start: z.number().optional(), end: z.number().optional(),
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).optional(),
  from: z.number().optional(), to: z.number().optional(), score: z.number(), source: z.string().optional(), flag: z.string().optional(),
});

export const publicationItemSchema = z.object({
  id: z.string(), title: z.string().describe('技术处理后的标题'), kind: z.string(), kindLabel: z.string(), channel: z.string(), channelLabel: z.string(),
  audience: z.string(), audienceLabel: z.string(), purpose: z.string(), purposeLabel: z.string(),
  status: z.enum(['blocked', 'in_review', 'approved', 'returned']), outcome: z.enum(['blocked', 'needs_consent', 'flagged', 'ok']),
  revisionOf: z.string().nullable(), submittedBy: userRef, submitterOrg: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  regionCode: z.string(), submittedAt: z.string(), updatedAt: z.string(), fileCount: z.number(), linkedChildren: z.number(),
});

export const publicationDtoSchema = publicationItemSchema.extend({
  viewer: z.enum(['submitter', 'reviewer']),
  decision: z.object({ by: userRef, at: z.string(), note: z.string().nullable(), reasons: z.array(z.string()) }).nullable(),
  manifestSm3: z.string().nullable().describe('批准发布版本的 SM3 清单哈希（记入台账“公开”记录）'),
  draft: z.object({ available: z.boolean(), destroyAfter: z.string().nullable(), destroyedAt: z.string().nullable() }),
  titleFindings: z.array(finding),
  files: z.array(z.object({
    name: z.string(), role: z.enum(['document', 'image', 'audio', 'transcript']), mediaType: z.string(),
    originalSize: z.number(), processedSize: z.number().nullable(), processedSm3: z.string().nullable(), transcriptOf: z.string().optional(),
    findings: z.array(finding), omitted: z.number(), counts: z.record(z.string(), z.number()),
    metadataRemoved: z.array(z.string()).optional(), voiceAltered: z.object({ pitchSemitones: z.number(), formant: z.string(), formantSemitones: z.number().optional() }).optional(),
    durationSeconds: z.number().optional(), width: z.number().optional(), height: z.number().optional(), warnings: z.array(z.string()).optional(), embeddedMedia: z.number().optional(),
    downloads: z.object({ processed: z.boolean(), original: z.boolean() }),
  })),
  checks: z.array(check),
  children: z.array(z.object({
    ref: z.string().describe('本稿件内的匿名编号'), maskedName: z.string().nullable(), matchedBy: z.enum(['id_number', 'name_school', 'name']),
    ageBand: z.enum(['under14', 'from14', 'adult']), consented: z.boolean(),
    needs: z.array(z.object({ by: z.enum(['guardian', 'child']), satisfied: z.boolean(), consentId: z.string().optional() })),
  })),
  terms: z.array(z.object({ id: z.string(), type: z.string(), text: z.string(), sources: z.array(z.string()), action: z.enum(['keep', 'remove']).optional(), reason: z.string().optional() }))
    .optional().describe('审核员可见：识别出的文字（同一文字在所有文件中一并处理），可保留或标为误识别'),
  additions: z.array(z.object({ id: z.string(), type: z.string(), text: z.string(), reason: z.string() })).optional(),
  adjustments: z.array(z.object({ id: z.string(), action: z.enum(['keep', 'remove', 'add']), type: z.string(), reason: z.string(), by: z.string(), at: z.string() })),
  abilities: z.object({ adjust: z.boolean(), approve: z.boolean(), return: z.boolean(), resubmit: z.boolean() }),
});
