import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Actor } from '../shared/http/actor.ts';
import type { ChildInput } from '../registry/child-input.ts';
import { insertChildren, storedFieldNames } from '../registry/child-writer.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { appendLedgerMany } from '../ledger/ledger-append.ts';
import { runBuiltBatch, type BuiltBatch } from './child-rows.ts';

/**
 * One transaction: the children, their guardians and index tokens, and one 收集 entry per
 * child (第四条: each child's record shows its own collection). Committing both together means
 * a crash never leaves a child without its ledger entry, nor an entry without its child.
 * `built` is the same batch already encrypted on a worker (child-rows.pool.ts).
 */
/** `bases[i]` is the lawful-basis decision for inputs[i] (child-decision.ts decideCollect). */
export async function writeChildBatch(ctx: AppContext, actor: Actor, ownerOrgId: string, inputs: ChildInput[], bases: ReadonlyArray<{ purpose: string | null; basis: string }>, reason: string, built?: BuiltBatch): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    let ids: string[];
    if (built) {
      await runBuiltBatch(trx, built);
      ids = built.ids;
    } else {
      ids = await insertChildren(trx, ctx.keyring, ownerOrgId, inputs);
    }
    await appendLedgerMany(trx as Kysely<Database>, ids.map((id, i) => processingRecord(actor, {
      act: 'collect', accountableOrgId: ownerOrgId, ...bases[i]!, childIds: [id],
      fields: storedFieldNames(inputs[i]!), outcome: 'succeeded', reason,
    })));
    return ids;
  });
}
