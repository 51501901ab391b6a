import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createContext, type AppContext } from '../../src/context.ts';
import { loadConfig, type Config } from '../../src/shared/config/config.ts';

/**
 * One isolated database per test file: an in-memory PGlite by default, or a fresh database on
 * the PostgreSQL server named by HUTONG_TEST_DATABASE_URL (CI runs the suite on both engines).
 */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<AppContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-test-'));
  const base = loadConfig({ HUTONG_DATA_DIR: dir }, { keyFile: path.join(dir, 'keys', 'master.json'), ...overrides });
  const serverUrl = process.env.HUTONG_TEST_DATABASE_URL;
  if (!serverUrl) {
    const ctx = await createContext({ config: base, inMemory: !overrides.dataDir });
    ctx.hooks.afterClose.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return ctx;
  }
  const dbName = `hutong_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const ctx = await createContext({ config: { ...base, databaseUrl: url.toString() } });
  ctx.hooks.afterClose.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}
