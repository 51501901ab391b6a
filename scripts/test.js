#!/usr/bin/env node
// `npm test`: every suite, on embedded PGlite and — when HUTONG_TEST_DATABASE_URL names a
// PostgreSQL server — again on PostgreSQL; ends with the line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'test-output');
fs.mkdirSync(out, { recursive: true });
const extra = process.argv.slice(2);

function run(label, args, env) {
  const json = path.join(out, `vitest-${label}.json`);
  fs.rmSync(json, { force: true });
  console.log(`\n=== ${label} ===`);
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...args, ...extra], {
    cwd: root, stdio: 'inherit', env: { ...process.env, ...env },
  });
  if (!fs.existsSync(json)) return { passed: 0, failed: 1, note: `${label}: vitest exited ${r.status} without results` };
  const res = JSON.parse(fs.readFileSync(json, 'utf8'));
  // A suite that fails to load has no tests but counts as a failure.
  const brokenFiles = res.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  return { passed: res.numPassedTests, failed: res.numFailedTests + brokenFiles, skipped: res.numPendingTests + res.numTodoTests };
}

const results = [run('pglite', [], { HUTONG_TEST_DATABASE_URL: '' })];
if (process.env.HUTONG_TEST_DATABASE_URL) {
  // Database-touching suites again on PostgreSQL; pure suites need not run twice.
  results.push(run('postgres', ['packages/server/test', 'packages/cli/test'], {}));
}
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
const skipped = results.reduce((a, r) => a + (r.skipped ?? 0), 0);
for (const r of results) if (r.note) console.log(r.note);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
