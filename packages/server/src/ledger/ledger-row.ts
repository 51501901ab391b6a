import type { LedgerCategory, LedgerEntry } from './canonical-entry.ts';
import type { LedgerEntriesTable } from '../shared/db/schema.ts';

type Row = Pick<LedgerEntriesTable, 'at' | 'category' | 'act' | 'actor_user_id' | 'actor_org_id' | 'accountable_org_id' | 'purpose' | 'basis' | 'child_ids' | 'fields' | 'request_id' | 'outcome' | 'reason'>;

/** A stored row as the canonical entry it stands for; `seq` comes from the sequencer. */
export function rowToEntry(row: Row, seq: number): LedgerEntry {
  return {
    seq,
    at: row.at.toISOString(),
    category: row.category as LedgerCategory,
    act: row.act,
    actorUserId: row.actor_user_id,
    actorOrgId: row.actor_org_id,
    accountableOrgId: row.accountable_org_id,
    purpose: row.purpose,
    basis: row.basis,
    childIds: row.child_ids,
    fields: row.fields,
    requestId: row.request_id,
    outcome: row.outcome as LedgerEntry['outcome'],
    reason: row.reason,
  };
}
