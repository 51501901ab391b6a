// Audited reads of one child under concurrent load: GET /api/children/:id?purpose=social_assistance
// against the real server (packages/server/src/main.ts in a child process) with an API token.
// Target on PostgreSQL: ≥ 1,500 req/s with p99 < 50 ms. Also reports the server's RSS (idle after
// start, and peak under load) and checks afterwards that every request left its ledger entries and
// that the ledger verifies.
//
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres node --import tsx bench/audited-reads.bench.ts
//   (without BENCH_DATABASE_URL the server runs on embedded PGlite)
//   BENCH_CHILDREN=10000  BENCH_CONNECTIONS=32  BENCH_SECONDS=20  BENCH_MAX_REQUESTS=200000
//   BENCH_LOG_LEVEL=info (the server's default; 'warn' shows what per-request logging costs)
//   BENCH_CPU_PROF=dir    write the server's V8 CPU profile there (node --cpu-prof)
//   BENCH_POOL_SIZE=n     (only if the server reads HUTONG_DB_POOL_SIZE; reported as given)
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../packages/server/src/app.ts';
import { createContext } from '../packages/server/src/context.ts';
import { seedDemo } from '../packages/server/src/demo/index.ts';
import { verifyLedger } from '../packages/server/src/ledger/ledger-verify.service.ts';
import { loadConfig } from '../packages/server/src/shared/config/config.ts';
import { loginAs, tokenFor } from '../packages/server/test/helpers/auth-helpers.ts';
import { benchDatabase, cpuMsOf, cpuMsOfAll, mib, peakRssOf, report, rssOf } from './bench-context.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 200_000);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const ROOT = path.resolve(import.meta.dirname, '..');
const USER = 'sx.baohu'; // 松溪县民政局 儿童保护专员: sees the county's children, may reveal with a purpose

