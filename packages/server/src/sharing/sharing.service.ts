import { can, errors, type Permission } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertPermission } from '../access/child-scope.ts';
import { today } from '../registry/registry.service.ts';
import { findAgreement, grantedChildIds, listAgreements, type AgreementRow } from './sharing.queries.ts';
import { toAgreementDto, type AgreementDto } from './sharing.dto.ts';

/**
 * An agreement exists only for its two parties: anyone else gets the same 404 as for a missing
 * one. Staff of a party need one of the sharing permissions or, as recipients, child.read.
 */
const VIEW: readonly Permission[] = ['sharing.request', 'sharing.approve', 'child.read'];

export async function agreementForParty(ctx: AppContext, actor: Actor, id: string): Promise<AgreementRow> {
  const row = await findAgreement(ctx.db, id);
  if (!row || !actor.orgId || (row.requester_org_id !== actor.orgId && row.owner_org_id !== actor.orgId)) throw errors.notFound('数据共享协议');
  if (!VIEW.some((p) => can(actor.role, p))) {
    throw errors.forbidden('您的角色不能查看数据共享协议');
  }
  return row;
}

export async function dtoOf(ctx: AppContext, row: AgreementRow): Promise<AgreementDto> {
  return toAgreementDto(row, today(), row.granted_named ? await grantedChildIds(ctx.db, row.id) : null);
}

export async function getAgreement(ctx: AppContext, actor: Actor, id: string): Promise<AgreementDto> {
  return dtoOf(ctx, await agreementForParty(ctx, actor, id));
}

/** outgoing: what my org asked for; incoming: what others asked of my org (its approvers only). */
export async function listMine(ctx: AppContext, actor: Actor, q: { box?: 'outgoing' | 'incoming' | undefined; status?: string | undefined }): Promise<{ items: AgreementDto[] }> {
  const box = q.box ?? 'outgoing';
  assertPermission(actor, box === 'incoming' ? 'sharing.approve' : 'sharing.request');
  if (!actor.orgId) return { items: [] };
  const rows = await listAgreements(ctx.db, {
    ...(box === 'incoming' ? { ownerOrgId: actor.orgId } : { requesterOrgId: actor.orgId }),
    ...(q.status ? { status: q.status } : {}),
  });
  const items: AgreementDto[] = [];
  for (const r of rows) items.push(await dtoOf(ctx, r));
  return { items };
}
