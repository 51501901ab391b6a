import type { Kysely } from 'kysely';
import type { SECURITY_ACTS } from '@hutong/core';
import { appendLedger, type LedgerOutcome } from '../ledger/ledger-append.ts';
import type { Database } from '../shared/db/schema.ts';

export type SecurityAct = keyof typeof SECURITY_ACTS;

/** Who did it and in which request; userId is null only when the username matched nobody. */
export interface AuditWho {
  readonly userId: string | null;
  readonly orgId: string | null;
  readonly requestId: string | null;
}

/**
 * One security ledger entry, written with the caller's transaction so it commits with the state
 * change it records. `reason` is a short code (bad_password, totp_replay…): never a password,
 * a code, a secret or a token, and never the username someone typed.
 */
export function auditSecurity(
  db: Kysely<Database>, act: SecurityAct, who: AuditWho, outcome: LedgerOutcome, reason: string | null = null,
): Promise<void> {
  return appendLedger(db, {
    category: 'security', act, actorUserId: who.userId, actorOrgId: who.orgId, outcome, reason, requestId: who.requestId,
  });
}
