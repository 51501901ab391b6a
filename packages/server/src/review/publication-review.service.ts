import { errors, HutongError, keepRefusal, type FieldProblem, type OrgType, type PublicationKind } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger, appendLedgerMany } from '../ledger/ledger-append.ts';
import { linkPublicationChildren, publicationChildFacts, type MatchedBy } from '../registry/publication-link.service.ts';
import { sm3 } from '../shared/crypto/index.ts';
import { analyse, type PreviousMedia } from './publication-analysis.ts';
import { loadPublication, requireReviewer, type LoadedPublication } from './publication-access.ts';
import { openBytes, sealBytes, sealJson } from './publication-cipher.ts';
import type { PublicationDto } from './publication.dto.ts';
import { assignRefs, childViews, decideToday, type Linked } from './publication-evaluate.ts';
import { fileType, pairTranscripts, safeName, type IntakeFile } from './publication-intake.ts';
import { discloseRecord, publicationRecord } from './publication.ledger.ts';
import type { AdjustmentRecord, DraftRecord, PublicationRecord } from './publication-record.ts';
import { destroyDrafts, linkedOf, replaceLinks, updateFile, updatePublication } from './publication.repo.ts';
import type { AdjustBody } from './publication.schema.ts';
import { draftPurgeAfter, getPublication } from './publication.service.ts';

const recordBinding = (id: string) => ({ table: 'publications' as const, column: 'record', rowId: id });
const draftBinding = (id: string) => ({ table: 'publications' as const, column: 'draft', rowId: id });

/** The originals, opened with the draft key, as the analysis takes them. */
function originals(p: LoadedPublication): IntakeFile[] {
  const files = p.files.map((f) => {
    const { name, stem, ext } = safeName(p.draft!.names[f.position] ?? f.name);
    return { position: f.position, name, stem, ext, role: f.role, mediaType: fileType(ext)?.mediaType ?? f.media_type, bytes: openBytes(p.draftKey!, { table: 'publication_files', column: 'original', rowId: f.id }, f.original_enc!) } as IntakeFile;
  });
  pairTranscripts(files);
  return files;
}

function previousMedia(p: LoadedPublication): Map<number, PreviousMedia> {
  const out = new Map<number, PreviousMedia>();
  for (const f of p.files) {
    const view = p.record.files.find((v) => v.position === f.position);
    if ((f.role === 'image' || f.role === 'audio') && f.processed_enc && view) {
      out.set(f.position, { view, processed: openBytes(p.recordKey, { table: 'publication_files', column: 'processed', rowId: f.id }, f.processed_enc) });
    }
  }
  return out;
}

/** Which ids a reviewer may keep or dismiss: the text terms, and the faces found in pictures. */
function adjustProblems(p: LoadedPublication, body: AdjustBody): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const types = new Map<string, string>(p.draft!.terms.map((t) => [t.id, t.type]));
  for (const v of p.record.files) for (const f of v.findings) if (f.type === 'FACE') types.set(f.id, 'FACE');
  const seen = new Set<string>();
  const orgType = p.row.org_type as OrgType;
  for (const [list, items] of [['keep', body.keep], ['remove', body.remove]] as const) {
    for (const [i, it] of items.entries()) {
      const field = `${list}[${i}].id`;
      const type = types.get(it.id);
      if (!type) {
        problems.push({ field, message: `编号“${it.id}”不是本稿件中可调整的识别结果（可调整：文字识别结果 terms[].id、图片中的人脸）` });
      } else if (seen.has(it.id)) {
        problems.push({ field, message: `编号“${it.id}”重复，或同时被保留和标为误识别` });
      } else if (list === 'keep') {
        const refusal = keepRefusal(type, orgType);
        if (refusal) problems.push({ field, message: `${refusal.message}（${refusal.clause}）` });
      } else if (type === 'EXPLOIT_CUE' && p.row.kind !== 'case_release') {
        problems.push({ field, message: '募捐、直播、带货类用语不能由审核员排除：请退回，由提交人修改后重新提交（第十五条）' });
      }
      seen.add(it.id);
    }
  }
  return problems;
}

