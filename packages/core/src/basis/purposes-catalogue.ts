/**
 * The seeded purposes catalogue (issue 3 item 1). Later the server copies it into a table that
 * protection officers edit (every change ledgered); this file stays the default and the test
 * oracle. The choices, with their grounds:
 *
 * - Lawful basis is consent (第十二条) unless a StatutoryDuty names the org type and act:
 *   case_handling for 公安、检察院、法院、司法行政 (第六条; 个人信息保护法 第十三条第一款第三项、
 *   第三十四条; 未成年人保护法 第一百条), and civil affairs' own social_assistance
 *   (未成年人保护法 第九十一条 分类保障, 第四十三条 档案). Neither duty covers 公开; civil affairs'
 *   duty does not cover 提供 either: providing to another org rests on consent (第二十三条) or a
 *   data-sharing agreement.
 * - 残疾情况 only for disability_service, medical_care and case_handling (第十一条).
 * - Organisations of 第十条 get no ID numbers and no sensitive fields; schools never get the
 *   困境 category (第八条); nothing in 困境 labels or identifiers is ever 公开 (第十四、十五条).
 */
import { FIELD_KEYS, type FieldKey } from '../fields/field-catalogue.ts';
import type { ProcessingAct } from '../ledger/acts.ts';
import type { OrgType } from '../orgs/org-types.ts';
import { PURPOSE_CODES, type PurposeCode } from '../purposes/purpose-codes.ts';
import type { FieldRule, PurposeDefinition, RetentionRule, StatutoryDuty } from './purpose-types.ts';

/** 第十条: 工会、共青团、妇联、关工委, social organisations and volunteers. */
export const ACTIVITY_ORG_TYPES: readonly OrgType[] = Object.freeze(['trade_union', 'youth_league', 'womens_federation', 'care_committee', 'social_org', 'volunteer_team']);

const HANDLE: readonly ProcessingAct[] = ['collect', 'store', 'use', 'process', 'transmit', 'delete'];
const HANDLE_AND_PROVIDE: readonly ProcessingAct[] = [...HANDLE, 'provide'];
const GUARDIAN_CONTACT: readonly FieldKey[] = ['guardianName', 'guardianRelation', 'guardianPhone'];

const rule = (orgTypes: readonly OrgType[], acts: readonly ProcessingAct[], fields: readonly FieldKey[]): FieldRule =>
  Object.freeze({ orgTypes: Object.freeze([...orgTypes]), acts: Object.freeze([...acts]), fields: Object.freeze([...fields]) });

const retention = (r: RetentionRule): RetentionRule => Object.freeze({ ...r, until: Object.freeze([...r.until]) });

const duty = (d: StatutoryDuty): StatutoryDuty =>
  Object.freeze({ ...d, orgTypes: Object.freeze([...d.orgTypes]), acts: Object.freeze([...d.acts]), clauses: Object.freeze([...d.clauses]) });

type Entry = Omit<PurposeDefinition, 'code' | 'label' | 'forbidden' | 'statutoryDuties' | 'publication' | 'actRefusals'>
  & Partial<Pick<PurposeDefinition, 'statutoryDuties' | 'publication' | 'actRefusals'>>;

function define(code: PurposeCode, e: Entry): PurposeDefinition {
  return Object.freeze({
    code,
    label: PURPOSE_CODES[code],
    forbidden: false,
    clauses: Object.freeze([...e.clauses]),
    orgTypes: Object.freeze([...e.orgTypes]),
    fieldRules: Object.freeze([...e.fieldRules]),
    statutoryDuties: Object.freeze([...(e.statutoryDuties ?? [])]),
    publication: e.publication ?? false,
    actRefusals: Object.freeze({ ...(e.actRefusals ?? {}) }),
    retention: e.retention,
  });
}

