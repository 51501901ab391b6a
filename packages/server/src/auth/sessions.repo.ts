import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { PRINCIPAL_COLUMNS, type PrincipalRow } from './principal.ts';

export type SessionStage = 'change_password' | 'enrol_totp' | 'totp' | 'active';

export interface SessionRow extends PrincipalRow {
  token_hash: Buffer;
  stage: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

/** Console sessions. The table holds only a hash of each cookie token, never the token. */
export const sessionsRepo = {
  async insert(db: Kysely<Database>, s: {
    tokenHash: Buffer; userId: string; stage: SessionStage; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null;
  }): Promise<void> {
    await db.insertInto('sessions').values({
      token_hash: s.tokenHash, user_id: s.userId, stage: s.stage, created_at: s.now, last_seen_at: s.now,
      expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent,
    }).execute();
  },

  findWithPrincipal(db: Kysely<Database>, tokenHash: Buffer): Promise<SessionRow | undefined> {
    return db.selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['s.token_hash', 's.stage', 's.created_at', 's.last_seen_at', 's.expires_at', ...PRINCIPAL_COLUMNS])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  async touch(db: Kysely<Database>, tokenHash: Buffer, now: Date): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  },

  async setStage(db: Kysely<Database>, tokenHash: Buffer, stage: SessionStage, now: Date): Promise<void> {
    await db.updateTable('sessions').set({ stage, last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  },

  /** True when a row was deleted: whoever deletes it writes the ledger entry, once. */
  async delete(db: Kysely<Database>, tokenHash: Buffer): Promise<boolean> {
    const res = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },

  /** Ends a user's sessions: all, all but one (password change), or only unfinished logins (lockout). */
  async deleteForUser(db: Kysely<Database>, userId: string, opts: { except?: Buffer; pendingOnly?: boolean } = {}): Promise<void> {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (opts.except) q = q.where('token_hash', '!=', opts.except);
    if (opts.pendingOnly) q = q.where('stage', '!=', 'active');
    await q.execute();
  },
};
