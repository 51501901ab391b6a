import { sql, type Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';

/** Kysely only: the wrapped data keys, never a field value. */
export async function countByVersion(db: Kysely<Database>): Promise<Array<{ version: number; children: number }>> {
  const rows = await db.selectFrom('children').select(['master_key_version', (eb) => eb.fn.countAll<number>().as('n')])
    .where('data_key_wrapped', 'is not', null).groupBy('master_key_version').orderBy('master_key_version').execute();
  return rows.map((r) => ({ version: r.master_key_version ?? 0, children: Number(r.n) }));
}

/**
 * The next page (by id) of children whose data key is under a version older than `version`.
 * Only older: a newer version (a later rotation) is never moved back.
 */
export function wrappedKeysBelow(db: Kysely<Database>, version: number, afterId: string, limit: number) {
  let q = db.selectFrom('children').select(['id', 'data_key_wrapped', 'master_key_version'])
    .where('data_key_wrapped', 'is not', null).where('master_key_version', '<', version);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

export interface Rewrap { id: string; oldWrapped: Buffer; oldVersion: number; wrapped: Buffer; version: number }

/**
 * Compare-and-set: a row changes only if it still holds the key we read. A child shredded
 * (key set to NULL) or re-wrapped by someone else meanwhile is left alone, so rotation can
 * never bring a deleted child's key back.
 */
export async function applyRewraps(db: Kysely<Database>, rows: readonly Rewrap[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.oldWrapped}::bytea, ${r.oldVersion}::int, ${r.wrapped}::bytea, ${r.version}::int)`));
  const res = await sql`UPDATE children AS c SET data_key_wrapped = v.wrapped, master_key_version = v.version
    FROM (VALUES ${values}) AS v(id, old_wrapped, old_version, wrapped, version)
    WHERE c.id = v.id AND c.data_key_wrapped = v.old_wrapped AND c.master_key_version = v.old_version`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}
