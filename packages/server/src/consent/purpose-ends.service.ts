import { randomUUID } from 'node:crypto';
import { errors, PURPOSE_CODES, RETENTION_EVENTS, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { childInScope } from '../registry/registry-lookup.service.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { today } from '../registry/registry.service.ts';

/** Events an officer records; age 18 and consent ending are seen by the platform itself. */
export const RECORDED_END_EVENTS = ['service_ended', 'activity_ended', 'case_closed'] as const;
export type RecordedEndEvent = (typeof RECORDED_END_EVENTS)[number];

export interface PurposeEndDto { purpose: string; purposeLabel: string; event: string; eventLabel: string; endedOn: string }

/**
 * 个人信息保护法 第四十七条: the purpose is achieved (救助终止、活动结束、案件办结). From the
 * recorded day the decision refuses every act for that purpose but deletion (and storage where
 * a law sets a period), and the child joins the deletion tasks when nothing else holds it.
 */
export async function recordPurposeEnd(ctx: AppContext, actor: Actor, childId: string, body: { purpose: PurposeCode; event: RecordedEndEvent; endedOn: string }): Promise<PurposeEndDto> {
  if (body.endedOn > today()) throw errors.validation([{ field: 'endedOn', message: '结束日期不能晚于今天' }]);
  if (!ctx.purposes.current()[body.purpose].retention.until.includes(body.event)) {
    throw errors.validation([{ field: 'event', message: `“${PURPOSE_CODES[body.purpose]}”的保存期限不以“${RETENTION_EVENTS[body.event]}”为终点` }]);
  }
  const child = await childInScope(ctx, actor, childId, 'child.write');
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx.insertInto('purpose_ends').values({
      id: randomUUID(), child_id: childId, purpose: body.purpose, event: body.event, ended_on: body.endedOn,
      recorded_by: actor.via === 'cli' ? null : actor.userId, recorded_org_id: actor.orgId,
    }).onConflict((oc) => oc.columns(['child_id', 'purpose']).doNothing()).returning('id').executeTakeFirst();
    if (!done) throw errors.conflict(`该儿童的“${PURPOSE_CODES[body.purpose]}”已登记为结束`);
    await appendLedger(trx, processingRecord(actor, { act: 'store', accountableOrgId: child.ownerOrgId, purpose: body.purpose, basis: '《个人信息保护法》第四十七条', childIds: [childId], outcome: 'succeeded', reason: `purpose_end:${body.event}` }));
  });
  return toDto({ purpose: body.purpose, event: body.event, ended_on: body.endedOn });
}

export async function purposeEndsOf(ctx: AppContext, childId: string): Promise<PurposeEndDto[]> {
  const rows = await ctx.db.selectFrom('purpose_ends').select(['purpose', 'event', 'ended_on']).where('child_id', '=', childId).orderBy('ended_on').execute();
  return rows.map(toDto);
}

function toDto(r: { purpose: string; event: string; ended_on: string }): PurposeEndDto {
  return {
    purpose: r.purpose, purposeLabel: PURPOSE_CODES[r.purpose as PurposeCode] ?? r.purpose,
    event: r.event, eventLabel: RETENTION_EVENTS[r.event as keyof typeof RETENTION_EVENTS] ?? r.event, endedOn: r.ended_on,
  };
}
