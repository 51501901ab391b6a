/**
 * Why a requested field is outside the minimum (个人信息保护法 第六条), citing the most specific
 * article: 第十一条 for disability, 第十五条 for labels made public, 第十四条 for identifiers made
 * public, 第八条 for schools, 第十条 for activity organisations, 第二十三条 for a recipient.
 */
import { FIELD_CATALOGUE, type FieldKey } from '../fields/field-catalogue.ts';
import type { ProcessingAct } from '../ledger/acts.ts';
import { ORG_TYPES, type OrgType } from '../orgs/org-types.ts';
import { PURPOSE_CODES, type PurposeCode } from '../purposes/purpose-codes.ts';
import { CLAUSES } from './clauses.ts';
import type { Reason } from './decision-types.ts';
import { ACTIVITY_ORG_TYPES } from './purposes-catalogue.ts';

/** 第十一条: disability data serves these purposes only. */
export const DISABILITY_PURPOSES: readonly PurposeCode[] = Object.freeze(['disability_service', 'medical_care', 'case_handling']);

/** 第十四条: never made public (姓名、家庭住址、肖像、就读学校), with the other direct identifiers. */
const NEVER_PUBLIC: readonly FieldKey[] = ['name', 'idNumber', 'photo', 'phone', 'householdAddress', 'residenceAddress', 'school', 'guardianName', 'guardianPhone', 'guardianIdNumber'];

export interface StripContext {
  readonly purpose: PurposeCode;
  readonly act: ProcessingAct;
  /** The org type whose minimum excludes the field (the recipient's for 提供). */
  readonly orgType: OrgType;
  readonly asRecipient: boolean;
}

export function stripReason(field: FieldKey, ctx: StripContext): Reason {
  const label = `“${FIELD_CATALOGUE[field].label}”（${field}）`;
  const purpose = `“${PURPOSE_CODES[ctx.purpose]}”`;
  const org = ORG_TYPES[ctx.orgType];
  const r = (clause: string, message: string): Reason => Object.freeze({ code: 'field_stripped', clause, message, field });
  if (field === 'disability' && !DISABILITY_PURPOSES.includes(ctx.purpose)) {
    return r(CLAUSES.m11, `已去除${label}：残疾情况仅用于残疾康复与服务、医疗救治和案件办理，避免因泄露引发不公平对待`);
  }
  if (ctx.act === 'disclose' && field === 'categories') {
    return r(CLAUSES.m15, `已去除${label}：不得将困境儿童标签化，儿童类别一律不得公开`);
  }
  if (ctx.act === 'disclose' && NEVER_PUBLIC.includes(field)) {
    return r(CLAUSES.m14, `已去除${label}：不得公开困境儿童的姓名、家庭住址、肖像、就读学校等可能识别其身份的信息`);
  }
  if (ctx.act === 'disclose') {
    return r(CLAUSES.m13, `已去除${label}：发布涉及困境儿童的内容应当做好技术处理，该字段不在可公开的范围内`);
  }
  if (ctx.asRecipient) {
    return r(CLAUSES.pipl23, `已去除${label}：接收方${org}为${purpose}所需的范围不包括该字段，接收方应当在处理目的和个人信息种类范围内处理`);
  }
  if (ctx.orgType === 'school' || ctx.orgType === 'education') {
    return r(CLAUSES.m8, `已去除${label}：${org}在${purpose}中不得泄露困境儿童个人及其家庭有关信息，该字段不属于所必需的范围`);
  }
  if (ACTIVITY_ORG_TYPES.includes(ctx.orgType)) {
    return r(CLAUSES.m10, `已去除${label}：${org}开展${purpose}活动处理儿童信息，应当限于所必需的最小限度和范围`);
  }
  return r(CLAUSES.pipl6, `已去除${label}：不属于${org}为${purpose}所必需的最小范围`);
}
