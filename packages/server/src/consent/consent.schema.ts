import { z } from 'zod';
import { ORG_TYPE_KEYS, PURPOSE_CODES, type OrgType, type PurposeCode } from '@hutong/core';

const purpose = z.enum(Object.keys(PURPOSE_CODES) as [PurposeCode]);
const text = (label: string, max = 500) => z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字符`);
const date = z.iso.date('日期格式应为 YYYY-MM-DD');

/** 个人信息保护法 第十七条、第三十条: every item of the notice must be filled in. */
export const noticeSchema = z.object({
  purpose: text('处理目的'),
  method: text('处理方式'),
  categories: text('个人信息种类'),
  retention: text('保存期限'),
  rights: text('个人行使权利的方式'),
  contact: text('联系方式', 200),
  necessityAndImpact: z.string().trim().max(2000).optional().describe('第十三条：发布前告知的必要性及对个人权益的影响'),
}).strict();

export const consentCreateSchema = z.object({
  givenBy: z.enum(['guardian', 'child']).describe('同意人：监护人或儿童本人'),
  guardianId: z.uuid('监护人编号无效').optional(),
  purposes: z.array(purpose).min(1, '至少选择一个处理目的').max(20),
  recipientOrgTypes: z.array(z.enum(ORG_TYPE_KEYS as [OrgType])).max(30).optional().describe('不填表示不限接收方类型'),
  recipientOrgIds: z.array(z.uuid()).max(50).optional(),
  fieldClasses: z.array(z.enum(['direct', 'location', 'sensitive', 'general'])).max(4).optional(),
  separate: z.boolean().optional().describe('单独同意（个人信息保护法 第二十三、二十五、二十九条）：只针对一个目的'),
  givenOn: date,
  validUntil: date.optional(),
  method: z.enum(['paper', 'in_person', 'phone']),
  evidenceBase64: z.string().max(14_000_000, '证据文件不能超过 10 MB').optional().describe('书面同意书扫描件等，服务端只保存其 SM3 摘要'),
  notice: noticeSchema,
  noticeOfNecessityAndImpact: z.boolean().optional(),
}).strict();
export type ConsentCreate = z.infer<typeof consentCreateSchema>;

export const consentWithdrawSchema = z.object({ reason: text('撤回原因', 200) }).strict();

export const notificationCreateSchema = z.object({
  guardianId: z.uuid('监护人编号无效').optional(),
  notifiedOn: date,
  method: z.enum(['paper', 'in_person', 'phone', 'sms']),
  purposes: z.array(purpose).min(1, '至少选择一个处理目的'),
  content: text('告知内容', 2000),
}).strict();
export type NotificationCreate = z.infer<typeof notificationCreateSchema>;
