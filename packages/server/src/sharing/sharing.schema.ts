import { z } from 'zod';
import { FIELD_KEYS, PURPOSE_CODES, type FieldKey, type PurposeCode } from '@hutong/core';

const text = (label: string, max = 500) => z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字符`);
const date = z.iso.date('日期格式应为 YYYY-MM-DD');
const field = z.enum(FIELD_KEYS as unknown as [FieldKey], '未知的字段');
const fieldList = z.array(field).min(1, '至少选择一个字段').max(FIELD_KEYS.length);
const childIds = z.array(z.uuid('儿童编号无效')).min(1, '至少指定一名儿童').max(5000);
/** 个人信息保护法 第五十六条: each item must say something, not tick a box. */
const assessed = (label: string) => z.string().trim().min(4, `${label}至少 4 个字`).max(2000, `${label}不能超过 2000 个字符`);

export const agreementCreateSchema = z.object({
  ownerOrgId: z.uuid('机构编号无效').describe('持有儿童信息的机构（提供方）'),
  purpose: z.enum(Object.keys(PURPOSE_CODES) as [PurposeCode]),
  children: z.object({
    childIds: childIds.optional(),
    regionCode: z.string().regex(/^\d{2,12}$/u, '区划代码应为数字').optional().describe('该区划及其下级'),
    category: z.string().max(40).optional().describe('儿童类别'),
  }).strict().describe('指定儿童，或按条件（区划、类别）；至少填一项'),
  fields: fieldList,
  startsOn: date,
  endsOn: date,
  activityEndsOn: date.optional().describe('第十条所列组织：活动结束日期，共享期限不得晚于此日'),
  securityMeasures: text('安全保护措施', 2000),
  responsiblePerson: z.object({ name: text('负责人姓名', 50), title: text('负责人职务', 50), phone: text('负责人电话', 30) }).strict(),
}).strict();
export type AgreementCreate = z.infer<typeof agreementCreateSchema>;

export const impactAssessmentSchema = z.object({
  necessity: assessed('处理目的、方式的合法性、正当性、必要性'),
  impact: assessed('对儿童权益的影响'),
  risks: assessed('安全风险'),
  measures: assessed('保护措施'),
  conclusion: assessed('评估结论'),
}).strict();

export const approveSchema = z.object({
  fields: fieldList.optional().describe('缩减后的字段（须为申请字段的子集）'),
  endsOn: date.optional().describe('提前的截止日期'),
  childIds: childIds.optional().describe('缩减后的儿童'),
  impactAssessment: impactAssessmentSchema,
  note: z.string().trim().max(1000).optional(),
}).strict();
export type Approve = z.infer<typeof approveSchema>;

export const refuseSchema = z.object({ note: text('不予同意的理由', 1000) }).strict();
export const revokeSchema = z.object({ reason: text('撤销理由', 1000) }).strict();

export const listQuerySchema = z.object({
  box: z.enum(['outgoing', 'incoming']).optional().describe('outgoing：本机构申请的；incoming：向本机构申请的（需审批权限）'),
  status: z.enum(['requested', 'approved', 'refused', 'revoked']).optional(),
});
export const idParams = z.object({ id: z.string().max(64) });
export const grantParams = z.object({ agreementId: z.string().max(64) });
export const grantChildParams = grantParams.extend({ childId: z.string().max(64) });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

const orgRef = z.object({ id: z.string(), name: z.string(), type: z.string() });
const userRef = z.object({ id: z.string(), displayName: z.string() });

export const agreementDtoSchema = z.object({
  id: z.string(),
  status: z.enum(['requested', 'approved', 'refused', 'revoked']),
  expired: z.boolean(),
  requesterOrg: orgRef,
  ownerOrg: orgRef,
  purpose: z.string(),
  purposeLabel: z.string(),
  children: z.object({ childIds: z.array(z.string()).optional(), regionCode: z.string().optional(), category: z.string().optional() }),
  fields: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  activityEndsOn: z.string().nullable(),
  securityMeasures: z.string(),
  responsiblePerson: z.object({ name: z.string(), title: z.string(), phone: z.string() }),
  requestedBy: userRef,
  requestedAt: z.string(),
  decision: z.object({
    by: userRef, at: z.string(), note: z.string().nullable(), narrowed: z.boolean(),
    impactAssessment: z.object({ necessity: z.string(), impact: z.string(), risks: z.string(), measures: z.string(), conclusion: z.string() }).nullable(),
  }).nullable(),
  granted: z.object({ fields: z.array(z.string()), endsOn: z.string(), childIds: z.array(z.string()).nullable(), childCount: z.number() }).nullable(),
  revoked: z.object({ by: userRef, at: z.string(), reason: z.string() }).nullable(),
});

export const grantDtoSchema = z.object({
  agreementId: z.string(), ownerOrg: z.object({ id: z.string(), name: z.string() }), purpose: z.string(), purposeLabel: z.string(),
  fields: z.array(z.string()), endsOn: z.string(), childCount: z.number(),
});

export const releasedChildSchema = z.object({
  id: z.string(),
  fields: z.record(z.string(), z.string().nullable()),
  withheld: z.array(z.object({ field: z.string(), reason: z.string(), article: z.string() })),
});
