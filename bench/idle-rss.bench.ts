// Resident memory of `npm start` idle after start: every process of the tree (npm, scripts/start.js,
// the server). PGlite by default (a fresh data dir); BENCH_DATABASE_URL=postgres://… for PostgreSQL.
// Usage: node --import tsx bench/idle-rss.bench.ts        (BENCH_IDLE_SECONDS=10 to wait longer)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { benchDatabase, mib, peakRssOf, report, rssOf } from './bench-context.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const IDLE = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const store = await benchDatabase();
const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const npm = spawn('npm', ['start'], {
  cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, HUTONG_DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl ?? '', PORT: String(port), HOST: '127.0.0.1' },
});
/** The processes started under `pid`, depth first (Linux /proc). */
function tree(pid: number): number[] {
  const kids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  }).map(Number);
  return [pid, ...kids.flatMap(tree)];
}
const cmd = (pid: number) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).map((a) => path.basename(a)).join(' ').slice(0, 60); } catch { return '?'; } };
try {
  const t0 = performance.now();
  for (;;) {
    if (performance.now() - t0 > 120_000 || npm.exitCode !== null) throw new Error('npm start did not come up');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  const startSeconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, IDLE * 1000));
  const procs = tree(npm.pid!).map((pid) => ({ pid, cmd: cmd(pid), rss: rssOf(pid), peak: peakRssOf(pid) }));
  const server = procs.find((p) => p.cmd.includes('main.ts'));
  report('idle-rss', {
    engine: store.databaseUrl ? 'postgres' : 'pglite', startSeconds: startSeconds.toFixed(1), idleSeconds: IDLE,
    serverIdleRss: mib(server?.rss ?? null), serverPeakRssSoFar: mib(server?.peak ?? null),
    treeIdleRss: mib(procs.reduce((a, p) => a + (p.rss ?? 0), 0)),
    processes: procs.map((p) => `${p.cmd}: ${mib(p.rss)}`).join('; '),
  });
  // Stop what this benchmark started, by pid, deepest first.
  for (const p of procs.reverse()) {
    try { process.kill(p.pid, 'SIGTERM'); } catch { /* gone */ }
  }
  await new Promise((r) => setTimeout(r, 3000));
} finally {
  if (npm.exitCode === null) npm.kill('SIGKILL');
  await store.drop();
}
