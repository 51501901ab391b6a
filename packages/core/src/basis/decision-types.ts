/** Input and output of the lawful-basis decision (decide.ts). */
import type { ChildCategory } from '../children/categories.ts';
import type { FieldKey } from '../fields/field-catalogue.ts';
import type { ProcessingAct } from '../ledger/acts.ts';
import type { OrgType } from '../orgs/org-types.ts';
import type { Role } from '../orgs/roles.ts';
import type { PurposeCode } from '../purposes/purpose-codes.ts';
import type { AgeBand } from './age.ts';
import type { ConsentGiver, ConsentRecord, GuardianNotice } from './consent-types.ts';
import type { IsoDate } from './iso-date.ts';
import type { PurposesCatalogue } from './purpose-types.ts';

export interface DecisionActor {
  readonly orgType: OrgType;
  readonly orgId?: string;
  readonly role: Role;
  /** The jurisdiction: a region code (2–12 digits) or '000000000000' for nationwide. */
  readonly regionCode: string;
}

export interface DecisionChild {
  readonly birthDate: IsoDate;
  readonly regionCode: string;
  /** Recorded for the caller; no rule treats a child differently by category (第十五条). */
  readonly categories: readonly ChildCategory[];
  /** 第十二条第三款: false when the child cannot express a will (身心健康等原因). */
  readonly canExpressWill: boolean;
  /** Purposes recorded as ended for this child (service ended, case closed…): 个人信息保护法 第四十七条. */
  readonly endedPurposes?: readonly PurposeCode[];
}

/** For 提供: the organisation that receives the data (个人信息保护法 第二十三条). */
export interface DecisionRecipient {
  readonly orgType: OrgType;
  readonly orgId?: string;
}

export interface DecisionInput {
  /** The civil date (Asia/Shanghai) of the act, 'YYYY-MM-DD'. */
  readonly date: IsoDate;
  readonly actor: DecisionActor;
  readonly child: DecisionChild;
  readonly consents: readonly ConsentRecord[];
  readonly guardianNotices: readonly GuardianNotice[];
  readonly purpose: PurposeCode;
  readonly act: ProcessingAct;
  /** Requested fields; absent means "the purpose's minimum for this act". */
  readonly fields?: readonly FieldKey[];
  readonly recipient?: DecisionRecipient;
  /** The catalogue in force (officers edit it); absent means the seeded PURPOSES_CATALOGUE. */
  readonly catalogue?: PurposesCatalogue;
}

/** Stable codes the server and console switch on; messages are for people. */
export type ReasonCode =
  | 'forbidden_purpose' | 'out_of_jurisdiction' | 'role_not_permitted' | 'org_type_not_allowed'
  | 'act_not_in_purpose' | 'recipient_missing' | 'recipient_not_allowed'
  | 'basis_statutory' | 'basis_consent' | 'basis_deletion'
  | 'consent_missing' | 'consent_other_purpose' | 'consent_other_recipient' | 'consent_after_act'
  | 'consent_withdrawn' | 'consent_expired' | 'notice_missing' | 'guardian_notified' | 'guardian_notice_missing' | 'child_consent_insufficient'
  | 'field_stripped' | 'no_fields_left' | 'retention_ended';

export interface Reason {
  readonly code: ReasonCode;
  /** The article relied on, e.g. '《困境儿童个人信息保护工作办法》第十二条第二款'. */
  readonly clause: string;
  /** Simplified Chinese, for officers and auditors. */
  readonly message: string;
  readonly field?: FieldKey;
}

export type Basis =
  | { readonly kind: 'statutory'; readonly clauses: readonly string[] }
  | { readonly kind: 'consent'; readonly consentIndexes: readonly number[]; readonly consentIds: readonly string[]; readonly by: readonly ConsentGiver[] }
  | { readonly kind: 'deletion'; readonly clauses: readonly string[] };

export interface Decision {
  readonly allowed: boolean;
  /** null when refused. */
  readonly basis: Basis | null;
  /** The fields the act may touch; empty when refused. */
  readonly allowedFields: readonly FieldKey[];
  /** Requested fields removed as outside the minimum (each has a field_stripped reason). */
  readonly strippedFields: readonly FieldKey[];
  readonly ageBand: AgeBand | null;
  readonly reasons: readonly Reason[];
}
