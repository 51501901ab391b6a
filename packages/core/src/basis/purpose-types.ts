/**
 * The shape of one entry of the purposes catalogue (第七至十一、十三、十五条). A purpose says who may
 * use it, which fields are the minimum for each act, on which lawful basis, and how long the data
 * may be kept. The catalogue is data; the decision only reads it.
 */
import type { FieldKey } from '../fields/field-catalogue.ts';
import type { ProcessingAct } from '../ledger/acts.ts';
import type { OrgType } from '../orgs/org-types.ts';
import type { PurposeCode } from '../purposes/purpose-codes.ts';
import type { ClauseKey } from './clauses.ts';

/** The minimum fields the listed org types need for the listed acts. Rules add up. */
export interface FieldRule {
  readonly orgTypes: readonly OrgType[];
  readonly acts: readonly ProcessingAct[];
  readonly fields: readonly FieldKey[];
}

/**
 * A duty laid down by law (个人信息保护法 第十三条第一款第三项): for these org types and acts no
 * consent is needed (第十三条第二款), within what the duty requires (第三十四条).
 */
export interface StatutoryDuty {
  readonly orgTypes: readonly OrgType[];
  readonly acts: readonly ProcessingAct[];
  readonly clauses: readonly ClauseKey[];
  /** Why the duty exists, for the reason shown to officers. */
  readonly message: string;
}

export const RETENTION_EVENTS = {
  service_ended: '救助、服务或帮扶终止',
  activity_ended: '活动结束',
  age_18: '儿童年满十八周岁',
  case_closed: '案件办结',
  consent_ended: '同意撤回或到期',
  not_retained: '不留存个人信息（仅保留匿名化结果）',
} as const;
export type RetentionEvent = keyof typeof RETENTION_EVENTS;

/**
 * 个人信息保护法 第十九条 (the shortest time needed) and 第四十七条 (delete when the purpose is
 * achieved or consent withdrawn): processing for the purpose ends at the first of `until`, and
 * the data is deleted `graceMonths` later. `byLaw`: a law or regulation sets a longer period
 * (case files, medical records) — then only storage and security continue (第四十七条第二款).
 */
export interface RetentionRule {
  readonly until: readonly RetentionEvent[];
  readonly graceMonths: number;
  readonly byLaw: boolean;
  readonly note: string;
  readonly clause: ClauseKey;
}

export interface PurposeDefinition {
  readonly code: PurposeCode;
  readonly label: string;
  /** 第十五条: refused whatever consent exists. */
  readonly forbidden: boolean;
  /** The articles that describe this work. The first is cited when an org type may not use it. */
  readonly clauses: readonly ClauseKey[];
  readonly orgTypes: readonly OrgType[];
  readonly fieldRules: readonly FieldRule[];
  readonly statutoryDuties: readonly StatutoryDuty[];
  /** 第十三条: publication needs consent after notice of necessity and impact. */
  readonly publication: boolean;
  /** Article cited when an act is outside the purpose (otherwise 第二十五条 for 公开, 第六条 else). */
  readonly actRefusals: Readonly<Partial<Record<ProcessingAct, ClauseKey>>>;
  readonly retention: RetentionRule;
}

/** The whole catalogue, one definition per purpose code. */
export type PurposesCatalogue = Readonly<Record<PurposeCode, PurposeDefinition>>;
