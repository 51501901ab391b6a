import { randomUUID } from 'node:crypto';
import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { childInScope } from '../registry/registry-lookup.service.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { today } from '../registry/registry.service.ts';
import type { ConsentCreate, NotificationCreate } from './consent.schema.ts';
import { toConsentDto, toNotificationDto, type ConsentDto, type NotificationDto } from './consent.dto.ts';

import { assertConsentRecordable, CONSENT_BASIS, insertConsent } from './consent-rules.ts';
import { purposeEndsOf, type PurposeEndDto } from './purpose-ends.service.ts';

function guardianOf(child: { guardians: Array<{ id: string; relation: string }> }, id: string | undefined, field = 'guardianId') {
  if (!id) return undefined;
  const g = child.guardians.find((x) => x.id === id);
  if (!g) throw errors.validation([{ field, message: '该监护人不属于此儿童' }]);
  return g;
}

/**
 * Records one consent as given (第十二条). Rules on the record itself live in consent-rules.ts;
 * whether a consent suffices for an act is the decision's job (packages/core), which reads these records.
 */
export async function recordConsent(ctx: AppContext, actor: Actor, childId: string, c: ConsentCreate): Promise<ConsentDto> {
  assertConsentRecordable(c, today());
  const child = await childInScope(ctx, actor, childId, 'child.write');
  const guardian = guardianOf(child, c.givenBy === 'guardian' ? c.guardianId : undefined);
  const row = await ctx.db.transaction().execute((trx) => insertConsent(trx, actor, { id: childId, ownerOrgId: child.ownerOrgId }, guardian, c));
  return toConsentDto(row, today());
}

/** Withdrawal takes effect at once (个人信息保护法 第十五条); the record stays, marked withdrawn. */
export async function withdrawConsent(ctx: AppContext, actor: Actor, childId: string, consentId: string, reason: string): Promise<ConsentDto> {
  const child = await childInScope(ctx, actor, childId, 'child.write');
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('consents').set({ withdrawn_at: new Date(), withdrawn_reason: reason })
      .where('id', '=', consentId).where('child_id', '=', childId).where('withdrawn_at', 'is', null).returningAll().executeTakeFirst();
    if (!updated) {
      const exists = await trx.selectFrom('consents').select('id').where('id', '=', consentId).where('child_id', '=', childId).executeTakeFirst();
      throw exists ? errors.conflict('该同意已撤回') : errors.notFound('同意记录');
    }
    await appendLedger(trx, processingRecord(actor, { act: 'store', accountableOrgId: child.ownerOrgId, purpose: updated.purposes.join(','), basis: CONSENT_BASIS, childIds: [childId], outcome: 'succeeded', reason: `consent_withdraw:${consentId}` }));
    return toConsentDto(updated, today());
  });
}

/** 第十二条第三款: a child of 14 or over consents; the guardian is informed explicitly. */
export async function recordNotification(ctx: AppContext, actor: Actor, childId: string, n: NotificationCreate): Promise<NotificationDto> {
  if (n.notifiedOn > today()) throw errors.validation([{ field: 'notifiedOn', message: '告知日期不能晚于今天' }]);
  const child = await childInScope(ctx, actor, childId, 'child.write');
  const guardian = guardianOf(child, n.guardianId);
  const id = randomUUID();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('guardian_notifications').values({
      id, child_id: childId, guardian_id: guardian?.id ?? null, notified_on: n.notifiedOn, method: n.method,
      purposes: n.purposes, content: n.content, recorded_by: actor.via === 'cli' ? null : actor.userId,
    }).returningAll().executeTakeFirstOrThrow();
    await appendLedger(trx, processingRecord(actor, { act: 'collect', accountableOrgId: child.ownerOrgId, purpose: n.purposes.join(','), basis: CONSENT_BASIS, childIds: [childId], outcome: 'succeeded', reason: `guardian_notified:${id}` }));
    return inserted;
  });
  return toNotificationDto(row);
}

export async function listConsents(ctx: AppContext, actor: Actor, childId: string): Promise<{ consents: ConsentDto[]; notifications: NotificationDto[]; purposeEnds: PurposeEndDto[] }> {
  await childInScope(ctx, actor, childId, 'child.read');
  const [consents, notifications, purposeEnds] = await Promise.all([
    ctx.db.selectFrom('consents').selectAll().where('child_id', '=', childId).orderBy('given_on', 'desc').orderBy('created_at', 'desc').execute(),
    ctx.db.selectFrom('guardian_notifications').selectAll().where('child_id', '=', childId).orderBy('notified_on', 'desc').execute(),
    purposeEndsOf(ctx, childId),
  ]);
  const t = today();
  return { consents: consents.map((c) => toConsentDto(c, t)), notifications: notifications.map(toNotificationDto), purposeEnds };
}
