#!/usr/bin/env node
// `npm run bench [-- ledger-verify audited-reads import idle-rss verifier-pure]`: runs the benchmarks in bench/ one after
// another (never part of `npm test`). Each appends its figures to bench/out/results.jsonl.
// BENCH_DATABASE_URL=postgres://… runs them on a PostgreSQL server (each creates and drops its own
// database there); without it they use embedded PGlite in a temporary data dir. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const all = {
  'ledger-verify': ['bench/ledger-verify.bench.ts', process.env.BENCH_LEDGER_N ?? '1000000'],
  'audited-reads': ['bench/audited-reads.bench.ts'],
  import: ['bench/import.bench.ts', process.env.BENCH_IMPORT_N ?? '100000'],
  'idle-rss': ['bench/idle-rss.bench.ts'],
  redact: ['bench/redact.bench.ts'],
  'verifier-pure': ['bench/ledger-verifier-pure.bench.ts', '1000000'],
  publication: ['bench/publication.bench.ts'],
  screen: ['bench/screen.bench.ts', process.env.BENCH_SCREEN_N ?? '1000000'],
};
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
let failed = 0;
for (const name of chosen) {
  const args = all[name];
  if (!args) {
    console.error(`未知的基准：${name}（可选：${Object.keys(all).join('、')}）`);
    process.exit(2);
  }
  console.log(`\n=== ${name} (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}) ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
