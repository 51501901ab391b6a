import { can, errors, maskValue } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { scopedChildren } from '../access/child-scope.ts';
import { subtreePrefix } from '../access/jurisdiction.ts';
import { appendLedgerMany } from '../ledger/ledger-append.ts';
import { openChildKey, openField } from './child-cipher.ts';
import { processingRecord } from './registry.ledger.ts';

/**
 * What leak-incident handling (第五条) asks of the registry, and nothing more: which child an
 * opaque screening reference stands for, whether a person's register scope holds a child, and a
 * masked name (王*) to tell incidents apart. Values never leave this module in the clear; every
 * read of a name is one 使用 entry per owning org.
 */
export const INCIDENT_BASIS = '履行法定职责：处置披露泄露困境儿童个人信息（《困境儿童个人信息保护工作办法》第五条；《个人信息保护法》第十三条第一款第三项）';

export interface IncidentChild {
  readonly childId: string;
  readonly ownerOrgId: string;
  readonly regionCode: string;
}

const PAGE = 1000;

/**
 * The children behind screening references (hex, as hits carry them), among live children in the
 * ingesting person's jurisdiction whichever org holds them — a screening package covers them all
 * (access/child-scope.ts screeningScopedChildren). A reference outside it, expired or unknown
 * is simply absent. The look-up reads the reference table and the ownership columns, no value.
 */
export async function resolveIncidentRefs(ctx: AppContext, actor: Actor, refs: readonly string[]): Promise<Map<string, IncidentChild>> {
  if (!can(actor.role, 'incident.manage')) throw errors.forbidden('只有个人信息保护负责人、民政工作人员和网信部门工作人员可以登记泄露事件', '《困境儿童个人信息保护工作办法》第五条');
  const out = new Map<string, IncidentChild>();
  const unique = [...new Set(refs)];
  for (let i = 0; i < unique.length; i += PAGE) {
    const page = unique.slice(i, i + PAGE).map((r) => Buffer.from(r, 'hex'));
    const rows = await ctx.db.selectFrom('screening_prints as p').innerJoin('children', 'children.id', 'p.child_id')
      .select(['p.ref', 'children.id', 'children.owner_org_id', 'children.region_code'])
      .where('p.ref', 'in', page)
      .where('children.shredded_at', 'is', null)
      .where('children.region_code', 'like', `${subtreePrefix(actor.jurisdiction)}%`)
      .execute();
    for (const r of rows) out.set(r.ref.toString('hex'), { childId: r.id, ownerOrgId: r.owner_org_id, regionCode: r.region_code });
  }
  return out;
}

/** Which of these children the person's register scope holds (the owning org's line, 第三十六条). */
export async function childrenInRegisterScope(ctx: AppContext, actor: Actor, childIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (!childIds.length || !can(actor.role, 'child.read') || !actor.orgType || !actor.orgRegion) return out;
  const unique = [...new Set(childIds)];
  for (let i = 0; i < unique.length; i += PAGE) {
    const rows = await scopedChildren(ctx.db, actor).select('children.id').where('children.id', 'in', unique.slice(i, i + PAGE)).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/**
 * Masked names of children of incidents the caller has already let this person see. A deleted
 * (crypto-shredded) child has none. `reason` names the incidents (ids only).
 */
export async function incidentChildNames(ctx: AppContext, actor: Actor, childIds: readonly string[], reason: string): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(childIds)];
  if (!unique.length) return out;
  const rows = await ctx.db.selectFrom('children').select(['id', 'owner_org_id', 'data_key_wrapped', 'master_key_version', 'fields_enc'])
    .where('id', 'in', unique).execute();
  const byOrg = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.data_key_wrapped || r.master_key_version === null) {
      out.set(r.id, null);
      continue;
    }
    const cipher = openChildKey(ctx.keyring, r.id, r.data_key_wrapped, r.master_key_version);
    out.set(r.id, maskValue('name', openField(cipher, 'children', r.id, r.fields_enc, 'name')));
    byOrg.set(r.owner_org_id, [...(byOrg.get(r.owner_org_id) ?? []), r.id]);
  }
  await appendLedgerMany(ctx.db, [...byOrg].map(([org, ids]) => processingRecord(actor, {
    act: 'use', accountableOrgId: org, childIds: ids, fields: ['name'], basis: INCIDENT_BASIS, outcome: 'allowed', reason,
  })));
  return out;
}
