import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { queryLedger, type LedgerEntryDto } from '../ledger/ledger.query.ts';
import * as repo from './children.repo.ts';

/** Who did what to this child, when, for which purpose and on which basis (第十七条 requests start here). */
export async function childHistory(ctx: AppContext, actor: Actor, id: string): Promise<{ items: LedgerEntryDto[]; total: number }> {
  if (!(await repo.findChild(ctx.db, actor, id))) throw errors.notFound('儿童');
  return queryLedger(ctx.db, { childId: id, pageSize: 200 });
}
