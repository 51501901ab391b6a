import { can, errors, isOrgType, parseCategory, type FieldKey, type FieldProblem, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertPermission } from '../access/child-scope.ts';
import { resolveGrantChildren } from '../access/grant-scope.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { categoryIndex } from '../registry/child-indexes.ts';
import { sm3 } from '../shared/crypto/index.ts';
import type { Approve } from './sharing.schema.ts';
import { fieldProblems } from './sharing.rules.ts';
import { insertGrantChildren, type AgreementRow } from './sharing.queries.ts';
import { lifecycleRecord } from './sharing.ledger.ts';
import { agreementForParty, dtoOf } from './sharing.service.ts';
import type { AgreementDto } from './sharing.dto.ts';

/** Only the owner's protection officer decides (个人信息保护法 第五十二、五十五条), and only once. */
async function pendingForOwner(ctx: AppContext, actor: Actor, id: string): Promise<AgreementRow> {
  assertPermission(actor, 'sharing.approve');
  const row = await agreementForParty(ctx, actor, id);
  if (row.owner_org_id !== actor.orgId) throw errors.forbidden('只有提供方机构的个人信息保护负责人可以审批该共享申请');
  if (row.status !== 'requested') throw errors.conflict(`该共享申请已处理（${row.status}），不能再次审批`);
  return row;
}

/** Grants what was asked or less: fewer fields, fewer children, an earlier end; never more. */
export async function approveAgreement(ctx: AppContext, actor: Actor, id: string, b: Approve): Promise<AgreementDto> {
  const row = await pendingForOwner(ctx, actor, id);
  const problems: FieldProblem[] = [];
  const fields = b.fields ? [...new Set(b.fields)] : row.fields;
  const extra = fields.filter((f) => !row.fields.includes(f));
  if (extra.length) problems.push({ field: 'fields', message: `只能在申请的字段范围内批准，以下字段未申请：${extra.join('、')}` });
  // The catalogue may have changed since the request: the requester's minimum is checked again.
  const requesterType = row.requester_org_type;
  if (isOrgType(requesterType)) problems.push(...fieldProblems(row.purpose as PurposeCode, requesterType, fields as FieldKey[], ctx.purposes.current()));
  const endsOn = b.endsOn ?? row.ends_on;
  if (endsOn > row.ends_on) problems.push({ field: 'endsOn', message: `批准的截止日期不能晚于申请的 ${row.ends_on}` });
  if (endsOn < row.starts_on) problems.push({ field: 'endsOn', message: `批准的截止日期不能早于开始日期 ${row.starts_on}` });

  const category = row.category ? parseCategory(row.category) : undefined;
  const inScope = await resolveGrantChildren(ctx.db, actor, row.owner_org_id, {
    ...(row.child_ids.length ? { childIds: row.child_ids } : {}),
    ...(row.region_code ? { regionCode: row.region_code } : {}),
    ...(category ? { categoryToken: categoryIndex(ctx.keyring, category) } : {}),
  });
  const childIds = b.childIds ? [...new Set(b.childIds)] : inScope;
  const reachable = new Set(inScope);
  const outside = childIds.filter((c) => !reachable.has(c));
  if (outside.length) problems.push({ field: 'childIds', message: `以下儿童不在申请范围内或不在本机构名册中：${outside.join('、')}` });
  else if (childIds.length === 0) problems.push({ field: 'childIds', message: '本机构名册中没有符合申请条件的儿童，无法批准；请作出不予同意的决定' });
  if (problems.length) throw errors.validation(problems);

  const narrowed = fields.length < row.fields.length || endsOn < row.ends_on || childIds.length < inScope.length || inScope.length < row.child_ids.length;
  const assessment = JSON.stringify(b.impactAssessment);
  const digest = sm3(Buffer.from(assessment, 'utf8')).toString('hex');
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('sharing_agreements').set({
      status: 'approved', decided_by: actor.userId, decided_at: new Date(), decision_note: b.note || null, narrowed,
      impact_assessment: assessment, granted_fields: fields, granted_ends_on: endsOn,
      granted_named: row.child_ids.length > 0 || b.childIds !== undefined, granted_child_count: childIds.length,
    }).where('id', '=', id).where('status', '=', 'requested').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw errors.conflict('该共享申请已被他人处理');
    await insertGrantChildren(trx, id, childIds);
    await appendLedger(trx, lifecycleRecord(actor, 'sharing_approve', {
      agreementId: id, ownerOrgId: row.owner_org_id, purpose: row.purpose, fields, childIds,
      detail: `recipient:${row.requester_org_id};until:${endsOn};narrowed:${narrowed};assessment_sm3:${digest}`,
    }));
  });
  return dtoOf(ctx, (await agreementForParty(ctx, actor, id)));
}

export async function refuseAgreement(ctx: AppContext, actor: Actor, id: string, note: string): Promise<AgreementDto> {
  const row = await pendingForOwner(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('sharing_agreements').set({ status: 'refused', decided_by: actor.userId, decided_at: new Date(), decision_note: note, narrowed: false })
      .where('id', '=', id).where('status', '=', 'requested').execute();
    await appendLedger(trx, lifecycleRecord(actor, 'sharing_refuse', { agreementId: id, ownerOrgId: row.owner_org_id, purpose: row.purpose, detail: `recipient:${row.requester_org_id}` }));
  });
  return dtoOf(ctx, (await agreementForParty(ctx, actor, id)));
}

/** Effective at once: the owner withdraws a grant, or the requester withdraws its request or grant. */
export async function revokeAgreement(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<AgreementDto> {
  const row = await agreementForParty(ctx, actor, id);
  const side = row.owner_org_id === actor.orgId ? 'owner' : 'requester';
  const perm = side === 'owner' ? 'sharing.approve' : 'sharing.request';
  if (!can(actor.role, perm)) throw errors.forbidden(side === 'owner' ? '只有提供方机构的个人信息保护负责人可以撤销共享授权' : '您的角色不能撤回本机构的共享申请');
  if (row.status !== 'requested' && row.status !== 'approved') throw errors.conflict('该共享协议已结束，无需撤销');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('sharing_agreements').set({ status: 'revoked', revoked_by: actor.userId, revoked_at: new Date(), revoke_reason: reason })
      .where('id', '=', id).where('status', 'in', ['requested', 'approved']).execute();
    await appendLedger(trx, lifecycleRecord(actor, 'sharing_revoke', {
      agreementId: id, ownerOrgId: row.owner_org_id, purpose: row.purpose, detail: `recipient:${row.requester_org_id};by:${side}`,
    }));
  });
  return dtoOf(ctx, (await agreementForParty(ctx, actor, id)));
}
