/** Shapes of the server's answers (packages/server), as the console reads them. */

export type LoginNext = 'change_password' | 'enrol_totp' | 'totp' | 'done';

export interface MeUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  jurisdiction: string | null;
  mustChangePassword: boolean;
}

export interface MeOrg {
  id: string;
  name: string;
  type: string;
  typeLabel: string;
  regionCode: string;
}

export interface Me {
  user: MeUser;
  org: MeOrg | null;
  permissions: string[];
  stage: string;
  idleTimeoutSeconds: number;
  expiresAt: string;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface ApiToken {
  id: string;
  revoked?: boolean;
  expired?: boolean;
  name?: string;
  label?: string;
  prefix?: string;
  createdAt?: string;
  lastUsedAt?: string | null;
  expiresAt?: string | null;
  revokedAt?: string | null;
}

export interface CreatedToken extends ApiToken {
  token: string;
}

export interface Org {
  id: string;
  name: string;
  type: string;
  typeLabel?: string;
  regionCode: string;
  regionName?: string;
  createdAt?: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  roleLabel?: string;
  orgId: string | null;
  orgName?: string | null;
  jurisdiction: string | null;
  jurisdictionName?: string;
  locked?: boolean;
  totpEnrolled?: boolean;
  failedLogins?: number;
  lockedUntil?: string | null;
  mustChangePassword?: boolean;
  disabled?: boolean;
  lastLoginAt?: string | null;
  createdAt?: string;
}

export interface CreatedUser {
  user: User;
  initialPassword: string;
}

export interface Region {
  code: string;
  name: string;
  level: number | string;
  hasChildren: boolean;
}

export interface RegionDetail {
  code: string;
  name: string;
  fullName?: string;
  level: number | string;
  path: { code: string; name: string }[];
}

export type Sensitivity = 'direct' | 'location' | 'sensitive' | 'general';

/** One value as the server projects it: masked unless a purpose allowed the clear value. */
export interface FieldValue {
  value: unknown;
  masked: boolean;
}

export interface LabelledField extends FieldValue {
  key: string;
  label: string;
  sensitivity?: Sensitivity;
  /** No lawful basis to show it: the value is not sent at all. */
  withheld?: boolean;
}

export interface ChildSummary {
  id: string;
  regionCode: string;
  regionName?: string;
  ownerOrg?: { id: string; name: string };
  fields: Record<string, FieldValue | undefined>;
}

export interface FieldGroup {
  sensitivity: Sensitivity;
  label: string;
  fields: LabelledField[];
}

export interface Guardian {
  id: string;
  relation?: string;
  fields: LabelledField[] | Record<string, FieldValue>;
}

export interface Visit {
  id: string;
  visitedOn?: string;
  kind?: string;
  kindLabel?: string;
  notes?: FieldValue | string | null;
  visitorName?: string;
  createdByName?: string;
  fields?: LabelledField[] | Record<string, FieldValue>;
  [k: string]: unknown;
}

export interface AccessBasis {
  purpose: string;
  purposeLabel?: string;
  article: string;
  message: string;
}

export interface ChildDetail {
  id: string;
  ownerOrg: { id: string; name: string };
  regionCode: string;
  regionName?: string;
  groups: FieldGroup[];
  guardians: Guardian[];
  visits: Visit[];
  basis?: AccessBasis;
  /** 第十二条第三款: false when the child cannot express a will (the guardian then consents too). */
  canExpressWill?: boolean;
}

export interface LedgerEntry {
  /** Null for an entry a few seconds old that the sequencer has not numbered yet. */
  seq: number | null;
  at: string;
  category: string;
  act: string;
  actLabel?: string;
  actorUserId: string | null;
  actorName?: string | null;
  actorOrgId: string | null;
  actorOrgName?: string | null;
  accountableOrgId: string | null;
  accountableOrgName?: string | null;
  requestId?: string | null;
  purpose: string | null;
  basis: string | null;
  childIds: string[] | null;
  fields: string[] | null;
  outcome: string;
  reason: string | null;
  [k: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  checkpoints: number;
  root: string;
  firstError?: { seq: number | null; kind: string; message: string; treeSize?: number };
  unsequencedOverdue?: number;
  fileCheckpoints?: number;
  seconds?: number;
}

export interface Checkpoint {
  treeSize: number;
  rootHash?: string;
  root?: string;
  at?: string;
  [k: string]: unknown;
}

export interface InclusionProof {
  hash?: string;
  entryCanonicalHex?: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
}

/** 个人信息保护法 第十七条: what the person was told before consenting. */
export interface ConsentNotice {
  purpose: string;
  method: string;
  categories: string;
  retention: string;
  rights: string;
  contact: string;
  necessityAndImpact?: string;
}

export interface Consent {
  id: string;
  givenBy: 'guardian' | 'child';
  guardianId: string | null;
  guardianRelation: string | null;
  purposes: string[];
  purposeLabels?: string[];
  recipientOrgTypes: string[] | null;
  fieldClasses: string[] | null;
  separate: boolean;
  givenOn: string;
  validUntil: string | null;
  method: string;
  evidenceSm3: string | null;
  notice: ConsentNotice;
  noticeOfNecessityAndImpact: boolean;
  status: 'active' | 'withdrawn' | 'expired';
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

export interface GuardianNotification {
  id: string;
  guardianId: string | null;
  notifiedOn: string;
  method: string;
  purposes: string[];
  content: string;
}

export interface ConsentsAnswer {
  consents: Consent[];
  notifications: GuardianNotification[];
  purposeEnds?: PurposeEnd[];
}

/** 个人信息保护法 第四十七条: a purpose achieved (救助终止、活动结束、案件办结). */
export interface PurposeEnd {
  purpose: string;
  purposeLabel: string;
  event: string;
  eventLabel: string;
  endedOn: string;
}

export type PurposeEndEvent = 'service_ended' | 'activity_ended' | 'case_closed';

export interface GuardianInput {
  name: string;
  relation: string;
  phone?: string;
  idNumber?: string;
}

/** Registration consent: as NewConsent, but naming the guardian by position in `guardians`. */
export type RegistrationConsent = Omit<NewConsent, 'guardianId'> & { guardianIndex?: number };

export interface NewChild {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber?: string;
  ethnicity?: string;
  phone?: string;
  householdAddress?: string;
  residenceAddress?: string;
  regionCode: string;
  school?: string;
  grade?: string;
  categories: string[];
  health?: string;
  disability?: string;
  abuseVictim?: string;
  guardianSituation?: string;
  assistance?: string;
  guardians?: GuardianInput[];
  canExpressWill?: boolean;
  consent?: RegistrationConsent;
  purpose?: string;
}

export type ChildPatch = Partial<Omit<NewChild, 'guardians' | 'consent'>>;

export interface NewConsent {
  givenBy: 'guardian' | 'child';
  guardianId?: string;
  purposes: string[];
  recipientOrgTypes?: string[];
  separate?: boolean;
  givenOn: string;
  validUntil?: string;
  method: 'paper' | 'in_person' | 'phone';
  evidenceBase64?: string;
  notice: ConsentNotice;
  noticeOfNecessityAndImpact?: boolean;
}

export interface NewNotification {
  guardianId?: string;
  notifiedOn: string;
  method: 'paper' | 'in_person' | 'phone' | 'sms';
  purposes: string[];
  content: string;
}

export type PolicyCheckResult =
  | { index: number; id: string; decision: 'allow' | 'deny'; allowedFields: string[]; reasons: { article: string; message: string }[]; error?: undefined }
  | { index: number; id: string | null; error: { code: string; fields: { field: string; message: string }[] }; decision?: undefined };