async function linkedNow(ctx: AppContext, actor: Actor, p: LoadedPublication): Promise<Linked[]> {
  const rows = await linkedOf(ctx.db, p.row.id);
  const facts = await publicationChildFacts(ctx, actor, { id: p.row.id, regionCode: p.row.region_code }, rows.map((r) => ({ childId: r.child_id, matchedBy: r.matched_by as MatchedBy })));
  const refs = new Map(rows.map((r) => [r.child_id, r.ref]));
  return facts.map((f) => ({ ref: refs.get(f.childId)!, facts: f }));
}

/**
 * A reviewer's keeps, dismissals and additions replace the previous set; every file is processed
 * again with them (pictures and recordings only when what they depend on changed), the children
 * linked again and the decision taken again.
 */
export async function adjustFindings(ctx: AppContext, actor: Actor, id: string, body: AdjustBody): Promise<PublicationDto> {
  const p = await loadPublication(ctx, actor, id);
  requireReviewer(actor, p);
  if (!p.draft || !p.draftKey) throw errors.conflict('原稿已销毁，不能再调整');
  const problems = adjustProblems(p, body);
  if (problems.length) throw errors.validation(problems);

  const at = new Date().toISOString();
  const draft: DraftRecord = {
    ...p.draft,
    adjust: [...body.keep.map((k) => ({ id: k.id, action: 'keep' as const, reason: k.reason, by: actor.userId, at })), ...body.remove.map((r) => ({ id: r.id, action: 'remove' as const, reason: r.reason, by: actor.userId, at }))],
    added: body.add.map((a, i) => ({ id: `a${i + 1}`, type: a.type as DraftRecord['added'][number]['type'], text: a.text, reason: a.reason, by: actor.userId, at })),
  };
  const out = await analyse({ kind: p.row.kind as PublicationKind, title: draft.title, files: originals(p), draft, previous: previousMedia(p) });
  const existing = new Map((await linkedOf(ctx.db, id)).map((r) => [r.child_id, r.ref]));
  const linked = assignRefs(await linkPublicationChildren(ctx, actor, { id, regionCode: p.row.region_code }, out.link), existing);
  const decision = decideToday(p.row, { orgType: p.row.org_type as OrgType, orgId: p.row.submitter_org_id }, out.elements, linked);
  const termType = new Map(p.draft.terms.map((t) => [t.id, t.type]));
  const faceType = (fid: string) => (fid.includes(':face-') ? 'FACE' : 'UNKNOWN');
  const adjustments: AdjustmentRecord[] = [
    ...draft.adjust.map((a) => ({ id: a.id, action: a.action, type: termType.get(a.id) ?? faceType(a.id), reason: a.reason, by: a.by, at: a.at })),
    ...draft.added.map((a) => ({ id: a.id, action: 'add' as const, type: a.type, reason: a.reason, by: a.by, at: a.at })),
  ];
  const record: PublicationRecord = {
    v: 1, titleFindings: out.titleFindings, files: out.files.map((f) => f.view), elements: out.elements,
    checks: [...decision.checks], children: childViews(decision, linked), adjustments,
  };
  const nextDraft: DraftRecord = { ...draft, terms: out.terms, texts: out.texts, known: out.known, media: out.media };

  await ctx.db.transaction().execute(async (trx) => {
    const ok = await updatePublication(trx, id, 'in_review', {
      title: out.title, outcome: decision.outcome,
      record_enc: sealJson(p.recordKey, recordBinding(id), record), draft_enc: sealJson(p.draftKey!, draftBinding(id), nextDraft),
    });
    if (!ok) throw errors.conflict('该稿件已被他人处理');
    // Names are unique per publication: park them first, so two files may swap names.
    const renamed = out.files.filter((f) => p.files.find((x) => x.position === f.position)!.name !== f.name);
    for (const f of renamed) await updateFile(trx, p.files.find((x) => x.position === f.position)!.id, { name: `~${f.position}~${id}` });
    for (const f of out.files) {
      const row = p.files.find((x) => x.position === f.position)!;
      await updateFile(trx, row.id, {
        name: f.name, media_type: f.mediaType,
        processed_enc: f.processed ? sealBytes(p.recordKey, { table: 'publication_files', column: 'processed', rowId: row.id }, f.processed) : null,
        processed_size: f.processed?.length ?? null, processed_sm3: f.processed ? sm3(f.processed).toString('hex') : null,
      });
    }
    await replaceLinks(trx, id, linked.map((l) => ({ child_id: l.facts.childId, ref: l.ref, matched_by: l.facts.matchedBy, owner_org_id: l.facts.ownerOrgId })));
    await appendLedger(trx, publicationRecord(actor, 'publication_adjust', {
      publicationId: id, childIds: linked.map((l) => l.facts.childId),
      detail: `outcome:${decision.outcome};keep:${body.keep.length};remove:${body.remove.length};add:${body.add.length}`,
    }));
  });
  return getPublication(ctx, actor, id);
}

