import { errors, maskValue, type Permission } from '@hutong/core';
import { regionName } from './child-view.ts';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { DUTY_BASIS, processingRecord } from './registry.ledger.ts';
import { openChildKey, openField } from './child-cipher.ts';
import { isUuid } from './registry.service.ts';
import * as repo from './children.repo.ts';

/**
 * Questions other capabilities (import, demo seed) may ask about the registry as a whole without
 * reading any child: which ID-number blind indexes are taken (live children only — a shredded
 * child's number may be registered again), and how many children there are.
 */
export function registeredIdIndexes(ctx: AppContext, indexes: readonly Buffer[]): Promise<Set<string>> {
  return repo.existingIdNumberIndexes(ctx.db, [...indexes]);
}

export function countChildren(ctx: AppContext, ownerOrgId?: string): Promise<number> {
  return repo.countLiveChildren(ctx.db, ownerOrgId);
}

/** Sealed guardian rows for children already reached through the jurisdiction scope (exports). */
export function sealedGuardiansOf(ctx: AppContext, childIds: string[]) {
  return repo.guardiansOfChildren(ctx.db, childIds);
}

/**
 * For capabilities that attach records to a child (consents, notifications): the child if the
 * actor may act on it, else the same 404 as everywhere (the refusal is ledgered). No value is read.
 */
export async function childInScope(ctx: AppContext, actor: Actor, childId: string, permission: Permission): Promise<{ id: string; ownerOrgId: string; guardians: Array<{ id: string; relation: string }> }> {
  const row = await repo.findChild(ctx.db, actor, childId, permission);
  if (!row) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'use', childIds: isUuid(childId) ? [childId] : [], outcome: 'denied', reason: 'not_found_or_out_of_scope' }));
    throw errors.notFound('儿童');
  }
  const guardians = (await repo.guardiansOf(ctx.db, childId)).map((g) => ({ id: g.id, relation: g.relation }));
  return { id: row.id, ownerOrgId: row.owner_org_id, guardians };
}

/**
 * Birth dates of every child the actor can see, for date-driven work lists (children turning 14).
 * Only the birth date is decrypted, and that reading is ledgered like any other 使用.
 */
export async function birthDatesInScope(ctx: AppContext, actor: Actor): Promise<Array<{ id: string; ownerOrgId: string; birthDate: string }>> {
  const out: Array<{ id: string; ownerOrgId: string; birthDate: string }> = [];
  const PAGE = 2000;
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = await repo.listChildren(ctx.db, actor, { tokenFilters: [], limit: PAGE, offset });
    for (const r of rows) {
      if (!r.data_key_wrapped) continue;
      const birthDate = openField(openChildKey(ctx.keyring, r.id, r.data_key_wrapped, r.master_key_version!), 'children', r.id, r.fields_enc, 'birthDate');
      if (birthDate) out.push({ id: r.id, ownerOrgId: r.owner_org_id, birthDate });
    }
    if (rows.length) await appendLedger(ctx.db, processingRecord(actor, { act: 'use', childIds: rows.map((r) => r.id), fields: ['birthDate'], basis: DUTY_BASIS, outcome: 'allowed', reason: 'turning14_queue' }));
    if (rows.length < PAGE) return out;
  }
}

/**
 * Who is on a work list (turning 14, deletion tasks): the masked name and the place, so an officer
 * can tell the rows apart without seeing more. Reading the names is ledgered as a 使用.
 */
export async function workListLabels(ctx: AppContext, actor: Actor, ids: readonly string[], reason: string): Promise<Map<string, { name: string | null; regionName: string }>> {
  const rows = await repo.childrenByIds(ctx.db, actor, ids);
  const out = new Map<string, { name: string | null; regionName: string }>();
  for (const r of rows) {
    const plain = r.data_key_wrapped ? openField(openChildKey(ctx.keyring, r.id, r.data_key_wrapped, r.master_key_version!), 'children', r.id, r.fields_enc, 'name') ?? null : null;
    out.set(r.id, { name: plain ? maskValue('name', plain) : null, regionName: regionName(r.region_code) });
  }
  if (rows.length) await appendLedger(ctx.db, processingRecord(actor, { act: 'use', childIds: rows.map((r) => r.id), fields: ['name'], basis: DUTY_BASIS, outcome: 'allowed', reason }));
  return out;
}
