import { extname } from 'node:path';
import { errors, HutongError } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { LINK_BASIS } from '../registry/publication-link.service.ts';
import { loadPublication } from './publication-access.ts';
import { openBytes } from './publication-cipher.ts';
import { fileType } from './publication-intake.ts';
import { linkedOf } from './publication.repo.ts';

export type FileVersion = 'processed' | 'original';

export interface DownloadedFile {
  filename: string;
  mediaType: string;
  body: Buffer;
  version: FileVersion;
  /** 'approved' only for the processed version of an approved publication; everything else is a draft. */
  approval: 'approved' | 'draft';
  sm3: string | null;
}

export const draftDestroyed = (): HutongError =>
  new HutongError(410, 'HUTONG_DRAFT_DESTROYED', '原稿已销毁：批准发布后或退回、拦截 30 日后，原稿与识别出的原文一并销毁（个人信息保护法 第四十七条）');

/**
 * A file of a publication, for its submitter and its reviewers. The processed version is the
 * publishable one only once the publication is approved; before that (in review, returned,
 * blocked) it is named 未批准-… and marked draft. The original is never publishable: named
 * 原稿-未经技术处理-…, available only while the draft exists, and each download is ledgered.
 */
export async function downloadPublicationFile(ctx: AppContext, actor: Actor, id: string, name: string, version: FileVersion): Promise<DownloadedFile> {
  const p = await loadPublication(ctx, actor, id);
  const file = p.files.find((f) => f.name === name);
  if (!file) throw errors.notFound('文件');
  if (version === 'processed') {
    if (!file.processed_enc) throw errors.notFound('该文件的发布版本（转写稿只用于处理录音，不发布）');
    const approved = p.row.status === 'approved';
    return {
      filename: approved ? file.name : `未批准-${file.name}`, mediaType: file.media_type, version, approval: approved ? 'approved' : 'draft', sm3: file.processed_sm3,
      body: openBytes(p.recordKey, { table: 'publication_files', column: 'processed', rowId: file.id }, file.processed_enc),
    };
  }
  if (!p.draftKey || !file.original_enc) throw draftDestroyed();
  const body = openBytes(p.draftKey, { table: 'publication_files', column: 'original', rowId: file.id }, file.original_enc);
  const linked = await linkedOf(ctx.db, id);
  await appendLedger(ctx.db, processingRecord(actor, {
    act: 'use', purpose: 'publicity', basis: LINK_BASIS, childIds: linked.map((l) => l.child_id), fields: [], outcome: 'allowed', reason: `发布审核原稿:${id}:${file.position}`,
  }));
  return { filename: `原稿-未经技术处理-${file.name}`, mediaType: fileType(extname(file.name).toLowerCase())?.mediaType ?? 'application/octet-stream', version, approval: 'draft', sm3: file.original_sm3, body };
}
