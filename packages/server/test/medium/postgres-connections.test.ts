import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/shared/db/index.ts';

// Connection handling exists only on a PostgreSQL server (PGlite has no connections to lose).
const serverUrl = process.env.HUTONG_TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('PostgreSQL connections', () => {
  const dbName = `hutong_conn_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  const dbUrl = () => { const u = new URL(serverUrl!); u.pathname = `/${dbName}`; return u.toString(); };
  const backends = async () => Number((await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [dbName])).rows[0].n);
  /** Enough concurrent queries that the pool opens all its connections. */
  const fillPool = (db: Awaited<ReturnType<typeof createDb>>['db']) =>
    Promise.all(Array.from({ length: 30 }, () => sql`SELECT pg_sleep(0.02)`.execute(db)));

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('close() returns only once every connection has left the server, so the database can be dropped at once', async () => {
    // Before close() waited for the sockets, 1–3 connections of ten were often still open here
    // and DROP DATABASE … WITH (FORCE) killed them into unhandled errors (seen in CI).
    const left: number[] = [];
    for (let i = 0; i < 10; i++) {
      const h = await createDb({ databaseUrl: dbUrl(), poolSize: 10, migrate: false });
      await fillPool(h.db);
      await h.close();
      left.push(await backends());
    }
    expect(left).toEqual(Array(10).fill(0));
  });

  it('survives the server dropping its idle connections (restart, pg_terminate_backend) and reconnects', async () => {
    const h = await createDb({ databaseUrl: dbUrl(), poolSize: 4, migrate: false });
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => { if (w.code === 'HUTONG_DB_CONNECTION_LOST') warnings.push(w.message); };
    process.on('warning', onWarning);
    try {
      await fillPool(h.db);
      const killed = (await admin.query('SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1', [dbName])).rows[0].n;
      expect(Number(killed)).toBe(4);
      await expect.poll(() => warnings.length).toBe(4);
      expect(warnings[0]).toMatch(/数据库连接被服务器断开/u);
      const r = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(h.db);
      expect(r.rows).toEqual([{ ok: 1 }]);
    } finally {
      process.off('warning', onWarning);
      await h.close();
    }
  });
});
