import { can, errors, isWithinJurisdiction } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { isUuid } from '../registry/registry.service.ts';
import { openJson, openPublicationKey, type PublicationKey } from './publication-cipher.ts';
import type { PublicationDto, Viewer } from './publication.dto.ts';
import type { DraftRecord, PublicationRecord } from './publication-record.ts';
import { filesOf, findPublication, type FileRow, type PublicationRow } from './publication.repo.ts';

/**
 * Who sees a publication: the person who submitted it, and reviewers whose jurisdiction covers
 * the submitting org's region. For anyone else it does not exist (404, as for children). A
 * submitter never reviews their own submission, even with a reviewing role (separation of duties).
 */
export interface LoadedPublication {
  row: PublicationRow;
  files: FileRow[];
  viewer: Viewer;
  recordKey: PublicationKey;
  draftKey: PublicationKey | null;
  record: PublicationRecord;
  draft: DraftRecord | null;
}

export const NOT_FOUND = '发布稿件';

export function viewerOf(actor: Actor, row: Pick<PublicationRow, 'submitted_by' | 'region_code'>): Viewer | null {
  if (row.submitted_by === actor.userId) return 'submitter';
  if (can(actor.role, 'publication.review') && isWithinJurisdiction(actor.jurisdiction, row.region_code)) return 'reviewer';
  return null;
}

export async function loadPublication(ctx: AppContext, actor: Actor, id: string): Promise<LoadedPublication> {
  const row = isUuid(id) ? await findPublication(ctx.db, id) : undefined;
  const viewer = row ? viewerOf(actor, row) : null;
  if (!row || !viewer) throw errors.notFound(NOT_FOUND);
  const recordKey = openPublicationKey(ctx.keyring, row.id, 'record', row.record_key_wrapped, row.record_key_version);
  const draftKey = row.draft_key_wrapped && row.draft_key_version !== null ? openPublicationKey(ctx.keyring, row.id, 'draft', row.draft_key_wrapped, row.draft_key_version) : null;
  return {
    row, viewer, recordKey, draftKey, files: await filesOf(ctx.db, row.id),
    record: openJson<PublicationRecord>(recordKey, { table: 'publications', column: 'record', rowId: row.id }, row.record_enc),
    draft: draftKey && row.draft_enc ? openJson<DraftRecord>(draftKey, { table: 'publications', column: 'draft', rowId: row.id }, row.draft_enc) : null,
  };
}

/** What the console may offer (STYLE: the console never re-derives a rule). */
export function abilitiesOf(p: Pick<LoadedPublication, 'row' | 'viewer'>): PublicationDto['abilities'] {
  const reviewing = p.viewer === 'reviewer' && p.row.status === 'in_review';
  return {
    adjust: reviewing && p.row.draft_purged_at === null,
    // Consent recorded after submission counts: approval decides again on the day.
    approve: reviewing,
    return: reviewing,
    resubmit: p.viewer === 'submitter' && (p.row.status === 'returned' || p.row.status === 'blocked'),
  };
}

export function requireReviewer(actor: Actor, p: LoadedPublication): void {
  if (p.viewer !== 'reviewer') {
    throw errors.forbidden(p.row.submitted_by === actor.userId ? '提交人不能审核自己提交的稿件' : '只有本辖区的审核员可以审核发布稿件', '《未成年人网络保护条例》第三十六条');
  }
  if (p.row.status !== 'in_review') {
    throw errors.conflict(p.row.status === 'blocked' ? '该稿件已依第十五条被拦截，不能审核；请提交人修改后重新提交' : `该稿件已${p.row.status === 'approved' ? '批准' : '退回'}，不能再次审核`);
  }
}