function forbidden(code: PurposeCode): PurposeDefinition {
  return Object.freeze({
    code, label: PURPOSE_CODES[code], forbidden: true, clauses: Object.freeze(['m15'] as const),
    orgTypes: Object.freeze([]), fieldRules: Object.freeze([]), statutoryDuties: Object.freeze([]),
    publication: false, actRefusals: Object.freeze({}),
    retention: retention({ until: ['not_retained'], graceMonths: 0, byLaw: false, note: '不得为此目的处理任何个人信息', clause: 'm15' }),
  });
}

const CIVIL: readonly OrgType[] = ['civil_affairs', 'welfare_institution'];
const CASE_ORGANS: readonly OrgType[] = ['public_security', 'procuratorate', 'court', 'justice'];

export const PURPOSES_CATALOGUE: Readonly<Record<PurposeCode, PurposeDefinition>> = Object.freeze({
  social_assistance: define('social_assistance', {
    clauses: ['m7', 'mpl91'],
    orgTypes: CIVIL,
    // 健康状况 is in: 分类保障 tells 重病 children apart (国发〔2016〕36号). 残疾情况 and abuse stay out (第十一条).
    fieldRules: [rule(CIVIL, HANDLE_AND_PROVIDE, [
      'name', 'gender', 'birthDate', 'idNumber', 'ethnicity', 'phone', 'householdAddress', 'residenceAddress', 'regionCode',
      'school', 'grade', 'categories', 'health', 'guardianSituation', ...GUARDIAN_CONTACT, 'guardianIdNumber', 'assistance', 'visitNotes',
    ])],
    statutoryDuties: [duty({
      orgTypes: ['civil_affairs'], acts: HANDLE, clauses: ['pipl13_1_3', 'mpl91', 'mpl43'],
      message: '民政部门对困境未成年人实施分类保障、建立信息档案并给予关爱帮扶，属于履行法定职责所必需（《未成年人保护法》第九十一条、第四十三条）',
    })],
    actRefusals: { disclose: 'm7' },
    retention: retention({ until: ['service_ended', 'age_18'], graceMonths: 0, byLaw: false, note: '救助终止或儿童年满十八周岁即停止处理并删除；法律、行政法规另定保存期限的，仅存储并采取安全措施', clause: 'pipl47' }),
  }),

  charity_assistance: define('charity_assistance', {
    clauses: ['m7', 'm10'],
    orgTypes: [...CIVIL, ...ACTIVITY_ORG_TYPES],
    fieldRules: [
      rule(CIVIL, HANDLE_AND_PROVIDE, ['name', 'gender', 'birthDate', 'phone', 'residenceAddress', 'regionCode', 'school', 'grade', 'categories', ...GUARDIAN_CONTACT, 'assistance']),
      rule(ACTIVITY_ORG_TYPES, HANDLE, ['name', 'gender', 'grade', 'regionCode', 'residenceAddress', ...GUARDIAN_CONTACT, 'assistance']),
    ],
    retention: retention({ until: ['service_ended', 'consent_ended'], graceMonths: 0, byLaw: false, note: '帮扶结束或同意撤回、到期即删除', clause: 'pipl47' }),
  }),

  care_service: define('care_service', {
    clauses: ['m7', 'm10', 'mpl29_2'],
    orgTypes: [...CIVIL, 'education', 'school', ...ACTIVITY_ORG_TYPES],
    fieldRules: [
      rule(CIVIL, HANDLE_AND_PROVIDE, [
        'name', 'gender', 'birthDate', 'phone', 'residenceAddress', 'regionCode', 'school', 'grade', 'categories',
        'health', 'abuseVictim', 'guardianSituation', ...GUARDIAN_CONTACT, 'assistance', 'visitNotes',
      ]),
      rule(['education', 'school'], HANDLE, ['name', 'gender', 'birthDate', 'school', 'grade', ...GUARDIAN_CONTACT]),
      // 第十条: the activity's minimum — who, where to meet, whom to call. No ID, no sensitive data.
      rule(ACTIVITY_ORG_TYPES, HANDLE, ['name', 'gender', 'grade', 'regionCode', 'residenceAddress', ...GUARDIAN_CONTACT]),
    ],
    retention: retention({ until: ['service_ended', 'consent_ended'], graceMonths: 0, byLaw: false, note: '关爱服务或活动结束（第十条所列组织以活动期间为限）、同意撤回或到期即删除', clause: 'pipl47' }),
  }),

  education_aid: define('education_aid', {
    clauses: ['m8'],
    orgTypes: ['education', 'school'],
    fieldRules: [
      rule(['education'], HANDLE_AND_PROVIDE, ['name', 'gender', 'birthDate', 'idNumber', 'regionCode', 'school', 'grade', 'categories', ...GUARDIAN_CONTACT, 'assistance']),
      // 第八条: the school administers the award or grant without learning or passing on the label.
      rule(['school'], HANDLE, ['name', 'gender', 'birthDate', 'idNumber', 'school', 'grade', ...GUARDIAN_CONTACT, 'assistance']),
    ],
    actRefusals: { disclose: 'm8' },
    retention: retention({ until: ['service_ended', 'consent_ended'], graceMonths: 0, byLaw: false, note: '奖励、资助发放完毕或同意撤回、到期即删除', clause: 'pipl47' }),
  }),

  medical_care: define('medical_care', {
    clauses: ['m9'],
    orgTypes: ['medical', 'welfare_institution', 'health'],
    fieldRules: [
      rule(['medical', 'welfare_institution'], HANDLE_AND_PROVIDE, [
        'name', 'gender', 'birthDate', 'idNumber', 'phone', 'residenceAddress', 'health', 'disability', 'abuseVictim', ...GUARDIAN_CONTACT,
      ]),
      rule(['health'], ['use', 'process', 'delete'], ['name', 'gender', 'birthDate', 'regionCode', 'health', 'disability']),
    ],
    retention: retention({ until: ['service_ended', 'consent_ended'], graceMonths: 0, byLaw: true, note: '诊疗结束即停止其他处理；病历等法律、行政法规另定保存期限的，仅存储并采取安全措施', clause: 'pipl47' }),
  }),

  case_handling: define('case_handling', {
    clauses: ['m6'],
    orgTypes: CASE_ORGANS,
    // What a case needs cannot be fixed in advance; 第三十四条 limits it and the ledger shows it.
    fieldRules: [rule(CASE_ORGANS, HANDLE_AND_PROVIDE, FIELD_KEYS)],
    statutoryDuties: [duty({
      orgTypes: CASE_ORGANS, acts: HANDLE_AND_PROVIDE, clauses: ['pipl13_1_3', 'pipl34', 'mpl100'],
      message: '公安机关、人民检察院、人民法院和司法行政部门在案件侦查、调查取证、审查起诉、审判中处理涉案儿童信息，属于履行法定职责所必需（《未成年人保护法》第一百条）',
    })],
    actRefusals: { disclose: 'mpl103' },
    retention: retention({ until: ['case_closed'], graceMonths: 0, byLaw: true, note: '案件办结后按诉讼档案的法定期限仅存储；不得披露可能识别儿童身份的信息', clause: 'pipl47' }),
  }),

  legal_aid: define('legal_aid', {
    clauses: ['m6', 'mpl104'],
    orgTypes: ['justice', 'legal_service'],
    fieldRules: [rule(['justice', 'legal_service'], HANDLE, [
      'name', 'gender', 'birthDate', 'idNumber', 'phone', 'householdAddress', 'residenceAddress', 'regionCode',
      'health', 'abuseVictim', 'guardianSituation', ...GUARDIAN_CONTACT, 'guardianIdNumber', 'assistance',
    ])],
    actRefusals: { disclose: 'mpl103' },
    retention: retention({ until: ['case_closed', 'consent_ended'], graceMonths: 0, byLaw: true, note: '援助事项办结即停止其他处理；卷宗另有法定期限的，仅存储', clause: 'pipl47' }),
  }),

  family_education: define('family_education', {
    clauses: ['m10', 'mpl82'],
    orgTypes: ['civil_affairs', 'womens_federation', 'education', 'school', 'care_committee', 'social_org', 'volunteer_team', 'youth_league', 'trade_union'],
    fieldRules: [
      rule(['civil_affairs', 'education'], HANDLE, ['name', 'gender', 'grade', 'regionCode', 'residenceAddress', ...GUARDIAN_CONTACT, 'guardianSituation']),
      // 第十条: who the guardian is (guardianRelation) is enough to guide; 监护情况 stays with the departments.
      rule(['school', ...ACTIVITY_ORG_TYPES], HANDLE, ['name', 'gender', 'grade', 'regionCode', ...GUARDIAN_CONTACT]),
    ],
    retention: retention({ until: ['activity_ended', 'consent_ended'], graceMonths: 0, byLaw: false, note: '指导活动结束或同意撤回、到期即删除', clause: 'pipl47' }),
  }),

  disability_service: define('disability_service', {
    clauses: ['m11'],
    orgTypes: ['disabled_persons_federation', 'civil_affairs', 'welfare_institution', 'medical'],
    fieldRules: [rule(['disabled_persons_federation', 'civil_affairs', 'welfare_institution', 'medical'], HANDLE_AND_PROVIDE, [
      'name', 'gender', 'birthDate', 'idNumber', 'phone', 'residenceAddress', 'regionCode', 'school', 'grade',
      'disability', 'health', ...GUARDIAN_CONTACT, 'assistance',
    ])],
    retention: retention({ until: ['service_ended', 'consent_ended'], graceMonths: 0, byLaw: false, note: '康复或服务终止、同意撤回或到期即删除', clause: 'pipl47' }),
  }),

  publicity: define('publicity', {
    clauses: ['m13', 'm14'],
    orgTypes: [
      'publicity', 'media', 'radio_tv', 'culture_tourism', 'civil_affairs', 'education', 'school', 'women_children_committee',
      'womens_federation', 'youth_league', 'trade_union', 'care_committee', 'disabled_persons_federation', 'social_org', 'welfare_institution',
    ],
    fieldRules: [
      rule(['publicity', 'media', 'radio_tv', 'culture_tourism', 'civil_affairs', 'education', 'school', 'women_children_committee',
        'womens_federation', 'youth_league', 'trade_union', 'care_committee', 'disabled_persons_federation', 'social_org', 'welfare_institution'],
      ['collect', 'store', 'use', 'process', 'delete'], ['name', 'gender', 'grade', 'photo']),
      // 第十四条: no name, address, portrait, voice or school in what is published; 第十五条: no label.
      rule(['publicity', 'media', 'radio_tv', 'culture_tourism', 'civil_affairs', 'education', 'school', 'women_children_committee',
        'womens_federation', 'youth_league', 'trade_union', 'care_committee', 'disabled_persons_federation', 'social_org', 'welfare_institution'],
      ['disclose'], ['gender', 'grade']),
    ],
    publication: true,
    retention: retention({ until: ['activity_ended', 'consent_ended'], graceMonths: 0, byLaw: false, note: '报道发布后删除采集的原始信息；同意撤回即停止发布', clause: 'pipl47' }),
  }),

  statistics: define('statistics', {
    clauses: ['pipl6'],
    orgTypes: ['civil_affairs', 'women_children_committee', 'education', 'health', 'disabled_persons_federation'],
    // Only use and process: the output is anonymised (第三条) and is no longer personal information.
    fieldRules: [rule(['civil_affairs', 'women_children_committee', 'education', 'health', 'disabled_persons_federation'], ['use', 'process'],
      ['gender', 'birthDate', 'ethnicity', 'regionCode', 'grade', 'categories', 'assistance'])],
    retention: retention({ until: ['not_retained'], graceMonths: 0, byLaw: false, note: '只保留匿名化的统计结果', clause: 'pipl19' }),
  }),

  fundraising: forbidden('fundraising'),
  livestream_commerce: forbidden('livestream_commerce'),
  traffic: forbidden('traffic'),
});
