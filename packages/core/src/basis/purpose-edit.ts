/**
 * What a protection officer may change in a purpose, and the lines no edit may cross. Officers
 * tune who may use a purpose, the minimum fields per act and the retention rule; the law fixes
 * the rest: forbidden purposes stay forbidden (第十五条), statutory duties come only from law
 * (个人信息保护法 第十三条第一款第三项), and the field limits of 第八、十、十一、十四、十五条 hold
 * whatever the edit says. The seeded catalogue satisfies the same checks (its test says so).
 */
import type { FieldProblem } from '../errors.ts';
import { FIELD_CATALOGUE, type FieldKey } from '../fields/field-catalogue.ts';
import { PROCESSING_ACTS, type ProcessingAct } from '../ledger/acts.ts';
import { ORG_TYPES, type OrgType } from '../orgs/org-types.ts';
import { PURPOSE_CODES, type PurposeCode } from '../purposes/purpose-codes.ts';
import { DISABILITY_PURPOSES } from './field-strip.ts';
import { RETENTION_EVENTS, type FieldRule, type PurposeDefinition, type RetentionEvent, type RetentionRule } from './purpose-types.ts';
import { ACTIVITY_ORG_TYPES } from './purposes-catalogue.ts';

export interface PurposeEdit {
  readonly orgTypes: readonly string[];
  readonly fieldRules: ReadonlyArray<{ readonly orgTypes: readonly string[]; readonly acts: readonly string[]; readonly fields: readonly string[] }>;
  readonly retention: { readonly until: readonly string[]; readonly graceMonths: number; readonly byLaw: boolean; readonly note: string };
}

/** 第十条: what activity organisations never receive. */
export const NEVER_FOR_ACTIVITY_ORGS: readonly FieldKey[] = Object.freeze(['idNumber', 'guardianIdNumber', 'health', 'abuseVictim', 'disability', 'categories', 'guardianSituation', 'visitNotes']);
/** 第十四、十五条: never in a 公开 set. */
export const NEVER_DISCLOSED: readonly FieldKey[] = Object.freeze(['name', 'idNumber', 'photo', 'phone', 'householdAddress', 'residenceAddress', 'school', 'categories', 'health', 'disability', 'abuseVictim', 'guardianName', 'guardianPhone', 'guardianIdNumber']);

/** Problems with field paths the console can show next to the rule at fault; empty when the edit is lawful. */
export function purposeEditProblems(code: PurposeCode, base: PurposeDefinition, edit: PurposeEdit): FieldProblem[] {
  const p: FieldProblem[] = [];
  const label = PURPOSE_CODES[code];
  if (base.forbidden) return [{ field: 'code', message: `“${label}”是第十五条禁止的目的，不能编辑` }];
  const unknown = (list: readonly string[], known: object, path: string, what: string) => {
    for (const [i, v] of list.entries()) if (!Object.hasOwn(known, v)) p.push({ field: `${path}[${i}]`, message: `未知的${what}“${v}”` });
  };
  unknown(edit.orgTypes, ORG_TYPES, 'orgTypes', '机构类型');
  if (edit.orgTypes.length === 0) p.push({ field: 'orgTypes', message: '至少选择一种可使用该目的的机构类型' });
  edit.fieldRules.forEach((r, i) => {
    const at = `fieldRules[${i}]`;
    unknown(r.orgTypes, ORG_TYPES, `${at}.orgTypes`, '机构类型');
    unknown(r.acts, PROCESSING_ACTS, `${at}.acts`, '处理行为');
    unknown(r.fields, FIELD_CATALOGUE, `${at}.fields`, '字段');
    if (r.orgTypes.length === 0 || r.acts.length === 0) p.push({ field: at, message: '每条字段规则须选择机构类型和处理行为' });
    const outside = r.orgTypes.filter((t) => !edit.orgTypes.includes(t));
    if (outside.length) p.push({ field: `${at}.orgTypes`, message: `${outside.map(orgLabel).join('、')}不在该目的的可用机构类型中` });
    const has = (f: FieldKey) => r.fields.includes(f);
    if (has('disability') && !DISABILITY_PURPOSES.includes(code)) {
      p.push({ field: `${at}.fields`, message: '残疾情况仅可用于残疾康复与服务、医疗救治和案件办理（第十一条）' });
    }
    const activity = r.orgTypes.filter((t) => (ACTIVITY_ORG_TYPES as readonly string[]).includes(t));
    const barred = NEVER_FOR_ACTIVITY_ORGS.filter(has);
    if (activity.length && barred.length) {
      p.push({ field: `${at}.fields`, message: `${activity.map(orgLabel).join('、')}只能获得活动所必需的最小信息，不得包含${barred.map(fieldLabel).join('、')}（第十条）` });
    }
    if ((r.orgTypes.includes('school')) && has('categories')) {
      p.push({ field: `${at}.fields`, message: '学校不得获知困境儿童类别（第八条）' });
    }
    const exposed = NEVER_DISCLOSED.filter(has);
    if (r.acts.includes('disclose') && exposed.length) {
      p.push({ field: `${at}.fields`, message: `公开时不得包含${exposed.map(fieldLabel).join('、')}（第十四、十五条）` });
    }
  });
  const t = edit.retention;
  unknown(t.until, RETENTION_EVENTS, 'retention.until', '保存期限事件');
  if (t.until.length === 0) p.push({ field: 'retention.until', message: '至少选择一个停止处理的事件（个人信息保护法 第十九、四十七条）' });
  if (!Number.isInteger(t.graceMonths) || t.graceMonths < 0 || t.graceMonths > 120) p.push({ field: 'retention.graceMonths', message: '宽限期应为 0–120 个月的整数' });
  if (!t.note.trim()) p.push({ field: 'retention.note', message: '请说明保存期限' });
  return p;
}

/** The definition after an edit that passed purposeEditProblems. Duties and citations stay from `base`. */
export function applyPurposeEdit(base: PurposeDefinition, edit: PurposeEdit): PurposeDefinition {
  const fieldRules: FieldRule[] = edit.fieldRules.map((r) => ({ orgTypes: [...r.orgTypes] as OrgType[], acts: [...r.acts] as ProcessingAct[], fields: [...new Set(r.fields)] as FieldKey[] }));
  const retention: RetentionRule = { ...base.retention, until: [...edit.retention.until] as RetentionEvent[], graceMonths: edit.retention.graceMonths, byLaw: edit.retention.byLaw, note: edit.retention.note.trim() };
  // A duty stays only for org types still allowed: an officer may narrow what the law permits, never widen it.
  const statutoryDuties = base.statutoryDuties.map((d) => ({ ...d, orgTypes: d.orgTypes.filter((o) => edit.orgTypes.includes(o)) })).filter((d) => d.orgTypes.length);
  return { ...base, orgTypes: [...edit.orgTypes] as OrgType[], fieldRules, statutoryDuties, retention };
}

const orgLabel = (t: string) => ORG_TYPES[t as OrgType] ?? t;
const fieldLabel = (f: FieldKey) => FIELD_CATALOGUE[f].label;
