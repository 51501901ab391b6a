import { randomUUID } from 'node:crypto';
import { errors, HutongError, shanghaiDate } from '@hutong/core';
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import type { Database } from '../shared/db/schema.ts';
import { appendLedgerMany } from '../ledger/ledger-append.ts';
import { assertManages, assertOpen, loadIncident } from './incident-access.ts';
import { toNotice } from './incident.dto.ts';
import { DEFAULT_INDIVIDUAL_MEASURES } from './incident-letters.ts';
import { noticeLetterText } from './incident-letters.service.ts';
import { ACT_SUMMARY, incidentRecord, incidentUseRecord, type IncidentAct } from './incident.ledger.ts';
import {
  addEvents, insertBreach, insertFollowUp, insertNotice, lockIncident, noticesOf, orgName, updateIncident, type IncidentRow,
} from './incident.repo.ts';
import {
  FOLLOW_UP_OUTCOMES, RECIPIENT_KINDS, RESOLUTIONS, type BreachBody, type CloseBody, type FollowUpBody, type NoticeDto, type NoticeBody,
} from './incident.schema.ts';

/**
 * The handling steps (第五条 及时纠正、妥善处置): a notice to the platform or publisher, follow-ups,
 * closure; and for a leak from inside the platform, the breach record (个人信息保护法 第五十七条;
 * 未成年人网络保护条例 第三十五条). Each step locks the incident, writes its row, a timeline event
 * and its ledger entries in one transaction; a closed incident takes no further step.
 */
const DAY = 86_400_000;
const PIPL57 = '《个人信息保护法》第五十七条';

/** Loads (404 outside scope), checks the role, then runs `work` with the row locked and still open. */
async function step<T>(ctx: AppContext, actor: Actor, id: string, work: (trx: Transaction<Database>, row: IncidentRow) => Promise<T>): Promise<T> {
  const { row } = await loadIncident(ctx, actor, id);
  assertManages(actor);
  assertOpen(row);
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockIncident(trx, row.id);
    if (!locked) throw errors.notFound('泄露事件');
    assertOpen(locked);
    return work(trx, { ...row, status: locked.status });
  });
}

async function log(trx: Transaction<Database>, actor: Actor, row: IncidentRow, act: IncidentAct, summary: string, detail: string, extra: Parameters<typeof appendLedgerMany>[1] = []): Promise<void> {
  await addEvents(trx, [{ incident_id: row.id, at: new Date(), act, by_user: actor.userId, summary }]);
  await appendLedgerMany(trx, [incidentRecord(actor, act, { incidentId: row.id, childId: row.child_id, ownerOrgId: row.owner_org_id, detail }), ...extra]);
}

export async function issueNotice(ctx: AppContext, actor: Actor, id: string, body: NoticeBody): Promise<NoticeDto> {
  const noticeId = randomUUID();
  await step(ctx, actor, id, async (trx, row) => {
    const issuedAt = new Date();
    const dueAt = new Date(issuedAt.getTime() + body.dueDays * DAY);
    const contact = body.contact ?? `${await orgName(trx, actor.orgId)}（经办人：${actor.displayName}）`;
    await insertNotice(trx, {
      id: noticeId, incident_id: row.id, recipient: body.recipient, recipient_kind: body.recipientKind, request: body.request ?? 'remove', contact,
      issued_by: actor.userId, issued_org_id: actor.orgId!, issued_at: issuedAt, due_at: dueAt,
    });
    await updateIncident(trx, row.id, { status: 'notified', due_at: dueAt });
    const letter = await noticeLetterText({ ...ctx, db: trx }, row, noticeId);
    await log(trx, actor, row, 'incident_notice',
      `${ACT_SUMMARY.incident_notice}：致${body.recipient}（${RECIPIENT_KINDS[body.recipientKind]}），期限至 ${shanghaiDate(dueAt)}`,
      `notice:${noticeId};recipient_kind:${body.recipientKind};request:${body.request ?? 'remove'};due:${shanghaiDate(dueAt)};letter_sm3:${letter!.sm3}`,
      // The notice tells the recipient that this post discloses a registered child: 提供, no field value.
      [incidentUseRecord(actor, { act: 'provide', childIds: [row.child_id], ownerOrgId: row.owner_org_id, reason: `incident:${row.id};notice:${noticeId}` })]);
  });
  const notice = (await noticesOf(ctx.db, id)).find((n) => n.id === noticeId)!;
  return toNotice(notice);
}

export async function addFollowUp(ctx: AppContext, actor: Actor, id: string, body: FollowUpBody): Promise<void> {
  await step(ctx, actor, id, async (trx, row) => {
    await insertFollowUp(trx, { id: randomUUID(), incident_id: row.id, at: new Date(), by_user: actor.userId, note: body.note, outcome: body.outcome ?? null });
    await log(trx, actor, row, 'incident_follow_up', `${ACT_SUMMARY.incident_follow_up}${body.outcome ? `：${FOLLOW_UP_OUTCOMES[body.outcome]}` : ''}`, `outcome:${body.outcome ?? '-'}`);
    await updateIncident(trx, row.id, {});
  });
}

/**
 * Closing an internal leak as handled (removed, corrected, not actionable) needs the breach
 * record first: 第五十七条 notification is not optional once a leak is confirmed. A false hit
 * (the post is not about this child) needs none.
 */
export async function closeIncident(ctx: AppContext, actor: Actor, id: string, body: CloseBody): Promise<void> {
  await step(ctx, actor, id, async (trx, row) => {
    if (row.source_kind === 'internal' && body.resolution !== 'false_hit' && !row.has_breach) {
      throw new HutongError(409, 'HUTONG_BREACH_REQUIRED', '平台内部泄露须先登记泄露处置（补救措施、向主管部门报告、告知监护人）才能结案；如系误报，请选择“误报”', { article: PIPL57 });
    }
    const now = new Date();
    await updateIncident(trx, row.id, { status: 'closed', closed_at: now, closed_by: actor.userId, resolution: body.resolution, close_note: body.note });
    await log(trx, actor, row, 'incident_close', `${ACT_SUMMARY.incident_close}：${RESOLUTIONS[body.resolution]}`, `resolution:${body.resolution}`);
  });
}

export async function recordBreach(ctx: AppContext, actor: Actor, id: string, body: BreachBody): Promise<void> {
  await step(ctx, actor, id, async (trx, row) => {
    if (row.source_kind !== 'internal') {
      throw new HutongError(409, 'HUTONG_CONFLICT', '只有来源为“平台内部泄露”的事件才启动个人信息泄露处置；外部披露请向平台或发布者发出删除/更正通知', { article: PIPL57 });
    }
    if (row.has_breach) throw errors.conflict('该事件已登记泄露处置');
    await insertBreach(trx, {
      incident_id: row.id, cause: body.cause, info_types: body.infoTypes, harm: body.harm, measures: body.measures,
      individual_measures: body.individualMeasures ?? DEFAULT_INDIVIDUAL_MEASURES, contact: body.contact, authority: body.authority,
      recorded_by: actor.userId, recorded_org_id: actor.orgId!, recorded_at: new Date(),
    });
    await log(trx, actor, row, 'incident_breach', `${ACT_SUMMARY.incident_breach}：报告${body.authority}并告知监护人`, `info_types:${body.infoTypes.length}`);
    await updateIncident(trx, row.id, {});
  });
}
