import { randomUUID } from 'node:crypto';
import { errors, type FieldKey } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { subtreePrefix } from '../access/jurisdiction.ts';
import * as repo from './children.repo.ts';
import { childView, type ChildDetail } from './child-view.ts';
import { idNumberIndex } from './child-indexes.ts';
import { processingRecord } from './registry.ledger.ts';
import { isUuid } from './registry.service.ts';

const WINDOW_MS = 24 * 3600_000;
/** What an emergency needs: who the child is, whom to call, and health facts for care. */
const EMERGENCY_FIELDS: readonly FieldKey[] = ['name', 'birthDate', 'ethnicity', 'guardianName', 'guardianPhone', 'health', 'disability'];
const BASIS = '紧急情况下为保护儿童生命健康（《个人信息保护法》第十三条第一款第四项）';

/**
 * Break-glass (issue: emergency access): one child, named by ID number, within the actor's
 * jurisdiction even if another department holds the record; a typed justification; 24 hours;
 * only the fields an emergency needs; flagged to the protection officers for review.
 */
export async function openEmergencyAccess(ctx: AppContext, actor: Actor, idNumber: string, justification: string): Promise<{ id: string; childId: string; expiresAt: string }> {
  if ([...justification.trim()].length < 10) throw errors.validation([{ field: 'justification', message: '请具体说明紧急情况（至少 10 个字）' }]);
  const row = await repo.findChildForEmergency(ctx.db, actor, { idNumberIndex: idNumberIndex(ctx.keyring, idNumber) });
  if (!row) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'use', outcome: 'denied', reason: 'emergency_not_found' }));
    throw errors.notFound('儿童');
  }
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + WINDOW_MS);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('emergency_accesses').values({ id, child_id: row.id, user_id: actor.userId, org_id: actor.orgId, justification: justification.trim().slice(0, 1000), expires_at: expiresAt }).execute();
    await appendLedger(trx, processingRecord(actor, { act: 'use', accountableOrgId: row.owner_org_id, basis: BASIS, childIds: [row.id], outcome: 'allowed', reason: `emergency_open:${id}` }));
  });
  return { id, childId: row.id, expiresAt: expiresAt.toISOString() };
}

export async function readEmergencyChild(ctx: AppContext, actor: Actor, grantId: string): Promise<ChildDetail & { expiresAt: string }> {
  const grant = isUuid(grantId) ? await ctx.db.selectFrom('emergency_accesses').selectAll().where('id', '=', grantId).where('user_id', '=', actor.userId).executeTakeFirst() : undefined;
  if (!grant) throw errors.notFound('紧急查阅授权');
  if (grant.expires_at.getTime() <= Date.now()) throw errors.forbidden('紧急查阅授权已过期（24 小时）', '《未成年人网络保护条例》第三十六条');
  const row = await repo.findChildForEmergency(ctx.db, actor, { id: grant.child_id });
  if (!row) throw errors.notFound('儿童');
  const read = new Set<string>();
  const [guardians, visits] = await Promise.all([repo.guardiansOf(ctx.db, row.id), Promise.resolve([])]);
  const detail = childView(ctx, row, new Set(EMERGENCY_FIELDS), read, guardians, visits).detail;
  await appendLedger(ctx.db, processingRecord(actor, { act: 'use', accountableOrgId: row.owner_org_id, basis: BASIS, childIds: [row.id], fields: [...read], outcome: 'allowed', reason: `emergency_read:${grantId}` }));
  return { ...detail, expiresAt: grant.expires_at.toISOString() };
}

/** Protection officers see emergency reads of children held by orgs in their jurisdiction. */
export async function pendingEmergencyReviews(ctx: AppContext, actor: Actor) {
  if (actor.role !== 'protection_officer') throw errors.forbidden('只有个人信息保护负责人可以复核紧急查阅');
  return ctx.db.selectFrom('emergency_accesses as e').innerJoin('children as c', 'c.id', 'e.child_id').innerJoin('orgs as o', 'o.id', 'c.owner_org_id')
    .leftJoin('users as u', 'u.id', 'e.user_id').leftJoin('orgs as uo', 'uo.id', 'e.org_id')
    .select(['e.id', 'e.child_id as childId', 'e.justification', 'e.created_at as createdAt', 'e.expires_at as expiresAt', 'u.display_name as userName', 'uo.name as userOrg', 'o.name as ownerOrg'])
    .where('e.reviewed_at', 'is', null).where('o.region_code', 'like', `${subtreePrefix(actor.jurisdiction)}%`).orderBy('e.created_at').execute();
}

export async function reviewEmergency(ctx: AppContext, actor: Actor, grantId: string, outcome: 'justified' | 'unjustified', note: string): Promise<void> {
  const pending = (await pendingEmergencyReviews(ctx, actor)).find((p) => p.id === grantId);
  if (!pending) throw errors.notFound('待复核的紧急查阅');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('emergency_accesses').set({ reviewed_by: actor.userId, reviewed_at: new Date(), review_outcome: outcome, review_note: note.slice(0, 1000),
      // An unjustified access ends at once.
      ...(outcome === 'unjustified' ? { expires_at: new Date() } : {}) }).where('id', '=', grantId).execute();
    await appendLedger(trx, { category: 'admin', act: 'emergency_review', actorUserId: actor.userId, actorOrgId: actor.orgId, childIds: [pending.childId], requestId: actor.requestId, outcome: 'succeeded', reason: `${outcome}:${grantId}` });
  });
}
