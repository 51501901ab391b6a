import type { ColumnType, Generated } from 'kysely';

/** Row types for Kysely. Encrypted values live in `fields_enc` as {fieldKey: base64 sealed blob}. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type EncryptedFields = Record<string, string>;

export interface OrgsTable {
  id: Generated<string>;
  name: string;
  type: string;
  region_code: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  org_id: string | null;
  role: string;
  jurisdiction: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Date | null;
  totp_secret_enc: Buffer | null;
  totp_enrolled: Generated<boolean>;
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: Buffer;
  user_id: string;
  stage: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: Buffer;
  prefix: string;
  created_at: Timestamp;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ChildrenTable {
  id: string;
  owner_org_id: string;
  region_code: string;
  gender: string | null;
  grade: string | null;
  data_key_wrapped: Buffer | null;
  master_key_version: number | null;
  fields_enc: ColumnType<EncryptedFields, string, string>;
  bidx_id_number: Buffer | null;
  bidx_name_birth: Buffer | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  shredded_at: Date | null;
  /** 第十二条第三款: false when the child cannot express a will; the guardian then consents too. */
  can_express_will: Generated<boolean>;
}

export interface ChildIndexTokensTable {
  child_id: string;
  index_name: string;
  token: Buffer;
}

export interface GuardiansTable {
  id: string;
  child_id: string;
  relation: string;
  fields_enc: ColumnType<EncryptedFields, string, string>;
  bidx_guardian_id_number: Buffer | null;
  bidx_guardian_name: Buffer | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VisitsTable {
  id: string;
  child_id: string;
  visitor_user_id: string | null;
  visited_on: ColumnType<string, string, string>;
  kind: string;
  fields_enc: ColumnType<EncryptedFields, string, string>;
  created_at: Timestamp;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  seq: number | null;
  at: Date;
  category: string;
  act: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  accountable_org_id: string | null;
  purpose: string | null;
  basis: string | null;
  child_ids: string[];
  fields: string[];
  request_id: string | null;
  outcome: string;
  reason: string | null;
  leaf_hash: Buffer | null;
  chain_hash: Buffer | null;
}

export interface LedgerNodesTable {
  level: number;
  idx: number;
  hash: Buffer;
}

export interface LedgerCheckpointsTable {
  tree_size: number;
  root_hash: Buffer;
  at: string;
  signature: string;
  public_key: string;
}

export interface MetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

export interface ConsentsTable {
  id: string;
  child_id: string;
  given_by: 'guardian' | 'child';
  guardian_id: string | null;
  guardian_relation: string | null;
  purposes: string[];
  recipient_org_types: string[];
  recipient_org_ids: string[];
  field_classes: string[];
  separate: boolean;
  given_on: ColumnType<string, string, string>;
  valid_until: ColumnType<string | null, string | null, string | null>;
  method: 'paper' | 'in_person' | 'phone';
  evidence_sm3: string | null;
  notice: ColumnType<ConsentNotice, string, string>;
  notice_of_necessity_and_impact: boolean;
  recorded_by: string | null;
  recorded_org_id: string | null;
  created_at: Timestamp;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}

/** 个人信息保护法 第十七条、第三十条: what the family was told. */
export interface ConsentNotice {
  purpose: string;
  method: string;
  categories: string;
  retention: string;
  rights: string;
  contact: string;
  necessityAndImpact?: string;
}

export interface GuardianNotificationsTable {
  id: string;
  child_id: string;
  guardian_id: string | null;
  notified_on: ColumnType<string, string, string>;
  method: 'paper' | 'in_person' | 'phone' | 'sms';
  purposes: string[];
  content: string;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface EmergencyAccessesTable {
  id: string;
  child_id: string;
  user_id: string;
  org_id: string | null;
  justification: string;
  created_at: Timestamp;
  expires_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_outcome: 'justified' | 'unjustified' | null;
  review_note: string | null;
}

export interface PurposesTable {
  code: string;
  definition: ColumnType<unknown, string, string>;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
  change_note: string;
}

/** 个人信息保护法 第五十五、五十六条: the assessment recorded when a sharing agreement is approved. */
export interface ImpactAssessment {
  necessity: string;
  impact: string;
  risks: string;
  measures: string;
  conclusion: string;
}

export interface SharingAgreementsTable {
  id: string;
  requester_org_id: string;
  owner_org_id: string;
  purpose: string;
  child_ids: string[];
  region_code: string | null;
  category: string | null;
  fields: string[];
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  activity_ends_on: ColumnType<string | null, string | null, string | null>;
  security_measures: string;
  responsible_person: ColumnType<{ name: string; title: string; phone: string }, string, string>;
  requested_by: string;
  requested_at: Timestamp;
  status: 'requested' | 'approved' | 'refused' | 'revoked';
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  narrowed: boolean | null;
  impact_assessment: ColumnType<ImpactAssessment | null, string | null, string | null>;
  granted_fields: string[] | null;
  granted_ends_on: ColumnType<string | null, string | null, string | null>;
  /** false when the grant covers the children matching criteria at approval (DTO childIds: null). */
  granted_named: boolean | null;
  granted_child_count: number | null;
  revoked_by: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export interface SharingGrantChildrenTable {
  agreement_id: string;
  child_id: string;
}

export interface PurposeEndsTable {
  id: string;
  child_id: string;
  purpose: string;
  event: string;
  ended_on: ColumnType<string, string, string>;
  recorded_by: string | null;
  recorded_org_id: string | null;
  created_at: Timestamp;
}

/** Publication review (migration 0006); `*_enc` columns are sealed with the publication's own keys. */
export interface PublicationsTable {
  id: string;
  revision_of: string | null;
  kind: string;
  channel: string;
  audience: string;
  purpose: string;
  /** The title after 技术处理: what lists show to everyone. */
  title: string;
  submitted_by: string;
  submitter_org_id: string;
  region_code: string;
  submitted_at: Timestamp;
  status: 'blocked' | 'in_review' | 'approved' | 'returned';
  outcome: 'blocked' | 'needs_consent' | 'flagged' | 'ok';
  record_key_wrapped: Buffer;
  record_key_version: number;
  record_enc: Buffer;
  draft_key_wrapped: Buffer | null;
  draft_key_version: number | null;
  draft_enc: Buffer | null;
  draft_purge_after: Date | null;
  draft_purged_at: Date | null;
  updated_at: Timestamp;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  return_reasons: string[] | null;
  manifest_sm3: string | null;
}

export interface PublicationFilesTable {
  id: string;
  publication_id: string;
  position: number;
  role: 'document' | 'image' | 'audio' | 'transcript';
  name: string;
  media_type: string;
  original_enc: Buffer | null;
  original_size: number;
  original_sm3: string;
  processed_enc: Buffer | null;
  processed_size: number | null;
  processed_sm3: string | null;
}

export interface PublicationChildrenTable {
  publication_id: string;
  child_id: string;
  ref: string;
  matched_by: string;
  owner_org_id: string;
}

/** Leak screening (migration 0007): keyed prints per child and the packages built from them. */
export interface ScreeningPrintsTable {
  child_id: string;
  region_code: string;
  ref: Buffer;
  row_version: Buffer;
  key_epoch: number;
  derive_version: number;
  prints: Buffer;
  derived_at: Timestamp;
}

export interface ScreeningPackagesTable {
  version: number;
  key_epoch: number;
  region_code: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  children: number;
  fingerprints: number;
  derived: number;
  reused: number;
  removed: number;
  bytes: ColumnType<number, number, number>;
  digest: Buffer;
  built_by: string;
  built_org_id: string | null;
}

/** Leak incidents (migration 0008): hits resolved to children, notices, follow-ups, breach records. */
export interface IncidentsTable {
  id: string;
  status: 'open' | 'notified' | 'closed';
  source_kind: 'cyberspace_screening' | 'platform_self' | 'internal';
  source_name: string;
  post_id: string;
  url: string | null;
  child_id: string;
  child_ref: string;
  owner_org_id: string;
  child_region_code: string;
  flags: string[];
  score: number;
  package_version: string | null;
  ingest_org_id: string;
  ingested_by: string;
  detected_at: Timestamp;
  updated_at: Timestamp;
  due_at: Date | null;
  closed_at: Date | null;
  closed_by: string | null;
  resolution: 'removed' | 'corrected' | 'false_hit' | 'not_actionable' | null;
  close_note: string | null;
}

export interface IncidentEvidenceTable {
  incident_id: string;
  position: number;
  kinds: string[];
  excerpt: string | null;
  post_sm3: string | null;
}

export interface IncidentNoticesTable {
  id: string;
  incident_id: string;
  recipient: string;
  recipient_kind: 'platform' | 'publisher';
  request: 'remove' | 'correct' | 'mask';
  contact: string;
  issued_by: string;
  issued_org_id: string;
  issued_at: Timestamp;
  due_at: Date;
}

export interface IncidentFollowUpsTable {
  id: string;
  incident_id: string;
  at: Timestamp;
  by_user: string;
  note: string;
  outcome: 'removed' | 'corrected' | 'no_response' | 'refused' | null;
}

export interface IncidentBreachesTable {
  incident_id: string;
  cause: string;
  info_types: string[];
  harm: string;
  measures: string;
  individual_measures: string;
  contact: string;
  authority: string;
  recorded_by: string;
  recorded_org_id: string;
  recorded_at: Timestamp;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: string;
  at: Timestamp;
  act: string;
  by_user: string | null;
  summary: string;
}

export interface Database {
  screening_prints: ScreeningPrintsTable;
  screening_packages: ScreeningPackagesTable;
  publications: PublicationsTable;
  publication_files: PublicationFilesTable;
  publication_children: PublicationChildrenTable;
  purpose_ends: PurposeEndsTable;
  sharing_agreements: SharingAgreementsTable;
  sharing_grant_children: SharingGrantChildrenTable;
  purposes: PurposesTable;
  emergency_accesses: EmergencyAccessesTable;
  consents: ConsentsTable;
  guardian_notifications: GuardianNotificationsTable;
  orgs: OrgsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  children: ChildrenTable;
  child_index_tokens: ChildIndexTokensTable;
  guardians: GuardiansTable;
  visits: VisitsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_nodes: LedgerNodesTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  meta: MetaTable;
  incidents: IncidentsTable;
  incident_evidence: IncidentEvidenceTable;
  incident_notices: IncidentNoticesTable;
  incident_follow_ups: IncidentFollowUpsTable;
  incident_breaches: IncidentBreachesTable;
  incident_events: IncidentEventsTable;
}
