import { z } from 'zod';
import { CHILD_CATEGORY_KEYS, PURPOSE_CODES } from '@hutong/core';
import { VISIT_KINDS } from './registry-write.service.ts';
import { consentCreateSchema } from '../consent/consent.schema.ts';

/** A consent in hand at registration (a school or hospital has no statutory duty to lean on). */
export const registrationConsentSchema = consentCreateSchema.omit({ guardianId: true }).extend({
  guardianIndex: z.number().int().min(0).max(9).optional().describe('同意的监护人在 guardians 中的序号（从 0 起），监护人同意时默认 0'),
}).strict();

const shownField = z.object({ key: z.string(), label: z.string(), value: z.string().nullable(), masked: z.boolean(), withheld: z.literal(true).optional().describe('没有合法性基础，不予显示') });
const ownerOrg = z.object({ id: z.string(), name: z.string() });

export const childSummarySchema = z.object({
  id: z.uuid(), regionCode: z.string(), regionName: z.string(), ownerOrg,
  /** false when no purpose gives this account a lawful basis to see the child's summary today. */
  basisFound: z.boolean(),
  fields: z.record(z.string(), z.object({ value: z.string().nullable(), masked: z.boolean() })),
});

export const childDetailSchema = z.object({
  id: z.uuid(), regionCode: z.string(), regionName: z.string(), ownerOrg,
  groups: z.array(z.object({ sensitivity: z.enum(['direct', 'location', 'sensitive', 'general']), label: z.string(), fields: z.array(shownField) })),
  guardians: z.array(z.object({ id: z.string(), relation: z.string(), fields: z.array(shownField) })),
  visits: z.array(z.object({ id: z.string(), visitedOn: z.string(), kind: z.string(), visitorName: z.string().nullable(), fields: z.array(shownField) })),
  createdAt: z.string(), updatedAt: z.string(), canExpressWill: z.boolean(),
  basis: z.object({ purpose: z.string(), purposeLabel: z.string(), article: z.string(), message: z.string(), strippedFields: z.array(z.string()) }).optional(),
});

const text = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`);
const guardianInput = z.object({
  name: text(50).describe('监护人姓名'), relation: text(20).describe('与儿童关系'),
  phone: text(20).optional(), idNumber: text(24).optional(),
}).strict();

/** Shape only; every rule on values lives in validateChildInput, shared with import. */
export const childCreateSchema = z.object({
  name: text(50).describe('姓名'),
  gender: z.string().describe('性别：male/female 或 男/女'),
  birthDate: z.string().describe('出生日期 YYYY-MM-DD'),
  idNumber: text(24).optional().describe('身份证号'),
  ethnicity: text(20).optional(), phone: text(20).optional(),
  householdAddress: text(200).optional(), residenceAddress: text(200).optional(),
  regionCode: z.string().describe('区划代码（12 位，村/社区级）'),
  school: text(100).optional(), grade: text(20).optional(),
  categories: z.array(z.string()).describe(`儿童类别：${CHILD_CATEGORY_KEYS.join(', ')}`),
  health: text(2000).optional(), disability: text(2000).optional(), abuseVictim: text(2000).optional(),
  guardianSituation: text(2000).optional(), assistance: text(2000).optional(),
  guardians: z.array(guardianInput).max(10).optional(),
  canExpressWill: z.boolean().optional().describe('能否表达意愿（第十二条第三款：不能表达的，由监护人同意）；默认能'),
  consent: registrationConsentSchema.optional().describe('登记时已取得的同意（与登记一并记录，登记据此判定）'),
  purpose: z.enum(Object.keys(PURPOSE_CODES) as [keyof typeof PURPOSE_CODES]).optional().describe('处理目的；不填时按本机构可依据的目的逐一判定'),
}).strict();

export const childPatchSchema = childCreateSchema.omit({ guardians: true, consent: true }).partial().strict();
const purposeParam = z.enum(Object.keys(PURPOSE_CODES) as [keyof typeof PURPOSE_CODES]).optional().describe('处理目的；不填时按本机构可依据的目的逐一判定');
export const guardianCreateSchema = guardianInput.extend({ purpose: purposeParam });
export const visitCreateSchema = z.object({
  visitedOn: z.iso.date('走访日期格式应为 YYYY-MM-DD'),
  kind: z.enum(Object.keys(VISIT_KINDS) as [keyof typeof VISIT_KINDS]),
  notes: z.string().min(1, '走访记录不能为空').max(5000),
  purpose: purposeParam,
}).strict();

export const listQuerySchema = z.object({
  q: z.string().max(50).optional().describe('姓名或身份证号（精确匹配）'),
  region: z.string().regex(/^\d{2,12}$/u, '区划代码应为数字').optional(),
  category: z.string().optional(), school: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).optional(), pageSize: z.coerce.number().int().min(1).max(100).optional(),
  purpose: purposeParam,
});

export const revealQuerySchema = z.object({
  purpose: z.enum(Object.keys(PURPOSE_CODES) as [keyof typeof PURPOSE_CODES]).optional().describe('查看完整信息须说明处理目的，记入台账'),
  justification: z.string().max(500).optional(),
});

export const idParams = z.object({ id: z.string().max(64) });
