import { CLAUSES, errors, shanghaiDate } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertPermission } from '../access/child-scope.ts';
import { grantedChildren } from '../access/grant-scope.ts';
import { today } from '../registry/registry.service.ts';
import { activeGrants, findAgreement, isUuid, type AgreementRow } from './sharing.queries.ts';
import { toGrantDto, type GrantDto } from './sharing.dto.ts';
import { releaseChildren, type ReleasedChild } from './grant-release.ts';

export async function listGrants(ctx: AppContext, actor: Actor): Promise<{ items: GrantDto[] }> {
  assertPermission(actor, 'child.read');
  if (!actor.orgId) return { items: [] };
  return { items: (await activeGrants(ctx.db, actor.orgId, today())).map(toGrantDto) };
}

/**
 * The grant of the actor's own org, in force today. Another org's grant does not exist for the
 * actor (404); the recipient's own grant that is not in force says why (403).
 */
async function grantInForce(ctx: AppContext, actor: Actor, agreementId: string, day: string): Promise<AgreementRow> {
  assertPermission(actor, 'child.read');
  const a = await findAgreement(ctx.db, agreementId);
  if (!a || !actor.orgId || a.requester_org_id !== actor.orgId) throw errors.notFound('共享授权');
  const art = CLAUSES.pipl23;
  if (a.status === 'requested') throw errors.forbidden('该共享申请尚未获批准，不能查阅', art);
  if (a.status === 'refused') throw errors.forbidden('该共享申请未获批准，不能查阅', art);
  if (a.status === 'revoked') throw errors.forbidden(`该共享授权已于 ${a.revoked_at ? shanghaiDate(a.revoked_at) : ''} 撤销，立即停止查阅`, art);
  if (day < a.starts_on) throw errors.forbidden(`该共享授权尚未开始（自 ${a.starts_on} 起生效）`, art);
  if (!a.granted_ends_on || day > a.granted_ends_on) {
    throw errors.forbidden(`该共享授权已于 ${a.granted_ends_on} 到期，不能再查阅；接收方应当删除所接收的信息`, CLAUSES.pipl47);
  }
  return a;
}

const windowOf = (a: AgreementRow) => ({ agreementId: a.id, ownerOrgId: a.owner_org_id, recipientOrgId: a.requester_org_id });

export async function readGrantChildren(ctx: AppContext, actor: Actor, agreementId: string, q: { page?: number | undefined; pageSize?: number | undefined }): Promise<{ items: ReleasedChild[]; total: number; endsOn: string }> {
  const day = today();
  const a = await grantInForce(ctx, actor, agreementId, day);
  const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 100);
  const page = Math.max(q.page ?? 1, 1);
  const { rows, total } = await grantedChildren(ctx.db, actor, windowOf(a), { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: await releaseChildren(ctx, actor, a, rows, day), total, endsOn: a.granted_ends_on! };
}

export async function readGrantChild(ctx: AppContext, actor: Actor, agreementId: string, childId: string): Promise<ReleasedChild> {
  const day = today();
  const a = await grantInForce(ctx, actor, agreementId, day);
  if (!isUuid(childId)) throw errors.notFound('儿童');
  const { rows } = await grantedChildren(ctx.db, actor, windowOf(a), { limit: 1, offset: 0, childId });
  if (!rows.length) throw errors.notFound('儿童');
  return (await releaseChildren(ctx, actor, a, rows, day))[0]!;
}
