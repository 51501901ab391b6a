import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDirLock } from './lock-file.ts';
import { PgliteClientPool } from './pglite-pool.ts';
import { migrateToLatest } from './migrate.ts';
import { pgliteBulkReader, postgresBulkReader, registerBulkReader, type BulkReader } from './bulk-read.ts';
import type { Database } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Raw COPY output for bulk reads (ledger verification); see bulk-read.ts. */
  readonly bulk: BulkReader;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… selects a PostgreSQL ≥ 15 server; otherwise embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite files live in <dataDir>/pgdata; undefined means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  migrate?: boolean;
}

// int8 (counts, sequence numbers) as numbers on both engines; values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// DATE stays a 'YYYY-MM-DD' string: a JS Date would shift calendar days by the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

export async function createDb(opts: DbOptions): Promise<DbHandle> {
  const handle = opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : await openPglite(opts.dataDir);
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  return handle;
}

function openPostgres(url: string, max: number): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (restart, failover, pg_terminate_backend) is already
  // discarded by the pool; without a listener its 'error' event would end the whole process.
  pool.on('error', (err) => process.emitWarning(`数据库连接被服务器断开，已丢弃该连接：${err.message}`, { code: 'HUTONG_DB_CONNECTION_LOST' }));
  const open = new Set<pg.PoolClient>();
  pool.on('connect', (c) => open.add(c));
  pool.on('remove', (c) => open.delete(c));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const bulk = postgresBulkReader(pool);
  registerBulkReader(db, bulk);
  return {
    db, engine: 'postgres', bulk,
    async close() {
      await db.destroy();
      // pool.end() resolves once no client is checked out, before their sockets have closed; a
      // caller that then drops or restores the database must not meet connections still closing.
      await new Promise<void>((resolve) => {
        const done = () => { if (open.size === 0) finish(); };
        const finish = () => { pool.off('remove', done); clearTimeout(timer); resolve(); };
        const timer = setTimeout(finish, 5_000);
        pool.on('remove', done);
        done();
      });
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<DbHandle> {
  const release = dataDir ? acquireDirLock(dataDir) : () => {};
  try {
    const pglite = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined, {
      parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
    });
    const pool = new PgliteClientPool(pglite);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const bulk = pgliteBulkReader(pglite, pool);
    registerBulkReader(db, bulk);
    return {
      db,
      engine: 'pglite',
      bulk,
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
