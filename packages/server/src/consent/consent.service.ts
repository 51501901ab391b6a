import { randomUUID } from 'node:crypto';
import { errors, FORBIDDEN_PURPOSES, PURPOSE_CODES } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { sm3 } from '../shared/crypto/index.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { childInScope } from '../registry/registry-lookup.service.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { today } from '../registry/registry.service.ts';
import type { ConsentCreate, NotificationCreate } from './consent.schema.ts';
import { toConsentDto, toNotificationDto, type ConsentDto, type NotificationDto } from './consent.dto.ts';

const CONSENT_BASIS = '《个人信息保护法》第十三条第一款第一项、第三十一条；《困境儿童个人信息保护工作办法》第十二条';

function guardianOf(child: { guardians: Array<{ id: string; relation: string }> }, id: string | undefined, field = 'guardianId') {
  if (!id) return undefined;
  const g = child.guardians.find((x) => x.id === id);
  if (!g) throw errors.validation([{ field, message: '该监护人不属于此儿童' }]);
  return g;
}

/**
 * Records one consent as given (第十二条). Rules on the record itself live here; whether a
 * consent suffices for an act is the decision's job (packages/core), which reads these records.
 */
export async function recordConsent(ctx: AppContext, actor: Actor, childId: string, c: ConsentCreate): Promise<ConsentDto> {
  const problems: Array<{ field: string; message: string }> = [];
  const forbidden = c.purposes.filter((p) => (FORBIDDEN_PURPOSES as string[]).includes(p));
  if (forbidden.length) throw errors.forbidden(`“${forbidden.map((p) => PURPOSE_CODES[p]).join('、')}”不是可以征得同意的目的：无论是否同意均不得处理`, '《困境儿童个人信息保护工作办法》第十五条');
  if (c.givenBy === 'guardian' && !c.guardianId) problems.push({ field: 'guardianId', message: '监护人同意须指明是哪位监护人' });
  if (c.separate && c.purposes.length !== 1) problems.push({ field: 'purposes', message: '单独同意只能针对一个处理目的，不得与其他目的捆绑（《个人信息保护法》第二十三、二十五、二十九条）' });
  if (c.purposes.includes('publicity') && (!c.noticeOfNecessityAndImpact || !c.notice.necessityAndImpact)) {
    problems.push({ field: 'notice.necessityAndImpact', message: '发布涉及儿童身份的信息，须事先告知必要性及对个人权益的影响（《困境儿童个人信息保护工作办法》第十三条）' });
  }
  if (c.givenOn > today()) problems.push({ field: 'givenOn', message: '同意日期不能晚于今天' });
  if (c.validUntil && c.validUntil < c.givenOn) problems.push({ field: 'validUntil', message: '有效期不能早于同意日期' });
  if (c.method === 'paper' && !c.evidenceBase64) problems.push({ field: 'evidenceBase64', message: '书面同意须上传同意书扫描件' });
  const evidence = c.evidenceBase64 ? Buffer.from(c.evidenceBase64, 'base64') : undefined;
  if (evidence && evidence.length === 0) problems.push({ field: 'evidenceBase64', message: '证据文件为空或不是有效的 base64' });
  if (problems.length) throw errors.validation(problems);

  const child = await childInScope(ctx, actor, childId, 'child.write');
  const guardian = guardianOf(child, c.givenBy === 'guardian' ? c.guardianId : undefined);
  const id = randomUUID();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('consents').values({
      id, child_id: childId, given_by: c.givenBy, guardian_id: guardian?.id ?? null, guardian_relation: guardian?.relation ?? null,
      purposes: [...new Set(c.purposes)], recipient_org_types: c.recipientOrgTypes ?? [], recipient_org_ids: c.recipientOrgIds ?? [],
      field_classes: c.fieldClasses ?? [], separate: c.separate ?? false, given_on: c.givenOn, valid_until: c.validUntil ?? null,
      method: c.method, evidence_sm3: evidence ? sm3(evidence).toString('hex') : null, notice: JSON.stringify(c.notice),
      notice_of_necessity_and_impact: c.noticeOfNecessityAndImpact ?? false,
      recorded_by: actor.via === 'cli' ? null : actor.userId, recorded_org_id: actor.orgId,
    }).returningAll().executeTakeFirstOrThrow();
    await appendLedger(trx, processingRecord(actor, { act: 'collect', accountableOrgId: child.ownerOrgId, purpose: c.purposes.join(','), basis: CONSENT_BASIS, childIds: [childId], outcome: 'succeeded', reason: `consent_record:${id}` }));
    return inserted;
  });
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

export async function listConsents(ctx: AppContext, actor: Actor, childId: string): Promise<{ consents: ConsentDto[]; notifications: NotificationDto[] }> {
  await childInScope(ctx, actor, childId, 'child.read');
  const [consents, notifications] = await Promise.all([
    ctx.db.selectFrom('consents').selectAll().where('child_id', '=', childId).orderBy('given_on', 'desc').orderBy('created_at', 'desc').execute(),
    ctx.db.selectFrom('guardian_notifications').selectAll().where('child_id', '=', childId).orderBy('notified_on', 'desc').execute(),
  ]);
  const t = today();
  return { consents: consents.map((c) => toConsentDto(c, t)), notifications: notifications.map(toNotificationDto) };
}
