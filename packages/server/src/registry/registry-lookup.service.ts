import { errors, type Permission } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { processingRecord } from './registry.ledger.ts';
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
