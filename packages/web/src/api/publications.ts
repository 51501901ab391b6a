/**
 * 发布审核 (第八、十三、十四、十五条): drafts go to the server, which processes them, links the
 * children they name and checks consent; the console shows what it sent back and asks it to act.
 */
import { ApiError, buildUrl, http, type ProblemBody, type QueryValue } from './client.ts';

export type PublicationStatus = 'blocked' | 'in_review' | 'approved' | 'returned';
export type PublicationOutcome = 'blocked' | 'needs_consent' | 'flagged' | 'ok';
export type Severity = 'block' | 'consent' | 'flag' | 'info';
export type FileVersion = 'processed' | 'original';

export interface UserRef { id: string; displayName: string }

export interface PublicationItem {
  id: string;
  /** Already processed: the list never shows a raw title. */
  title: string;
  kind: string; kindLabel: string;
  channel: string; channelLabel: string;
  audience: string; audienceLabel: string;
  purpose: string; purposeLabel: string;
  status: PublicationStatus;
  outcome: PublicationOutcome;
  revisionOf: string | null;
  submittedBy: UserRef;
  submitterOrg: { id: string; name: string; type: string };
  regionCode: string;
  submittedAt: string;
  updatedAt: string;
  fileCount: number;
  linkedChildren: number;
}

export interface PublicationCheck {
  code: string;
  severity: Severity;
  clause: string;
  message: string;
  childRef?: string;
  elementIds?: string[];
}

export interface Box { x: number; y: number; width: number; height: number }

export interface PublicationFinding {
  /** `2:5` (file 2, entry 5), `1:face-0`, `3:m0`, `title:0`. */
  id: string;
  type: string;
  /** Text operator (pseudonym, generalise, delete, neutralise, mask, keep) or blurred, pixelated, masked, kept, muted, altered. */
  action: string;
  article: string;
  reason?: string;
  /** Masked (张*), or the word as written for labels and cues. */
  original?: string;
  replacement?: string;
  /** The words found: reviewers only, and only while the draft exists. */
  text?: string;
  /** Paragraph, cell or line; absent in plain text, where start/end count from the top. */
  location?: string;
  /** Code points, end exclusive. */
  start?: number;
  end?: number;
  box?: Box;
  /** Seconds into a recording. */
  from?: number;
  to?: number;
  score: number;
  source?: string;
  flag?: string;
}

export type FileRole = 'document' | 'image' | 'audio' | 'transcript';

export interface PublicationFile {
  name: string;
  role: FileRole;
  mediaType: string;
  originalSize: number;
  processedSize: number | null;
  processedSm3: string | null;
  transcriptOf?: string;
  findings: PublicationFinding[];
  omitted: number;
  counts: Record<string, number>;
  metadataRemoved?: string[];
  voiceAltered?: { pitchSemitones: number; formant: string; formantSemitones?: number };
  durationSeconds?: number;
  width?: number;
  height?: number;
  warnings?: string[];
  embeddedMedia?: number;
  downloads: { processed: boolean; original: boolean };
}

export interface ConsentNeed { by: 'guardian' | 'child'; satisfied: boolean; consentId?: string }

export interface LinkedChild {
  /** Opaque within this publication (C1, C2 …). */
  ref: string;
  maskedName: string | null;
  matchedBy: 'id_number' | 'name_school' | 'name';
  ageBand: 'under14' | 'from14' | 'adult';
  consented: boolean;
  needs: ConsentNeed[];
}

export interface Term {
  id: string;
  type: string;
  text: string;
  sources: string[];
  action?: 'keep' | 'remove';
  reason?: string;
}

export interface Addition { id: string; type: string; text: string; reason: string }

export interface Adjustment { id: string; action: 'keep' | 'remove' | 'add'; type: string; reason: string; by: string; at: string }

export interface Abilities { adjust: boolean; approve: boolean; return: boolean; resubmit: boolean }

export interface PublicationDetail extends PublicationItem {
  viewer: 'submitter' | 'reviewer';
  decision: { by: UserRef; at: string; note: string | null; reasons: string[] } | null;
  manifestSm3: string | null;
  draft: { available: boolean; destroyAfter: string | null; destroyedAt: string | null };
  titleFindings: PublicationFinding[];
  files: PublicationFile[];
  checks: PublicationCheck[];
  children: LinkedChild[];
  /** Reviewers only, while the draft exists. */
  terms?: Term[];
  additions?: Addition[];
  adjustments: Adjustment[];
  abilities: Abilities;
}

export interface SubmitFile { filename: string; contentBase64: string }

export interface SubmitBody {
  title: string;
  kind: string;
  channel: string;
  audience: string;
  purpose?: string;
  files: SubmitFile[];
  revisionOf?: string;
}

export interface AdjustBody {
  keep: Array<{ id: string; reason: string }>;
  remove: Array<{ id: string; reason: string }>;
  add: Array<{ type: string; text: string; reason: string }>;
}

export interface DownloadedFile {
  /** As the server names it: 未批准-… or 原稿-未经技术处理-… unless approved. */
  filename: string;
  blob: Blob;
  version: FileVersion;
  approval: 'approved' | 'draft';
  sm3: string;
}

const at = (id: string) => `/publications/${encodeURIComponent(id)}`;

function filenameOf(res: Response, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/iu.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return star ? decodeURIComponent(star) : fallback;
}

export const publicationsApi = {
  list: (q: { box: 'mine' | 'review'; status?: PublicationStatus | undefined; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    http.get<{ items: PublicationItem[]; total: number }>('/publications', q as Record<string, QueryValue>, signal),
  get: (id: string, signal?: AbortSignal) => http.get<PublicationDetail>(at(id), undefined, signal),
  submit: (body: SubmitBody) => http.post<PublicationDetail>('/publications', body),
  adjust: (id: string, body: AdjustBody) => http.put<PublicationDetail>(`${at(id)}/findings`, body),
  approve: (id: string, note: string) => http.post<PublicationDetail>(`${at(id)}/approve`, { note }),
  return: (id: string, reasons: string[]) => http.post<PublicationDetail>(`${at(id)}/return`, { reasons }),
  /**
   * A file as bytes, with what the server says it is. Each original fetched is a 使用 in the
   * ledger, so callers fetch one only when it is to be shown or saved.
   */
  async file(id: string, name: string, version: FileVersion, signal?: AbortSignal): Promise<DownloadedFile> {
    const res = await fetch(buildUrl(`${at(id)}/files/${encodeURIComponent(name)}`, { version }), { credentials: 'same-origin', ...(signal ? { signal } : {}) });
    if (!res.ok) {
      const body = await res.json().catch(() => ({ status: res.status })) as ProblemBody;
      throw new ApiError(res.status, body);
    }
    return {
      filename: filenameOf(res, name),
      blob: await res.blob(),
      version: res.headers.get('x-hutong-version') === 'original' ? 'original' : 'processed',
      approval: res.headers.get('x-hutong-approval') === 'approved' ? 'approved' : 'draft',
      sm3: res.headers.get('x-hutong-sm3') ?? '',
    };
  },
};