const store = await benchDatabase();
const env = {
  ...process.env,
  HUTONG_DATA_DIR: store.dataDir,
  ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : { DATABASE_URL: '' }),
};
let server: ChildProcess | null = null;
try {
  // 1. Seed in-process through the real services, log in (password change, TOTP) and make a token.
  const t0 = performance.now();
  const config = loadConfig({ HUTONG_DATA_DIR: store.dataDir, ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}) });
  const ctx = await createContext({ config });
  const engine = ctx.dbh.engine;
  const seeded = await seedDemo(ctx, { children: CHILDREN, visits: 0 });
  const account = seeded.accounts.find((a) => a.username === USER)!;
  const app = await buildApp(ctx);
  const { cookie } = await loginAs(app, ctx, USER, account.password);
  const token = await tokenFor(app, cookie, { name: '压测令牌' });
  await app.close();
  // Only children this user may see: the others would answer 404 (also audited, but not the case measured).
  const ids = (await sql<{ id: string }>`SELECT id FROM children WHERE region_code LIKE '350724%'`.execute(ctx.db)).rows.map((r) => r.id);
  await ctx.ledger.flush();
  await ctx.close();
  const seedSeconds = (performance.now() - t0) / 1000;
  process.stderr.write(`已准备 ${seeded.children} 名儿童（可见 ${ids.length}），用时 ${seedSeconds.toFixed(1)} s\n`);

  // 2. The real server in a child process.
  const port = await freePort();
  const profDir = process.env.BENCH_CPU_PROF;
  const start = (entry: string) => spawn(process.execPath, ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir)}`] : []), path.join(ROOT, entry)],
    { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const serverEntry = 'packages/server/src/main.ts';
  server = start(serverEntry);
  if (!(await waitFor(`${base}/api/health`, 60_000, server))) throw new Error('server did not start');
  await sleep(3000); // let start-up garbage settle before reading the idle figure
  const idleRss = rssOf(server.pid!);

  // 3. Bounded load: CONNECTIONS keep-alive connections, each sending the next request when the
  //    last one answers, until SECONDS elapse or MAX_REQUESTS have been sent.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = new Float64Array(MAX_REQUESTS);
  const statuses = new Map<number, number>();
  let sent = 0;
  let done = 0;
  let errors = 0;
  let peakSampled = idleRss ?? 0;
  const sampler = setInterval(() => { peakSampled = Math.max(peakSampled, rssOf(server!.pid!) ?? 0); }, 250);
  // What the server's PostgreSQL sessions are doing (lock waits show as Lock:transactionid/tuple).
  const waits = new Map<string, number>();
  let pgSampler: NodeJS.Timeout | null = null;
  let watcher: pg.Client | null = null;
  if (store.databaseUrl) {
    watcher = new pg.Client({ connectionString: store.databaseUrl });
    await watcher.connect();
    const dbName = new URL(store.databaseUrl).pathname.slice(1);
    pgSampler = setInterval(() => {
      void watcher!.query(`SELECT coalesce(wait_event_type || ':' || wait_event, 'cpu') || ' (' || state || ')' AS w FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`, [dbName])
        .then((r) => { for (const row of r.rows as Array<{ w: string }>) waits.set(row.w, (waits.get(row.w) ?? 0) + 1); }, () => {});
    }, 100);
  }
  const cpu0 = { server: cpuMsOf(server.pid!) ?? 0, client: process.cpuUsage(), postgres: cpuMsOfAll('postgres') };
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const one = (id: string) => new Promise<number>((resolve) => {
    const req = http.get(`${base}/api/children/${id}?purpose=social_assistance`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(10_000, () => req.destroy());
  });
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < deadline && sent < MAX_REQUESTS) {
      sent++;
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      const t = performance.now();
      const status = await one(id);
      latencies[done++] = performance.now() - t;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status !== 200) errors++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(cpu0.client);
  const cpu = {
    server: (cpuMsOf(server.pid!) ?? 0) - cpu0.server,
    client: (clientCpu.user + clientCpu.system) / 1000,
    postgres: cpuMsOfAll('postgres') - cpu0.postgres,
  };
  clearInterval(sampler);
  if (pgSampler) clearInterval(pgSampler);
  await watcher?.end();
  agent.destroy();
  const peakRss = Math.max(peakSampled, peakRssOf(server.pid!) ?? 0);
  const lat = latencies.slice(0, done).sort();
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]!;

  // 4. Stop the server (its shutdown sequences the remaining ledger entries), then check the ledger.
  await stop(server);
  server = null;
  const ctx2 = await createContext({ config });
  const since = new Date(Date.now() - (elapsed + 120) * 1000);
  const counts = await ctx2.db.selectFrom('ledger_entries')
    .select(['category', 'act', 'outcome', (e) => e.fn.countAll<number>().as('n')])
    .where('at', '>=', since).where('actor_user_id', '=', (await ctx2.db.selectFrom('users').select('id').where('username', '=', USER).executeTakeFirstOrThrow()).id)
    .groupBy(['category', 'act', 'outcome']).execute();
  const count = (category: string, act: string, outcome: string) => Number(counts.find((c) => c.category === category && c.act === act && c.outcome === outcome)?.n ?? 0);
  const reads = count('processing', 'use', 'allowed');
  const tokenUses = count('security', 'token_use', 'succeeded');
  await ctx2.ledger.flush();
  const v = await verifyLedger(ctx2.db, ctx2.keyring, { checkpointFile: ctx2.ledger.checkpointFile, windowMs: 60_000 });
  await ctx2.close();

  const ok200 = statuses.get(200) ?? 0;
  report('audited-reads', {
    engine, server: serverEntry, children: seeded.children, visibleChildren: ids.length, connections: CONNECTIONS, logLevel: LOG_LEVEL,
    seconds: elapsed.toFixed(1), requests: done, ok: ok200, errors, statuses: JSON.stringify(Object.fromEntries(statuses)),
    requestsPerSecond: Math.round(done / elapsed),
    p50ms: pct(50).toFixed(1), p95ms: pct(95).toFixed(1), p99ms: pct(99).toFixed(1), maxMs: lat[lat.length - 1]!.toFixed(1),
    ledgerReadEntries: reads, ledgerTokenUseEntries: tokenUses, everyReadAudited: reads === ok200 && tokenUses === ok200,
    ledgerVerified: v.ok, ledgerEntries: v.entries,
    // CPU per request is what the load on this shared 2-core machine does not distort much.
    serverCpuMsPerRequest: (cpu.server / done).toFixed(2), postgresCpuMsPerRequest: (cpu.postgres / done).toFixed(2),
    clientCpuMsPerRequest: (cpu.client / done).toFixed(2), serverCpuShare: (cpu.server / 1000 / elapsed).toFixed(2),
    pgSessionStates: JSON.stringify(Object.fromEntries([...waits.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6))),
    serverIdleRss: mib(idleRss), serverPeakRssUnderLoad: mib(peakRss),
  });
} finally {
  if (server) await stop(server);
  await store.drop();
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** True once `url` answers 2xx; false if the process exits first or `ms` pass. */
async function waitFor(url: string, ms: number, p: ChildProcess): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && p.exitCode === null && p.signalCode === null) {
    try {
      const r = await fetch(url);
      if (r.ok) return true;
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  return false;
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.exitCode !== null) return resolve();
    const kill = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    p.kill('SIGTERM');
  });
}
