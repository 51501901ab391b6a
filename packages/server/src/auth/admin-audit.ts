import type { Kysely } from 'kysely';
import type { ADMIN_ACTS } from '@hutong/core';
import { appendLedger } from '../ledger/ledger-append.ts';
import type { Database } from '../shared/db/schema.ts';
import type { Actor } from '../shared/http/actor.ts';

export type AdminAct = keyof typeof ADMIN_ACTS;

/** actor_user_id for changes made by the CLI or at first start, when nobody is logged in. */
export const SYSTEM_ACTOR = 'system';

/**
 * An administration entry (category 'admin') in the caller's transaction. The target goes in
 * `reason` as `user:<id>` / `org:<id>` plus a short code; changed column names go in `fields`.
 * Never values: no names, passwords or codes.
 */
export function auditAdmin(
  db: Kysely<Database>, act: AdminAct, actor: Actor | null, target: string, opts: { reason?: string; fields?: readonly string[] } = {},
): Promise<void> {
  return appendLedger(db, {
    category: 'admin',
    act,
    actorUserId: actor?.userId ?? SYSTEM_ACTOR,
    actorOrgId: actor?.orgId ?? null,
    outcome: 'succeeded',
    reason: opts.reason ? `${target} ${opts.reason}` : target,
    fields: opts.fields ?? [],
    requestId: actor?.requestId ?? null,
  });
}
