/**
 * Checks a DecisionInput before any rule runs, so that a malformed request is a validation error
 * naming the field (HUTONG_VALIDATION), never a silent allow or deny. Paths use the input's own
 * names: actor.orgType, consents[0].purposes[1], fields[2].
 */
import { CHILD_CATEGORIES } from '../children/categories.ts';
import type { FieldProblem } from '../errors.ts';
import { isFieldKey } from '../fields/field-catalogue.ts';
import { isProcessingAct } from '../ledger/acts.ts';
import { isOrgType } from '../orgs/org-types.ts';
import { isRole } from '../orgs/roles.ts';
import { isPurposeCode } from '../purposes/purpose-codes.ts';
import { normaliseRegionCode } from '../regions/region-code.ts';
import { CONSENT_GIVERS } from './consent-types.ts';
import { isIsoDate } from './iso-date.ts';
import { NATIONWIDE } from './jurisdiction.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ProblemList {
  readonly items: FieldProblem[] = [];
  add(field: string, message: string): void {
    this.items.push({ field, message });
  }
}

export function checkDate(p: ProblemList, v: unknown, path: string, optional = false): void {
  if (optional && (v === undefined || v === null)) return;
  if (!isIsoDate(v)) p.add(path, v === undefined ? '缺少日期（YYYY-MM-DD）' : `“${String(v)}”不是有效的公历日期，应为 YYYY-MM-DD`);
}

function checkRegion(p: ProblemList, v: unknown, path: string, allowNationwide: boolean): void {
  if (allowNationwide && v === NATIONWIDE) return;
  if (typeof v !== 'string') {
    p.add(path, '缺少行政区划代码');
    return;
  }
  try {
    normaliseRegionCode(v);
  } catch (e) {
    p.add(path, e instanceof Error ? e.message : String(e));
  }
}

function checkEnum(p: ProblemList, v: unknown, path: string, ok: (s: string) => boolean, what: string): void {
  if (typeof v !== 'string' || !ok(v)) p.add(path, v === undefined ? `缺少${what}` : `未知的${what}“${String(v)}”`);
}

function checkEnumList(p: ProblemList, v: unknown, path: string, ok: (s: string) => boolean, what: string, optional = false): void {
  if (optional && v === undefined) return;
  if (!Array.isArray(v)) {
    p.add(path, `应为${what}的数组`);
    return;
  }
  v.forEach((x, i) => checkEnum(p, x, `${path}[${i}]`, ok, what));
}

function checkBool(p: ProblemList, v: unknown, path: string, optional: boolean): void {
  if (optional && v === undefined) return;
  if (typeof v !== 'boolean') p.add(path, '应为 true 或 false');
}

function checkStringList(p: ProblemList, v: unknown, path: string): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) p.add(path, '应为非空字符串的数组');
}

const isCategory = (s: string): boolean => Object.hasOwn(CHILD_CATEGORIES, s);
const isGiver = (s: string): boolean => Object.hasOwn(CONSENT_GIVERS, s);

export function checkConsent(p: ProblemList, c: unknown, path: string): void {
  if (!isObj(c)) {
    p.add(path, '应为对象');
    return;
  }
  if (c.id !== undefined && typeof c.id !== 'string') p.add(`${path}.id`, '应为字符串');
  checkEnum(p, c.by, `${path}.by`, isGiver, '同意人（guardian 或 child）');
  checkEnumList(p, c.purposes, `${path}.purposes`, isPurposeCode, '处理目的');
  checkEnumList(p, c.recipientOrgTypes, `${path}.recipientOrgTypes`, isOrgType, '机构类型', true);
  checkStringList(p, c.recipientOrgIds, `${path}.recipientOrgIds`);
  checkDate(p, c.date, `${path}.date`);
  checkDate(p, c.expiresOn, `${path}.expiresOn`, true);
  checkDate(p, c.withdrawnOn, `${path}.withdrawnOn`, true);
  checkBool(p, c.withdrawn, `${path}.withdrawn`, true);
  checkBool(p, c.noticeOfNecessityAndImpact, `${path}.noticeOfNecessityAndImpact`, true);
  if (c.withdrawn === false && typeof c.withdrawnOn === 'string') p.add(`${path}.withdrawnOn`, '填写了撤回日期，但 withdrawn 为 false');
}

/** Problems with a DecisionInput-shaped value; empty when it is well formed. */
export function decisionInputProblems(input: unknown): FieldProblem[] {
  const p = new ProblemList();
  if (!isObj(input)) {
    p.add('input', '应为对象');
    return p.items;
  }
  checkDate(p, input.date, 'date');
  const actor = input.actor;
  if (!isObj(actor)) p.add('actor', '缺少操作方（机构类型、角色、管辖区划）');
  else {
    checkEnum(p, actor.orgType, 'actor.orgType', isOrgType, '机构类型');
    checkEnum(p, actor.role, 'actor.role', isRole, '角色');
    checkRegion(p, actor.regionCode, 'actor.regionCode', true);
    if (actor.orgId !== undefined && (typeof actor.orgId !== 'string' || actor.orgId === '')) p.add('actor.orgId', '应为非空字符串');
  }
  const child = input.child;
  if (!isObj(child)) p.add('child', '缺少儿童信息（出生日期、所在区划、类别、能否表达意愿）');
  else {
    checkDate(p, child.birthDate, 'child.birthDate');
    checkRegion(p, child.regionCode, 'child.regionCode', false);
    checkEnumList(p, child.categories, 'child.categories', isCategory, '儿童类别');
    checkBool(p, child.canExpressWill, 'child.canExpressWill', false);
    if (child.endedPurposes !== undefined) checkEnumList(p, child.endedPurposes, 'child.endedPurposes', isPurposeCode, '处理目的', true);
    if (isIsoDate(child.birthDate) && isIsoDate(input.date) && child.birthDate > input.date) {
      p.add('child.birthDate', `出生日期 ${child.birthDate} 晚于处理日期 ${input.date}`);
    }
  }
  if (!Array.isArray(input.consents)) p.add('consents', '应为数组（没有同意记录时为 []）');
  else input.consents.forEach((c, i) => checkConsent(p, c, `consents[${i}]`));
  if (!Array.isArray(input.guardianNotices)) p.add('guardianNotices', '应为数组');
  else {
    input.guardianNotices.forEach((n, i) => {
      if (!isObj(n)) return p.add(`guardianNotices[${i}]`, '应为对象');
      checkDate(p, n.date, `guardianNotices[${i}].date`);
      checkEnumList(p, n.purposes, `guardianNotices[${i}].purposes`, isPurposeCode, '处理目的', true);
    });
  }
  checkEnum(p, input.purpose, 'purpose', isPurposeCode, '处理目的');
  checkEnum(p, input.act, 'act', isProcessingAct, '处理行为');
  checkEnumList(p, input.fields, 'fields', isFieldKey, '字段', true);
  if (input.recipient !== undefined) {
    if (!isObj(input.recipient)) p.add('recipient', '应为对象');
    else {
      checkEnum(p, input.recipient.orgType, 'recipient.orgType', isOrgType, '机构类型');
      if (input.recipient.orgId !== undefined && typeof input.recipient.orgId !== 'string') p.add('recipient.orgId', '应为字符串');
    }
  }
  return p.items;
}
