import type { ChildCategory } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { DUTY_BASIS, processingRecord } from './registry.ledger.ts';
import { openChildKey, openField } from './child-cipher.ts';
import * as repo from './children.repo.ts';

export const FIGURES_REASON = 'dashboard_figures';
const PAGE = 2000;

/**
 * Categories and region of every child the actor can see, for the home page's figures. The
 * category is sensitive and sealed per child (第十五条), so counting means opening it: only
 * `categories` is decrypted, and each page read is one 使用 ledger entry naming the field, never
 * a value. Callers aggregate and suppress small counts before anything leaves the server.
 */
export async function categoriesInScope(ctx: AppContext, actor: Actor): Promise<Array<{ id: string; regionCode: string; categories: ChildCategory[] }>> {
  const out: Array<{ id: string; regionCode: string; categories: ChildCategory[] }> = [];
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = await repo.listChildren(ctx.db, actor, { tokenFilters: [], limit: PAGE, offset });
    for (const r of rows) {
      if (!r.data_key_wrapped) continue;
      const sealed = openField(openChildKey(ctx.keyring, r.id, r.data_key_wrapped, r.master_key_version!), 'children', r.id, r.fields_enc, 'categories');
      out.push({ id: r.id, regionCode: r.region_code, categories: sealed ? JSON.parse(sealed) as ChildCategory[] : [] });
    }
    if (rows.length) await appendLedger(ctx.db, processingRecord(actor, { act: 'use', childIds: rows.map((r) => r.id), fields: ['categories'], basis: DUTY_BASIS, outcome: 'allowed', reason: FIGURES_REASON }));
    if (rows.length < PAGE) return out;
  }
}
