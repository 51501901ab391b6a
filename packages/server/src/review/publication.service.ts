import { randomBytes, randomUUID } from 'node:crypto';
import { can, errors, publishRefusal } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { registryTermsFor } from '../registry/registry-terms.service.ts';
import { linkPublicationChildren } from '../registry/publication-link.service.ts';
import { isUuid } from '../registry/registry.service.ts';
import { analyse } from './publication-analysis.ts';
import { abilitiesOf, loadPublication } from './publication-access.ts';
import { newPublicationKey, sealBytes, sealJson } from './publication-cipher.ts';
import { toDto, toItem, type PublicationDto, type PublicationItem } from './publication.dto.ts';
import { assignRefs, childViews, decideToday } from './publication-evaluate.ts';
import { intakeFiles } from './publication-intake.ts';
import { draftDestroyedRecord, publicationRecord } from './publication.ledger.ts';
import type { DraftRecord, PublicationRecord } from './publication-record.ts';
import { destroyDrafts, expiredDrafts, findPublication, insertPublication, linkedOf, listPublications } from './publication.repo.ts';
import type { SubmitBody } from './publication.schema.ts';
import { sm3 } from '../shared/crypto/index.ts';

/**
 * How long drafts (originals and the raw words found in them) are kept (个人信息保护法 第十九、四十七条:
 * no longer than the purpose needs): while under review; destroyed at approval (the processed
 * version is what is published); 30 days after a return or a block, long enough to revise and
 * resubmit. The processed version and the review record stay as the record of the 公开 act
 * (个人信息保护法 第五十六条: at least three years).
 */
export const DRAFT_KEEP_DAYS = 30;
export const draftPurgeAfter = (from: Date) => new Date(from.getTime() + DRAFT_KEEP_DAYS * 86_400_000);

/**
 * Destroys drafts past their keeping period, each a 删除 in the ledger naming the children it was
 * linked to. Runs before every read or write of publications and hourly in the server
 * (draft-purge.job.ts), so a draft does not outlive its 30 days when nobody opens the page.
 */
export async function purgeExpiredDrafts(ctx: AppContext): Promise<number> {
  const now = new Date();
  const ids = await expiredDrafts(ctx.db, now);
  if (!ids.length) return 0;
  return ctx.db.transaction().execute(async (trx) => {
    const destroyed = await destroyDrafts(trx, ids, now);
    for (const id of destroyed) {
      const linked = await linkedOf(trx, id);
      await appendLedger(trx, draftDestroyedRecord(id, linked.map((l) => l.child_id), DRAFT_KEEP_DAYS));
    }
    return destroyed.length;
  });
}

async function checkRevision(ctx: AppContext, actor: Actor, id: string | undefined): Promise<string | null> {
  if (!id) return null;
  const prev = isUuid(id) ? await findPublication(ctx.db, id) : undefined;
  if (!prev || prev.submitted_by !== actor.userId) throw errors.notFound('被修改的稿件');
  if (prev.status !== 'returned' && prev.status !== 'blocked') throw errors.conflict('只有被退回或被拦截的稿件可以修改后重新提交');
  return prev.id;
}

/**
 * A draft goes in: files checked, every file processed, the detected numbers and names linked to
 * registered children in the submitting org's region, the decision taken, and everything sealed
 * and written in one transaction. A bad file is refused before anything is written. A 第十五条
 * cue stores the submission as blocked, so the submitter sees why and can revise it.
 */
