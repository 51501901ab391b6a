// `hutong import children` of N synthetic children (default 100,000): rows/s. Target ≥ 2,000 rows/s.
// The CSV is synthetic (made-up names; ID numbers composed with valid check digits on real 2023
// village codes of 松溪县, via the demo generator). The CLI runs as a separate process, exactly as
// an operator would run it; the figure includes its start-up.
// Usage: node --import tsx bench/import.bench.ts [N]     (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { createContext } from '../packages/server/src/context.ts';
import { HEADERS } from '../packages/server/src/import/index.ts';
import { orgsService } from '../packages/server/src/orgs/index.ts';
import { loadConfig } from '../packages/server/src/shared/config/config.ts';
import { seededRandom, syntheticChild } from '../packages/server/src/demo/synthetic-people.ts';
import { placesUnder, toSheetRow } from '../packages/server/src/demo/synthetic-rows.ts';
import { benchDatabase, mib, peakRssOf, report } from './bench-context.ts';

const N = Number(process.argv[2] ?? 100_000);
const ROOT = path.resolve(import.meta.dirname, '..');
const ORG = '松溪县民政局（压测）';

const store = await benchDatabase();
try {
  const config = loadConfig({ HUTONG_DATA_DIR: store.dataDir, ...(store.databaseUrl ? { DATABASE_URL: store.databaseUrl } : {}) });
  const ctx = await createContext({ config });
  const engine = ctx.dbh.engine;
  await orgsService.createOrg(ctx, null, { name: ORG, type: 'civil_affairs', regionCode: '350724000000' });
  await ctx.close();

  const file = path.join(store.dataDir, `children-${N}.csv`);
  const t0 = performance.now();
  const rand = seededRandom(20_241_122);
  const places = placesUnder('350724000000');
  const used = new Set<string>();
  const today = new Date().toISOString().slice(0, 10);
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '\uFEFF' + stringify([], { header: true, columns: [...HEADERS], record_delimiter: '\r\n' }));
  for (let i = 0; i < N; i += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, N - i) }, (_, k) => toSheetRow(syntheticChild(rand, places[(i + k) % places.length]!, today, used, [1, 16])));
    fs.writeSync(out, stringify(rows, { columns: [...HEADERS], record_delimiter: '\r\n' }));
  }
  fs.closeSync(out);
  process.stderr.write(`已生成 ${N} 行 CSV（${mib(fs.statSync(file).size)}，${((performance.now() - t0) / 1000).toFixed(1)} s）：${file}\n`);

  const env = { ...process.env, HUTONG_DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl ?? '' };
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'packages/cli/bin/hutong.js'), 'import', 'children', '--file', file, '--org', ORG, '--json'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, peakRssOf(child.pid!) ?? 0); }, 200);
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  clearInterval(sampler);
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`hutong import exited ${code}: ${stdout.slice(0, 2000)}`);
  const json = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { rows: number; imported: number; invalid: number; seconds: number; rowsPerSecond: number };
  if (json.imported !== N) throw new Error(`imported ${json.imported} of ${N}: ${stdout.slice(0, 2000)}`);
  report('import-children', {
    engine, rows: N, imported: json.imported, invalid: json.invalid,
    wallSeconds: wall.toFixed(1), rowsPerSecondWall: Math.round(N / wall),
    reportedSeconds: json.seconds.toFixed(1), rowsPerSecondReported: json.rowsPerSecond,
    cliPeakRss: mib(peak),
  });
} finally {
  await store.drop();
}
