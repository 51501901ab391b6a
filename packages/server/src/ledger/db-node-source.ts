import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import type { HashFn } from './hashes.ts';
import type { NodeSource } from './node-source.ts';

/**
 * Proof algorithms ask for perfect-subtree nodes synchronously, and which nodes they ask for
 * never depends on the hash values. So a proof is computed twice: once against a recorder to
 * learn the O(log² n) node ids, then against those nodes fetched in one query.
 */
export async function withStoredNodes<T>(db: Kysely<Database>, h: HashFn, compute: (src: NodeSource) => T): Promise<T> {
  const wanted = new Map<string, { level: number; index: number }>();
  const dummy = h(new Uint8Array(0));
  compute({ perfectNode: (level, index) => { wanted.set(`${level}:${index}`, { level, index }); return dummy; } });
  const got = new Map<string, Buffer>();
  const ids = [...wanted.values()];
  const leaves = ids.filter((n) => n.level === 0).map((n) => n.index);
  const inner = ids.filter((n) => n.level > 0);
  if (leaves.length) {
    const rows = await db.selectFrom('ledger_entries').select(['seq', 'leaf_hash']).where('seq', 'in', leaves).execute();
    for (const r of rows) got.set(`0:${r.seq}`, r.leaf_hash!);
  }
  if (inner.length) {
    const rows = await db.selectFrom('ledger_nodes').select(['level', 'idx', 'hash'])
      .where((eb) => eb.or(inner.map((n) => eb.and([eb('level', '=', n.level), eb('idx', '=', n.index)])))).execute();
    for (const r of rows) got.set(`${r.level}:${r.idx}`, r.hash);
  }
  return compute({
    perfectNode: (level, index) => {
      const v = got.get(`${level}:${index}`);
      if (!v) throw new Error(`台账树节点缺失（level ${level}, index ${index}）`);
      return v;
    },
  });
}
