/**
 * Publication review (第八、十三、十四、十五条): what a submission declares, what the engine found in
 * it, which registered children it was linked to, and what the review decides. The types of
 * elements are the redaction engine's entity types plus FACE and VOICE for media; core does not
 * depend on the engine, so they are plain strings here.
 */
import type { AgeBand } from '../basis/age.ts';
import type { ConsentGiver, ConsentRecord, GuardianNotice } from '../basis/consent-types.ts';
import type { IsoDate } from '../basis/iso-date.ts';
import type { OrgType } from '../orgs/org-types.ts';
import type { PurposeCode } from '../purposes/purpose-codes.ts';

/** What is being published: news and reports (第十三条), lists (第八条), case releases, posters and programmes (第十四条). */
export const PUBLICATION_KINDS = {
  news: '新闻报道/通讯',
  report: '工作报告/简报',
  case_release: '典型案例发布',
  award_list: '奖励名单公示',
  aid_list: '资助/救助名单公示',
  poster: '海报/宣传画',
  video: '音视频节目',
} as const;
export type PublicationKind = keyof typeof PUBLICATION_KINDS;

export const PUBLICATION_CHANNELS = {
  newspaper: '报刊',
  broadcast: '广播电视',
  website: '网站',
  social_media: '微信公众号、微博等新媒体',
  short_video: '短视频平台',
  livestream: '网络直播',
  school_notice: '校内公示栏/校园网',
  government_notice: '政务公开栏/政府网站',
  print: '印刷品/展板',
  other: '其他',
} as const;
export type PublicationChannel = keyof typeof PUBLICATION_CHANNELS;

export const PUBLICATION_AUDIENCES = {
  public: '社会公众',
  local: '本辖区/本单位',
  school: '本校师生及家长',
  internal: '机关内部',
} as const;
export type PublicationAudience = keyof typeof PUBLICATION_AUDIENCES;

/** Identifying elements 第十四条 names (姓名、家庭住址、肖像、声音影像、就读学校) and the other identifiers the engine finds. */
export const IDENTIFYING_TYPES = [
  'PERSON', 'ID_CARD', 'PHONE', 'BANK_CARD', 'EMAIL', 'QQ', 'WECHAT', 'PLATE', 'PASSPORT', 'DATE_OF_BIRTH', 'ADDRESS', 'SCHOOL', 'FACE', 'VOICE',
] as const;
/** EMBEDDED_MEDIA: a picture inside a document, which text processing cannot reach. */
export type ElementType = (typeof IDENTIFYING_TYPES)[number] | 'LABEL' | 'EXPLOIT_CUE' | 'EMBEDDED_MEDIA';

/** One thing the engine found in the submission (or a reviewer added), as the rules see it. */
export interface ElementFact {
  /** Stable within the publication; checks point back to it. */
  readonly id: string;
  readonly type: ElementType | string;
  /** The file's published name. */
  readonly file: string;
  /** Paragraph, cell or line inside the file; absent for media. */
  readonly location?: string;
  /** Code points inside `location` (end exclusive); absent for media. */
  readonly start?: number;
  readonly end?: number;
  /** For labels and cues, the lexicon category (fundraising, livestream, orphan …). */
  readonly category?: string;
  /** For labels and cues only, the word as written: such words identify no one. */
  readonly word?: string;
  /** A reviewer left it unprocessed (consented and needed). */
  readonly kept?: boolean;
  /** A reviewer judged it not personal information (a false detection). */
  readonly removed?: boolean;
}

/** A registered child the submission was linked to, with what the decision needs; `ref` is opaque. */
export interface LinkedChild {
  readonly ref: string;
  readonly birthDate: IsoDate;
  readonly canExpressWill: boolean;
  readonly consents: readonly ConsentRecord[];
  readonly guardianNotices: readonly GuardianNotice[];
}

export interface PublicationInput {
  /** The civil date (Asia/Shanghai) of the review. */
  readonly date: IsoDate;
  readonly submitter: { readonly orgType: OrgType; readonly orgId?: string };
  readonly kind: PublicationKind;
  readonly channel: PublicationChannel;
  readonly audience: PublicationAudience;
  readonly purpose: PurposeCode;
  readonly elements: readonly ElementFact[];
  readonly children: readonly LinkedChild[];
}

export type PublicationOutcome = 'blocked' | 'needs_consent' | 'flagged' | 'ok';
/** block: may never be published as is; consent: not until consent is on file; flag: a reviewer must address it; info: for the record. */
export type CheckSeverity = 'block' | 'consent' | 'flag' | 'info';

export type PublicationCheckCode =
  | 'forbidden_purpose' | 'forbidden_channel' | 'exploit_cue' | 'exploit_cue_in_case'
  | 'keep_not_allowed' | 'guardian_consent_missing' | 'child_consent_missing' | 'notice_missing' | 'guardian_notice_missing'
  | 'consent_on_file' | 'label_near_child' | 'embedded_media' | 'identifier_kept' | 'kept_unverified' | 'unlinked_persons' | 'processed' | 'list_processed';

export interface PublicationCheck {
  readonly code: PublicationCheckCode;
  readonly severity: CheckSeverity;
  /** The article relied on, e.g. 《困境儿童个人信息保护工作办法》第十五条. */
  readonly clause: string;
  /** Simplified Chinese, for submitters and reviewers; never a child's name or number. */
  readonly message: string;
  readonly childRef?: string;
  readonly elementIds?: readonly string[];
}

export interface ConsentNeedStatus {
  readonly by: ConsentGiver;
  readonly satisfied: boolean;
  /** The consent relied on, when one covers the publication. */
  readonly consentId?: string;
}

export interface ChildConsentStatus {
  readonly ref: string;
  readonly ageBand: AgeBand;
  readonly needs: readonly ConsentNeedStatus[];
  /** Every consent 第十二、十三条 require is on file, with the notice of necessity and impact. */
  readonly consented: boolean;
}

export interface PublicationDecision {
  readonly outcome: PublicationOutcome;
  readonly checks: readonly PublicationCheck[];
  readonly children: readonly ChildConsentStatus[];
}
