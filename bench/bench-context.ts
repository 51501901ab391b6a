import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createContext, type AppContext } from '../packages/server/src/context.ts';
import { loadConfig } from '../packages/server/src/shared/config/config.ts';

export interface BenchContextOptions {
  /**
   * Keep the data dir (PGlite) or database (PostgreSQL) under this name and reuse it next run,
   * so a slow load (1M ledger entries) is paid once while the measured step is repeated.
   * Also settable as BENCH_REUSE=name. Without it everything is removed at cleanup.
   */
  reuse?: string | undefined;
}

export interface BenchContext {
  ctx: AppContext;
  engine: string;
  /** True when a kept data set from an earlier run was opened. */
  reused: boolean;
  /** The data dir and, on PostgreSQL, the database URL: what a child server process needs. */
  dataDir: string;
  databaseUrl: string | undefined;
  cleanup: () => Promise<void>;
}

/** A fresh data dir (PGlite) or a fresh database on the PostgreSQL server in BENCH_DATABASE_URL. */
export async function benchContext(opts: BenchContextOptions = {}): Promise<BenchContext> {
  const { dataDir, databaseUrl, reused, drop } = await benchDatabase(opts);
  const config = loadConfig({ HUTONG_DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const ctx = await createContext({ config });
  return {
    ctx,
    engine: ctx.dbh.engine,
    reused,
    dataDir,
    databaseUrl,
    cleanup: async () => {
      await ctx.close();
      await drop();
    },
  };
}

/**
 * Just the storage (no context opened): for benchmarks that run the server in a child process.
 * `drop()` removes it unless it is kept for reuse.
 */
export async function benchDatabase(opts: BenchContextOptions = {}): Promise<{ dataDir: string; databaseUrl: string | undefined; reused: boolean; drop: () => Promise<void> }> {
  const reuse = opts.reuse ?? process.env.BENCH_REUSE ?? undefined;
  if (reuse !== undefined && !/^[a-z0-9_]{1,40}$/.test(reuse)) throw new Error(`BENCH_REUSE: lower-case letters, digits and _ only: ${reuse}`);
  const server = process.env.BENCH_DATABASE_URL || undefined;
  const dataDir = reuse ? path.join(os.tmpdir(), `hutong-bench-${reuse}${server ? '-pg' : ''}`) : fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-'));
  const dbName = reuse ? `hutong_bench_keep_${reuse}` : `hutong_bench_${process.pid}_${Date.now().toString(36)}`;
  let reused = false;
  let databaseUrl: string | undefined;
  if (server) {
    reused = reuse !== undefined && (await adminQuery(server, 'SELECT 1 FROM pg_database WHERE datname = $1', [dbName])) > 0 && fs.existsSync(dataDir);
    if (!reused) {
      await adminQuery(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await adminQuery(server, `CREATE DATABASE ${dbName}`);
    }
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  } else {
    reused = reuse !== undefined && fs.existsSync(path.join(dataDir, 'pgdata'));
  }
  if (reuse && !reused) {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  return {
    dataDir, databaseUrl, reused,
    drop: async () => {
      if (reuse) return;
      if (server) await adminQuery(server, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`;
}

export function report(name: string, figures: Record<string, string | number | boolean>): void {
  const line = { bench: name, at: new Date().toISOString(), machine: machine(), ...figures };
  console.log(JSON.stringify(line));
  fs.mkdirSync(path.join(import.meta.dirname, 'out'), { recursive: true });
  fs.appendFileSync(path.join(import.meta.dirname, 'out', 'results.jsonl'), JSON.stringify(line) + '\n');
}

export async function adminQuery(url: string, statement: string, params: unknown[] = []): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(statement, params);
    return r.rowCount ?? 0;
  } finally {
    await c.end();
  }
}

/** Resident set size of a process in bytes (Linux /proc), or null when it is gone. */
export function rssOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Peak resident set size (VmHWM) of a process in bytes, or null. */
export function peakRssOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export const mib = (bytes: number | null): string => (bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

/** CPU time (user + system) a process has used so far, in milliseconds; null when it is gone. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11], fields[12] = utime, stime in clock ticks (field 14 and 15 of /proc/pid/stat)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/** CPU milliseconds used so far by all processes whose command name is `comm` (e.g. postgres). */
export function cpuMsOfAll(comm: string): number {
  let total = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== comm) continue;
      total += cpuMsOf(Number(d)) ?? 0;
    } catch { /* exited */ }
  }
  return total;
}
