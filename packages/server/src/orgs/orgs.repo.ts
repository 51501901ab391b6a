import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';

export interface OrgRow {
  id: string;
  name: string;
  type: string;
  region_code: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = ['id', 'name', 'type', 'region_code', 'created_at', 'updated_at'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const orgsRepo = {
  list(db: Kysely<Database>, opts: { regionPrefix?: string } = {}): Promise<OrgRow[]> {
    let q = db.selectFrom('orgs').select(COLUMNS);
    if (opts.regionPrefix) q = q.where('region_code', 'like', `${opts.regionPrefix}%`);
    return q.orderBy('region_code').orderBy('name').execute();
  },

  /** A non-UUID id matches nothing instead of making PostgreSQL reject the cast. */
  findById(db: Kysely<Database>, id: string): Promise<OrgRow | undefined> {
    if (!UUID.test(id)) return Promise.resolve(undefined);
    return db.selectFrom('orgs').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  findByName(db: Kysely<Database>, name: string): Promise<OrgRow | undefined> {
    return db.selectFrom('orgs').select(COLUMNS).where('name', '=', name).executeTakeFirst();
  },

  insert(db: Kysely<Database>, o: { name: string; type: string; regionCode: string; now: Date }): Promise<OrgRow> {
    return db.insertInto('orgs')
      .values({ name: o.name, type: o.type, region_code: o.regionCode, created_at: o.now, updated_at: o.now })
      .returning(COLUMNS).executeTakeFirstOrThrow();
  },

  update(db: Kysely<Database>, id: string, patch: { name?: string; type?: string; region_code?: string }, now: Date): Promise<OrgRow> {
    return db.updateTable('orgs').set({ ...patch, updated_at: now }).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
  },
};