export async function submitPublication(ctx: AppContext, actor: Actor, body: SubmitBody): Promise<PublicationDto> {
  const refusal = publishRefusal(actor.role, actor.orgType);
  if (refusal) throw errors.forbidden(refusal.message, refusal.clause);
  if (!actor.orgId || !actor.orgType || !actor.orgRegion) throw errors.forbidden('您的账号未归属任何机构，不能提交发布审核');
  await purgeExpiredDrafts(ctx);
  const revisionOf = await checkRevision(ctx, actor, body.revisionOf);
  const files = intakeFiles(body.files);

  const id = randomUUID();
  const purpose = body.purpose ?? 'publicity';
  const liveRegistry = can(actor.role, 'child.read') ? (await registryTermsFor(ctx, actor)).terms : undefined;
  const draftSeed: Pick<DraftRecord, 'salt' | 'known' | 'added' | 'adjust' | 'media' | 'terms' | 'texts'> = {
    salt: randomBytes(16).toString('hex'), known: [], added: [], adjust: [], media: {}, terms: [], texts: {},
  };
  const out = await analyse({ kind: body.kind, title: body.title, files, liveRegistry, draft: draftSeed });
  const linked = assignRefs(await linkPublicationChildren(ctx, actor, { id, regionCode: actor.orgRegion }, out.link));
  const decision = decideToday({ ...body, purpose }, { orgType: actor.orgType, orgId: actor.orgId }, out.elements, linked);
  const blocked = decision.outcome === 'blocked';

  const record: PublicationRecord = {
    v: 1, titleFindings: out.titleFindings, files: out.files.map((f) => f.view), elements: out.elements,
    checks: [...decision.checks], children: childViews(decision, linked), adjustments: [],
  };
  const draft: DraftRecord = {
    ...draftSeed, v: 1, title: body.title, names: Object.fromEntries(files.map((f) => [f.position, f.name])),
    terms: out.terms, texts: out.texts, known: out.known, media: out.media,
  };
  const recordKey = newPublicationKey(ctx.keyring, id, 'record');
  const draftKey = newPublicationKey(ctx.keyring, id, 'draft');
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await insertPublication(trx, {
      id, revision_of: revisionOf, kind: body.kind, channel: body.channel, audience: body.audience, purpose, title: out.title,
      submitted_by: actor.userId, submitter_org_id: actor.orgId!, region_code: actor.orgRegion!, submitted_at: now, updated_at: now,
      status: blocked ? 'blocked' : 'in_review', outcome: decision.outcome,
      record_key_wrapped: recordKey.wrapped, record_key_version: recordKey.masterVersion, record_enc: sealJson(recordKey, { table: 'publications', column: 'record', rowId: id }, record),
      draft_key_wrapped: draftKey.wrapped, draft_key_version: draftKey.masterVersion, draft_enc: sealJson(draftKey, { table: 'publications', column: 'draft', rowId: id }, draft),
      draft_purge_after: blocked ? draftPurgeAfter(now) : null,
    }, out.files.map((f) => {
      const fileId = randomUUID();
      const original = files[f.position]!.bytes;
      return {
        id: fileId, publication_id: id, position: f.position, role: f.role, name: f.name, media_type: f.mediaType,
        original_enc: sealBytes(draftKey, { table: 'publication_files', column: 'original', rowId: fileId }, original),
        original_size: original.length, original_sm3: sm3(original).toString('hex'),
        processed_enc: f.processed ? sealBytes(recordKey, { table: 'publication_files', column: 'processed', rowId: fileId }, f.processed) : null,
        processed_size: f.processed?.length ?? null, processed_sm3: f.processed ? sm3(f.processed).toString('hex') : null,
      };
    }), linked.map((l) => ({ child_id: l.facts.childId, ref: l.ref, matched_by: l.facts.matchedBy, owner_org_id: l.facts.ownerOrgId })));
    await appendLedger(trx, publicationRecord(actor, 'publication_submit', {
      publicationId: id, outcome: blocked ? 'denied' : 'succeeded', childIds: linked.map((l) => l.facts.childId),
      detail: `outcome:${decision.outcome};files:${files.length}${revisionOf ? `;revision_of:${revisionOf}` : ''}${blocked ? `;blocked:${decision.checks.find((c) => c.severity === 'block')!.clause}` : ''}`,
    }));
  });
  return getPublication(ctx, actor, id);
}

export async function getPublication(ctx: AppContext, actor: Actor, id: string): Promise<PublicationDto> {
  await purgeExpiredDrafts(ctx);
  const p = await loadPublication(ctx, actor, id);
  return toDto(p.row, p.files, p.record, p.draft, p.viewer, abilitiesOf(p));
}

/**
 * `mine`: what I submitted; `review`: what reviewers of my jurisdiction see. Without a box, the
 * role picks (a reviewer gets the review box).
 */
export async function listPublicationsFor(ctx: AppContext, actor: Actor, q: { box?: 'mine' | 'review' | undefined; status?: 'blocked' | 'in_review' | 'approved' | 'returned' | undefined; page?: number | undefined; pageSize?: number | undefined }): Promise<{ items: PublicationItem[]; total: number }> {
  await purgeExpiredDrafts(ctx);
  const box = q.box ?? (can(actor.role, 'publication.review') ? 'review' : 'mine');
  if (box === 'review' && !can(actor.role, 'publication.review')) throw errors.forbidden('只有审核员和个人信息保护负责人可以查看待审核的发布稿件', '《未成年人网络保护条例》第三十六条');
  if (box === 'mine' && !can(actor.role, 'publication.submit')) throw errors.forbidden('您的角色不能提交发布审核，没有“我提交的”稿件', '《未成年人网络保护条例》第三十六条');
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await listPublications(ctx.db, {
    ...(box === 'mine' ? { submittedBy: actor.userId } : { jurisdiction: actor.jurisdiction, notSubmittedBy: actor.userId }),
    ...(q.status ? { status: q.status } : {}), limit: pageSize, offset: ((q.page ?? 1) - 1) * pageSize,
  });
  // A reviewer's own submissions (a protection officer cannot submit, but roles change) are not theirs to review: left out in SQL.
  return { items: rows.map(toItem), total };
}
