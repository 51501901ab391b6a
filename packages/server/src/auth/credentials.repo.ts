import { sql, type Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';

/** The credential columns of users. Only auth/ reads password hashes and TOTP secrets. */
export interface Account {
  id: string;
  username: string;
  org_id: string | null;
  password_hash: string;
  must_change_password: boolean;
  totp_secret_enc: Buffer | null;
  totp_enrolled: boolean;
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: Date | null;
  disabled: boolean;
}

const COLUMNS = [
  'id', 'username', 'org_id', 'password_hash', 'must_change_password', 'totp_secret_enc', 'totp_enrolled',
  'totp_last_step', 'failed_logins', 'locked_until', 'disabled',
] as const;

export const credentialsRepo = {
  findByUsername(db: Kysely<Database>, username: string): Promise<Account | undefined> {
    return db.selectFrom('users').select(COLUMNS).where('username', '=', username).executeTakeFirst();
  },

  findById(db: Kysely<Database>, id: string): Promise<Account | undefined> {
    return db.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  /** Atomic, so two concurrent wrong guesses both count. */
  async addFailure(db: Kysely<Database>, id: string, now: Date): Promise<number> {
    const row = await db.updateTable('users')
      .set({ failed_logins: sql`failed_logins + 1`, updated_at: now })
      .where('id', '=', id).returning('failed_logins').executeTakeFirstOrThrow();
    return row.failed_logins;
  },

  async lock(db: Kysely<Database>, id: string, until: Date, now: Date): Promise<void> {
    await db.updateTable('users').set({ locked_until: until, failed_logins: 0, updated_at: now }).where('id', '=', id).execute();
  },

  async clearFailures(db: Kysely<Database>, id: string, now: Date): Promise<void> {
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null, updated_at: now }).where('id', '=', id).execute();
  },

  async setPassword(db: Kysely<Database>, id: string, passwordHash: string, mustChange: boolean, now: Date): Promise<void> {
    await db.updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: now, updated_at: now })
      .where('id', '=', id).execute();
  },

  /** A secret being enrolled: stored sealed, not yet trusted (totp_enrolled stays false). */
  async setPendingTotp(db: Kysely<Database>, id: string, sealed: Buffer, now: Date): Promise<void> {
    await db.updateTable('users')
      .set({ totp_secret_enc: sealed, totp_enrolled: false, totp_last_step: null, updated_at: now })
      .where('id', '=', id).execute();
  },

  async clearTotp(db: Kysely<Database>, id: string, now: Date): Promise<void> {
    await db.updateTable('users')
      .set({ totp_secret_enc: null, totp_enrolled: false, totp_last_step: null, updated_at: now })
      .where('id', '=', id).execute();
  },

  /**
   * Records `step` as used, only if it is later than the last one: the condition makes a replay
   * racing the original lose even when both passed the check. False means "already used".
   */
  async useTotpStep(db: Kysely<Database>, id: string, step: number, now: Date, extra: { enrol?: boolean; resealed?: Buffer } = {}): Promise<boolean> {
    const res = await db.updateTable('users')
      .set({
        totp_last_step: step, failed_logins: 0, locked_until: null, updated_at: now,
        ...(extra.enrol ? { totp_enrolled: true } : {}),
        ...(extra.resealed ? { totp_secret_enc: extra.resealed } : {}),
      })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
