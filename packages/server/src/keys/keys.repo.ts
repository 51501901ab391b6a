import { sql, type Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { publicationKeyLabel } from '../review/publication-cipher.ts';

/**
 * Every data key wrapped by the master key, by where it is kept. The label is what the wrap
 * binds the key to (envelope.ts): the same label must be given to unwrap it again.
 */
export const KEY_HOLDERS = {
  child: { table: 'children', wrapped: 'data_key_wrapped', version: 'master_key_version', label: (id: string) => id },
  publication_record: { table: 'publications', wrapped: 'record_key_wrapped', version: 'record_key_version', label: (id: string) => publicationKeyLabel(id, 'record') },
  publication_draft: { table: 'publications', wrapped: 'draft_key_wrapped', version: 'draft_key_version', label: (id: string) => publicationKeyLabel(id, 'draft') },
} as const;

export type KeyHolder = keyof typeof KEY_HOLDERS;
export const KEY_HOLDER_NAMES = Object.keys(KEY_HOLDERS) as KeyHolder[];

export interface VersionCount { version: number; children: number; publicationKeys: number }

/** How many wrapped keys each master-key version holds; never a key or a field value. */
export async function countByVersion(db: Kysely<Database>): Promise<VersionCount[]> {
  const byVersion = new Map<number, VersionCount>();
  for (const holder of KEY_HOLDER_NAMES) {
    const h = KEY_HOLDERS[holder];
    const rows = await sql<{ version: number | null; n: number }>`SELECT ${sql.ref(h.version)} AS version, count(*) AS n FROM ${sql.table(h.table)}
      WHERE ${sql.ref(h.wrapped)} IS NOT NULL GROUP BY 1`.execute(db);
    for (const r of rows.rows) {
      const v = r.version ?? 0;
      const c = byVersion.get(v) ?? { version: v, children: 0, publicationKeys: 0 };
      if (holder === 'child') c.children += Number(r.n);
      else c.publicationKeys += Number(r.n);
      byVersion.set(v, c);
    }
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

export interface WrappedKeyRow { id: string; wrapped: Buffer; version: number }

/**
 * The next page (by id) of `holder`'s keys wrapped under a version older than `version`. Only
 * older: a newer version (a later rotation) is never moved back.
 */
export async function wrappedKeysBelow(db: Kysely<Database>, holder: KeyHolder, version: number, afterId: string, limit: number): Promise<WrappedKeyRow[]> {
  const h = KEY_HOLDERS[holder];
  const after = afterId ? sql`AND id > ${afterId}::uuid` : sql``;
  const r = await sql<WrappedKeyRow>`SELECT id::text AS id, ${sql.ref(h.wrapped)} AS wrapped, ${sql.ref(h.version)} AS version FROM ${sql.table(h.table)}
    WHERE ${sql.ref(h.wrapped)} IS NOT NULL AND ${sql.ref(h.version)} < ${version} ${after} ORDER BY id LIMIT ${limit}`.execute(db);
  return r.rows;
}

export interface Rewrap { id: string; oldWrapped: Buffer; oldVersion: number; wrapped: Buffer; version: number }

/**
 * Compare-and-set: a row changes only if it still holds the key we read. A child shredded or a
 * draft destroyed (key set to NULL) meanwhile, or a key re-wrapped by someone else, is left
 * alone, so rotation can never bring a destroyed key back.
 */
export async function applyRewraps(db: Kysely<Database>, holder: KeyHolder, rows: readonly Rewrap[]): Promise<number> {
  if (rows.length === 0) return 0;
  const h = KEY_HOLDERS[holder];
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.oldWrapped}::bytea, ${r.oldVersion}::int, ${r.wrapped}::bytea, ${r.version}::int)`));
  const res = await sql`UPDATE ${sql.table(h.table)} AS t SET ${sql.ref(h.wrapped)} = v.wrapped, ${sql.ref(h.version)} = v.version
    FROM (VALUES ${values}) AS v(id, old_wrapped, old_version, wrapped, version)
    WHERE t.id = v.id AND t.${sql.ref(h.wrapped)} = v.old_wrapped AND t.${sql.ref(h.version)} = v.old_version`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}
