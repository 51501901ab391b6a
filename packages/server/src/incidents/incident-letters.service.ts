import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedgerMany } from '../ledger/ledger-append.ts';
import { incidentChildNames } from '../registry/incident-child.service.ts';
import { isUuid } from '../registry/registry.service.ts';
import { sm3 } from '../shared/crypto/sm3.ts';
import { loadIncident } from './incident-access.ts';
import { authorityLetter, guardianLetter, noticeLetter, type BreachLetterInput } from './incident-letters.ts';
import { incidentRecord } from './incident.ledger.ts';
import { addEvents, breachOf, evidenceOf, findNotice, noticesOf, type IncidentRow } from './incident.repo.ts';

/**
 * Letters are rebuilt from the stored record on each download (the same record gives the same
 * letter, and its SM3 goes in the ledger each time it leaves the platform).
 */
export interface Letter {
  readonly filename: string;
  readonly body: string;
  readonly sm3: string;
}

const DAY = 86_400_000;

export async function noticeLetterText(ctx: AppContext, row: IncidentRow, noticeId: string): Promise<Letter | undefined> {
  const n = isUuid(noticeId) ? await findNotice(ctx.db, row.id, noticeId) : undefined;
  if (!n) return undefined;
  const issuedAt = new Date(n.issued_at), dueAt = new Date(n.due_at);
  const body = noticeLetter({
    noticeId: n.id, incidentId: row.id, issuedAt, dueAt, dueDays: Math.round((dueAt.getTime() - issuedAt.getTime()) / DAY),
    recipient: n.recipient, recipientKind: n.recipient_kind, request: n.request, contact: n.contact, issuerOrgName: n.issued_org_name,
    source: { kind: row.source_kind, name: row.source_name }, postId: row.post_id, url: row.url, detectedAt: new Date(row.detected_at),
    flags: row.flags, evidence: (await evidenceOf(ctx.db, row.id)).map((e) => ({ kinds: e.kinds, excerpt: e.excerpt, postSm3: e.post_sm3 })),
  });
  return { filename: `删除更正通知-${n.id.slice(0, 8)}.md`, body, sm3: sm3(Buffer.from(body, 'utf8')).toString('hex') };
}

async function record(ctx: AppContext, actor: Actor, row: IncidentRow, letter: Letter, what: string, summary: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await addEvents(trx, [{ incident_id: row.id, at: new Date(), act: 'incident_letter', by_user: actor.userId, summary }]);
    await appendLedgerMany(trx, [
      incidentRecord(actor, 'incident_letter', { incidentId: row.id, childId: row.child_id, ownerOrgId: row.owner_org_id, detail: `${what};sm3:${letter.sm3}` }),
    ]);
  });
}

/** GET …/notices/:noticeId/letter: any viewer of the incident; each download ledgered. */
export async function downloadNoticeLetter(ctx: AppContext, actor: Actor, id: string, noticeId: string): Promise<Letter> {
  const { row } = await loadIncident(ctx, actor, id);
  const letter = await noticeLetterText(ctx, row, noticeId);
  if (!letter) throw errors.notFound('通知');
  await record(ctx, actor, row, letter, `letter:notice:${noticeId}`, `下载删除/更正通知函（${noticeId.slice(0, 8)}）`);
  return letter;
}

/** GET …/breach/letters/authority|guardian (个人信息保护法 第五十七条; 未成年人网络保护条例 第三十五条). */
export async function downloadBreachLetter(ctx: AppContext, actor: Actor, id: string, kind: 'authority' | 'guardian'): Promise<Letter> {
  const { row } = await loadIncident(ctx, actor, id);
  const b = await breachOf(ctx.db, row.id);
  if (!b) throw errors.notFound('泄露处置记录');
  // Only the guardian letter names the child (masked): that read is a use of the name.
  const maskedName = kind === 'guardian' ? (await incidentChildNames(ctx, actor, [row.child_id], `incident:${row.id};letter:guardian`)).get(row.child_id) ?? null : null;
  const input: BreachLetterInput = {
    incidentId: row.id, orgName: b.recorded_org_name, at: new Date(), detectedAt: new Date(row.detected_at), sourceName: row.source_name, url: row.url,
    childRef: row.child_ref, maskedName, ownerOrgName: row.owner_org_name, cause: b.cause, infoTypes: b.info_types, harm: b.harm, measures: b.measures,
    individualMeasures: b.individual_measures, contact: b.contact, authority: b.authority,
    notices: (await noticesOf(ctx.db, row.id)).map((n) => ({ id: n.id, recipient: n.recipient, dueAt: new Date(n.due_at) })),
  };
  const body = kind === 'authority' ? authorityLetter(input) : guardianLetter(input);
  const letter = { filename: `${kind === 'authority' ? '泄露事件报告' : '监护人告知函'}-${row.id.slice(0, 8)}.md`, body, sm3: sm3(Buffer.from(body, 'utf8')).toString('hex') };
  await record(ctx, actor, row, letter, `letter:${kind}`, kind === 'authority' ? `下载泄露事件报告（致${b.authority}）` : '下载监护人告知函');
  return letter;
}