/** The SM3 of the published files as `sm3sum` would list them: verifiable from the files alone. */
export function manifestOf(files: ReadonlyArray<{ name: string; processed_sm3: string | null }>): string {
  const lines = files.filter((f) => f.processed_sm3).map((f) => `${f.processed_sm3}  ${f.name}\n`).sort();
  return sm3(Buffer.from(lines.join(''), 'utf8')).toString('hex');
}

/**
 * Approval decides again, today, with the consents now on file: a block or a missing consent
 * refuses it (409, with the checks). Approved, the processed files become the publishable version,
 * their SM3 manifest goes into a 公开 entry per linked child and an admin entry for the
 * publication, and the drafts are destroyed (the purpose of keeping them has been met).
 */
export async function approvePublication(ctx: AppContext, actor: Actor, id: string, note: string): Promise<PublicationDto> {
  const p = await loadPublication(ctx, actor, id);
  requireReviewer(actor, p);
  const linked = await linkedNow(ctx, actor, p);
  const decision = decideToday(p.row, { orgType: p.row.org_type as OrgType, orgId: p.row.submitter_org_id }, p.record.elements, linked);
  if (decision.outcome === 'blocked' || decision.outcome === 'needs_consent') {
    const open = decision.checks.filter((c) => c.severity === 'block' || c.severity === 'consent');
    throw new HutongError(409, 'HUTONG_PUBLICATION_NOT_READY', `不能批准：${open.map((c) => c.message).join('；')}`, { article: open[0]!.clause, checks: open });
  }
  const manifest = manifestOf(p.files);
  const record: PublicationRecord = { ...p.record, checks: [...decision.checks], children: childViews(decision, linked) };
  const consentIds = new Map(decision.children.map((c) => [c.ref, c.needs.map((n) => n.consentId).filter((x): x is string => x !== undefined)]));
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await updatePublication(trx, id, 'in_review', {
      status: 'approved', outcome: decision.outcome, decided_by: actor.userId, decided_at: now, decision_note: note, return_reasons: null,
      manifest_sm3: manifest, record_enc: sealJson(p.recordKey, recordBinding(id), record), draft_purge_after: now,
    });
    if (!ok) throw errors.conflict('该稿件已被他人处理');
    await destroyDrafts(trx, [id], now);
    await appendLedgerMany(trx, linked.map((l) => discloseRecord(actor, {
      publicationId: id, childId: l.facts.childId, ownerOrgId: l.facts.ownerOrgId, manifestSm3: manifest, consentIds: consentIds.get(l.ref) ?? [],
    })));
    await appendLedger(trx, publicationRecord(actor, 'publication_approve', {
      publicationId: id, childIds: linked.map((l) => l.facts.childId), detail: `sm3:${manifest};files:${p.files.filter((f) => f.processed_sm3).length};outcome:${decision.outcome}`,
    }));
  });
  return getPublication(ctx, actor, id);
}

/** Returned with reasons; the submitter revises and submits again (revisionOf). Drafts stay 30 days for that. */
export async function returnPublication(ctx: AppContext, actor: Actor, id: string, reasons: readonly string[]): Promise<PublicationDto> {
  const p = await loadPublication(ctx, actor, id);
  requireReviewer(actor, p);
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const ok = await updatePublication(trx, id, 'in_review', {
      status: 'returned', decided_by: actor.userId, decided_at: now, decision_note: null, return_reasons: [...reasons], draft_purge_after: draftPurgeAfter(now),
    });
    if (!ok) throw errors.conflict('该稿件已被他人处理');
    await appendLedger(trx, publicationRecord(actor, 'publication_return', { publicationId: id, detail: `reasons:${reasons.length}` }));
  });
  return getPublication(ctx, actor, id);
}
