import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createContext, type AppContext } from '../packages/server/src/context.ts';
import { loadConfig } from '../packages/server/src/shared/config/config.ts';

/** A fresh data dir (PGlite) or the PostgreSQL server in BENCH_DATABASE_URL, for one benchmark run. */
export async function benchContext(): Promise<{ ctx: AppContext; engine: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-'));
  const server = process.env.BENCH_DATABASE_URL;
  let url: string | undefined;
  const dbName = `hutong_bench_${process.pid}`;
  if (server) {
    await adminQuery(server, `CREATE DATABASE ${dbName}`);
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const config = loadConfig({ HUTONG_DATA_DIR: dir, ...(url ? { DATABASE_URL: url } : {}) });
  const ctx = await createContext({ config });
  return {
    ctx,
    engine: ctx.dbh.engine,
    cleanup: async () => {
      await ctx.close();
      if (server) await adminQuery(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function report(name: string, figures: Record<string, string | number>): void {
  const line = { bench: name, at: new Date().toISOString(), machine: machine(), ...figures };
  console.log(JSON.stringify(line));
  fs.mkdirSync(path.join(import.meta.dirname, 'out'), { recursive: true });
  fs.appendFileSync(path.join(import.meta.dirname, 'out', 'results.jsonl'), JSON.stringify(line) + '\n');
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
