import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { PRINCIPAL_COLUMNS, type PrincipalRow } from './principal.ts';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = ['id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;

/** Personal API tokens; like sessions, only a hash of each token is stored. */
export const tokensRepo = {
  insert(db: Kysely<Database>, t: { userId: string; name: string; tokenHash: Buffer; prefix: string; now: Date; expiresAt: Date }): Promise<TokenRow> {
    return db.insertInto('api_tokens')
      .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, prefix: t.prefix, created_at: t.now, expires_at: t.expiresAt })
      .returning(COLUMNS).executeTakeFirstOrThrow();
  },

  listForUser(db: Kysely<Database>, userId: string): Promise<TokenRow[]> {
    return db.selectFrom('api_tokens').select(COLUMNS).where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  },

  findForUser(db: Kysely<Database>, userId: string, id: string): Promise<TokenRow | undefined> {
    return db.selectFrom('api_tokens').select(COLUMNS).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  },

  findWithPrincipal(db: Kysely<Database>, tokenHash: Buffer): Promise<(PrincipalRow & { t_id: string; t_expires_at: Date; t_revoked_at: Date | null }) | undefined> {
    return db.selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .leftJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['t.id as t_id', 't.expires_at as t_expires_at', 't.revoked_at as t_revoked_at', ...PRINCIPAL_COLUMNS])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  /**
   * last_used_at is shown to the owner, not an audit record (every use is in the ledger), so it is
   * refreshed at most once a minute: otherwise every request on one token queues on one row lock.
   */
  async markUsed(db: Kysely<Database>, id: string, now: Date): Promise<void> {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))])).execute();
  },

  /** True when this call revoked it (not already revoked): only then is it audited. */
  async revoke(db: Kysely<Database>, userId: string, id: string, now: Date): Promise<boolean> {
    const res = await db.updateTable('api_tokens').set({ revoked_at: now })
      .where('user_id', '=', userId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
