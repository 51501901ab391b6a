import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';

export type LedgerOutcome = 'allowed' | 'denied' | 'succeeded' | 'failed';

/** What a capability says happened. Field names only — a value never enters the ledger. */
export interface LedgerRecord {
  category: 'processing' | 'security' | 'admin';
  act: string;
  actorUserId?: string | null;
  actorOrgId?: string | null;
  /** 谁主管谁负责：the organisation answerable for the data (the child's owning org). */
  accountableOrgId?: string | null;
  purpose?: string | null;
  basis?: string | null;
  childIds?: readonly string[];
  fields?: readonly string[];
  requestId?: string | null;
  outcome: LedgerOutcome;
  reason?: string | null;
}

/**
 * Queue half of queue-then-sequence (DESIGN.md): the entry is inserted in the caller's own
 * transaction, so it commits or rolls back with the change it records. No global lock here;
 * the sequencer numbers and hashes entries afterwards, in commit order, in batches.
 */
export async function appendLedger(db: Kysely<Database>, rec: LedgerRecord): Promise<void> {
  await appendLedgerMany(db, [rec]);
}

export async function appendLedgerMany(db: Kysely<Database>, recs: readonly LedgerRecord[]): Promise<void> {
  if (recs.length === 0) return;
  const at = new Date(Math.floor(Date.now()));
  await db
    .insertInto('ledger_entries')
    .values(recs.map((r) => ({
      at,
      category: r.category,
      act: r.act,
      actor_user_id: r.actorUserId ?? null,
      actor_org_id: r.actorOrgId ?? null,
      accountable_org_id: r.accountableOrgId ?? null,
      purpose: r.purpose ?? null,
      basis: r.basis ?? null,
      child_ids: [...new Set(r.childIds ?? [])].sort(),
      fields: [...new Set(r.fields ?? [])].sort(),
      request_id: r.requestId ?? null,
      outcome: r.outcome,
      reason: r.reason ?? null,
    })))
    .execute();
}
