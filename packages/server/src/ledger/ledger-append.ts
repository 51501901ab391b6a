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
 * Queue half of queue-then-sequence (DESIGN.md): inside a transaction the entry is inserted in
 * that transaction, so it commits or rolls back with the change it records. Outside one (audited
 * reads, login events) concurrent appends are grouped into one INSERT — group commit — and each
 * caller resumes only once its own entry is committed. No global lock: the sequencer numbers and
 * hashes entries afterwards, in commit order, in batches.
 */
export async function appendLedger(db: Kysely<Database>, rec: LedgerRecord): Promise<void> {
  if (db.isTransaction) return insertRows(db, [toRow(rec, new Date())]);
  return groupFor(db).push(toRow(rec, new Date()));
}

export async function appendLedgerMany(db: Kysely<Database>, recs: readonly LedgerRecord[]): Promise<void> {
  const at = new Date();
  await insertRows(db, recs.map((r) => toRow(r, at)));
}

type Row = ReturnType<typeof toRow>;

function toRow(r: LedgerRecord, at: Date) {
  return {
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
  };
}

async function insertRows(db: Kysely<Database>, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('ledger_entries').values(rows).execute();
}

const GROUP_MAX = 500;
const groups = new WeakMap<Kysely<Database>, GroupAppender>();

function groupFor(db: Kysely<Database>): GroupAppender {
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new GroupAppender(db)));
  return g;
}

/** While one INSERT is in flight the next callers queue; they go together in the next one. */
class GroupAppender {
  private queue: Array<{ row: Row; resolve: () => void; reject: (e: unknown) => void }> = [];
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  push(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    // Let callers of the same turn of the event loop join the first batch.
    await new Promise<void>((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, GROUP_MAX);
      try {
        await insertRows(this.db, batch.map((b) => b.row));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.draining = false;
  }
}
