/**
 * Leak incidents (《困境儿童个人信息保护工作办法》第五条): screening hits become incidents the
 * child's owning org is told of; a notice asks the platform or publisher to remove or correct; an
 * internal leak adds breach handling (个人信息保护法 第五十七条, 未成年人网络保护条例 第三十五条).
 * Evidence excerpts arrive already redacted: the console never sees the leaked text.
 */
import { ApiError, buildUrl, http, type ProblemBody, type QueryValue } from './client.ts';

export type IncidentStatus = 'open' | 'notified' | 'closed';
export type SourceKind = 'cyberspace_screening' | 'platform_self' | 'internal';
export type IncidentFlag = 'label' | 'exploit';
export type RecipientKind = 'platform' | 'publisher';
export type NoticeRequest = 'remove' | 'correct' | 'mask';
export type FollowUpOutcome = 'removed' | 'corrected' | 'no_response' | 'refused';
export type Resolution = 'removed' | 'corrected' | 'false_hit' | 'not_actionable';
export type BreachLetterKind = 'authority' | 'guardian';

export interface IncidentSource { kind: SourceKind; name: string }

export interface IncidentChild {
  /** Opaque screening reference: the child's identity never leaves the server. */
  ref: string;
  /** 王*; null once the child's record has been deleted. */
  maskedName: string | null;
  ownerOrgName: string;
}

export interface IncidentItem {
  id: string;
  status: IncidentStatus;
  child: IncidentChild;
  source: IncidentSource;
  postId: string;
  url?: string;
  flags: IncidentFlag[];
  score: number;
  detectedAt: string;
  /** The latest notice's deadline. */
  dueAt?: string;
  overdue: boolean;
  /** Breach handling recorded (an internal leak). */
  breach: boolean;
}

export interface IncidentEvidence {
  /** The kinds joined with + where several spans were merged. */
  kind: string;
  kinds: string[];
  /** Redacted by the server; null when no post text was given. */
  excerpt: string | null;
  postSm3: string | null;
}

export interface IncidentNotice {
  id: string;
  recipient: string;
  recipientKind: RecipientKind;
  request: NoticeRequest;
  issuedAt: string;
  dueAt: string;
  issuedBy: string;
  contact: string;
  articles: string[];
  legalBasis: string[];
}

export interface FollowUp { at: string; by: string; note: string; outcome?: FollowUpOutcome }

export interface TimelineEvent { at: string; act: string; by: string; summary: string }

export interface BreachInput {
  cause: string;
  infoTypes: string[];
  harm: string;
  measures: string;
  /** What the guardian can do to lessen the harm; the server uses general advice when absent. */
  individualMeasures?: string;
  contact: string;
  authority: string;
}

export interface BreachRecord extends Required<BreachInput> { recordedAt: string; recordedBy: string }

export interface IncidentAbilities { notify: boolean; followUp: boolean; close: boolean; breach: boolean }

export interface Closure { at: string; by: string; resolution: Resolution; note: string }

export interface IncidentDetail extends IncidentItem {
  packageVersion: string | null;
  evidence: IncidentEvidence[];
  notices: IncidentNotice[];
  followUps: FollowUp[];
  closure: Closure | null;
  breachRecord: BreachRecord | null;
  timeline: TimelineEvent[];
  abilities: IncidentAbilities;
}

/** One line of hits.jsonl as `hutong screen scan` writes it. */
export interface HitLine {
  id: string | number;
  child: string;
  evidence: Array<{ kind: string; start: number; end: number }>;
  flags: IncidentFlag[];
  score: number;
}

export interface PostLine { id: string | number; url?: string; text: string }

export interface HitsUpload {
  source: IncidentSource;
  packageVersion?: string;
  hits: HitLine[];
  posts?: PostLine[];
}

export interface HitsResult { created: number; duplicates: number; unresolved: number; incidents: string[] }

export interface IncidentQuery {
  status?: IncidentStatus | undefined;
  overdue?: boolean | undefined;
  page?: number;
  pageSize?: number;
}

export interface NewNotice { recipient: string; recipientKind: RecipientKind; dueDays: number; request?: NoticeRequest; contact?: string }

export interface Letter { filename: string; text: string }

const at = (id: string) => `/incidents/${encodeURIComponent(id)}`;

/** The server names the letter; without a name, a plain one for the download. */
function filenameOf(res: Response, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/iu.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return star ? decodeURIComponent(star) : fallback;
}

/** Letters come as text/markdown; a refusal still comes as problem+json. */
async function letter(path: string, fallback: string, signal?: AbortSignal): Promise<Letter> {
  const res = await fetch(buildUrl(path), {
    credentials: 'same-origin',
    headers: { Accept: 'text/markdown, application/problem+json' },
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({ status: res.status })) as ProblemBody;
    throw new ApiError(res.status, body);
  }
  return { filename: filenameOf(res, fallback), text: await res.text() };
}

export const incidentsApi = {
  list: (q: IncidentQuery, signal?: AbortSignal) =>
    http.get<{ items: IncidentItem[]; total: number }>('/incidents', q as Record<string, QueryValue>, signal),
  get: (id: string, signal?: AbortSignal) => http.get<IncidentDetail>(at(id), undefined, signal),
  ingest: (body: HitsUpload) => http.post<HitsResult>('/incidents/hits', body),
  notify: (id: string, body: NewNotice) => http.post<IncidentNotice>(`${at(id)}/notices`, body),
  noticeLetter: (id: string, noticeId: string, signal?: AbortSignal) =>
    letter(`${at(id)}/notices/${encodeURIComponent(noticeId)}/letter`, `整改通知书-${noticeId}.md`, signal),
  /** These three answer with the incident as it now stands. */
  followUp: (id: string, body: { note: string; outcome?: FollowUpOutcome }) => http.post<IncidentDetail>(`${at(id)}/follow-ups`, body),
  close: (id: string, body: { resolution: Resolution; note: string }) => http.post<IncidentDetail>(`${at(id)}/close`, body),
  recordBreach: (id: string, body: BreachInput) => http.post<IncidentDetail>(`${at(id)}/breach`, body),
  breachLetter: (id: string, kind: BreachLetterKind, signal?: AbortSignal) =>
    letter(`${at(id)}/breach/letters/${kind}`, `${kind === 'authority' ? '数据泄露报告' : '告知监护人函'}-${id}.md`, signal),
};
