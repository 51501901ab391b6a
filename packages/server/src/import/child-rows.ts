import { CompiledQuery, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type DatabaseConnection, type Driver } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import type { Keyring } from '../shared/crypto/index.ts';
import type { ChildInput } from '../registry/child-input.ts';
import { insertChildren } from '../registry/child-writer.ts';

/** The statements insertChildren would run for one batch, compiled but not executed. */
export interface BuiltBatch {
  ids: string[];
  queries: Array<{ sql: string; parameters: unknown[] }>;
}

/**
 * Runs the registry's own insertChildren against a Kysely whose driver records each compiled
 * statement instead of sending it. This separates the CPU-heavy half of an import (a data key
 * per child, every field encrypted, blind indexes) from the database half, so the former can
 * run on another thread while the latter writes the previous batch — with exactly the SQL the
 * registry writes, not a copy of its logic. insertChildren reads nothing back; if it ever does,
 * the recorder refuses rather than hand it empty results.
 */
export async function buildChildBatch(keyring: Keyring, ownerOrgId: string, inputs: ChildInput[]): Promise<BuiltBatch> {
  const queries: BuiltBatch['queries'] = [];
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => recordingDriver(queries),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const ids = await insertChildren(db, keyring, ownerOrgId, inputs);
  return { ids, queries };
}

function recordingDriver(queries: BuiltBatch['queries']): Driver {
  const connection: DatabaseConnection = {
    async executeQuery(q: CompiledQuery) {
      if (!/^\s*insert\b/iu.test(q.sql)) throw new Error(`预构建只支持 INSERT 语句，insertChildren 执行了：${q.sql.slice(0, 40)}`);
      queries.push({ sql: q.sql, parameters: [...q.parameters] });
      return { rows: [] };
    },
    // eslint-disable-next-line require-yield
    async *streamQuery() { throw new Error('预构建不支持流式查询'); },
  };
  const none = async () => {};
  return {
    init: none, destroy: none, beginTransaction: none, commitTransaction: none, rollbackTransaction: none,
    acquireConnection: async () => connection, releaseConnection: none,
  };
}

/** Runs a built batch inside the caller's transaction. Bytes crossing a worker arrive as Uint8Array. */
export async function runBuiltBatch(db: Kysely<Database>, batch: BuiltBatch): Promise<void> {
  for (const q of batch.queries) {
    const params = q.parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
    await db.executeQuery(CompiledQuery.raw(q.sql, params));
  }
}
