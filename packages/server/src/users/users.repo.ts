import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';

/** A user as administrators see it: never the password hash or the TOTP secret. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  org_id: string | null;
  org_name: string | null;
  role: string;
  jurisdiction: string;
  must_change_password: boolean;
  totp_enrolled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function base(db: Kysely<Database>) {
  return db.selectFrom('users as u').leftJoin('orgs as o', 'o.id', 'u.org_id').select([
    'u.id', 'u.username', 'u.display_name', 'u.org_id', 'o.name as org_name', 'u.role', 'u.jurisdiction',
    'u.must_change_password', 'u.totp_enrolled', 'u.failed_logins', 'u.locked_until', 'u.disabled', 'u.created_at', 'u.updated_at',
  ]);
}

export type UserPatch = Partial<{
  display_name: string; org_id: string | null; role: string; jurisdiction: string; disabled: boolean;
}>;

export const usersRepo = {
  async list(db: Kysely<Database>, opts: { orgId?: string; limit: number; offset: number }): Promise<{ items: UserRow[]; total: number }> {
    let q = base(db);
    let c = db.selectFrom('users as u').select((eb) => eb.fn.countAll<number>().as('n'));
    if (opts.orgId) {
      q = q.where('u.org_id', '=', opts.orgId);
      c = c.where('u.org_id', '=', opts.orgId);
    }
    const [items, count] = await Promise.all([
      q.orderBy('u.username').limit(opts.limit).offset(opts.offset).execute(),
      c.executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  findById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
    if (!UUID.test(id)) return Promise.resolve(undefined);
    return base(db).where('u.id', '=', id).executeTakeFirst();
  },

  findByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
    return base(db).where('u.username', '=', username).executeTakeFirst();
  },

  async usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
    return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
  },

  async count(db: Kysely<Database>): Promise<number> {
    const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async insert(db: Kysely<Database>, u: {
    username: string; displayName: string; orgId: string | null; role: string; jurisdiction: string; passwordHash: string; now: Date;
  }): Promise<string> {
    const row = await db.insertInto('users').values({
      username: u.username, display_name: u.displayName, org_id: u.orgId, role: u.role, jurisdiction: u.jurisdiction,
      password_hash: u.passwordHash, must_change_password: true, created_at: u.now, updated_at: u.now,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async update(db: Kysely<Database>, id: string, patch: UserPatch, now: Date): Promise<void> {
    await db.updateTable('users').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
  },

  /** Members of an org, for checking that an org change keeps every account valid. */
  membersOf(db: Kysely<Database>, orgId: string): Promise<Array<{ id: string; role: string; jurisdiction: string }>> {
    return db.selectFrom('users').select(['id', 'role', 'jurisdiction']).where('org_id', '=', orgId).execute();
  },
};
