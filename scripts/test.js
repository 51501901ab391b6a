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
  const rel = (f) => path.relative(root, f.name);
  const failures = res.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${label}: ${rel(f)} › ${a.fullName}`));
  // A file that failed without a failing test (it did not load, or a beforeAll/afterAll hook threw
  // and its tests were skipped) counts as one failure.
  for (const f of res.testResults) {
    if (f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')) failures.push(`${label}: ${rel(f)} › ${(f.message || '文件未能运行').split('\n')[0]}`);
  }
  // Errors thrown outside any test (an unhandled rejection, an 'error' event) leave every test
  // passed in the JSON report; only vitest's exit status tells.
  if (failures.length === 0 && r.status !== 0) failures.push(`${label}: vitest exited ${r.status} with every test passed — unhandled errors, see "Unhandled Errors" above`);
  const flaky = res.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'passed' && a.failureMessages?.length).map((a) => `${label}: ${rel(f)} › ${a.fullName} — ${a.failureMessages[0].split('\n')[0].slice(0, 200)}`));
  return { passed: res.numPassedTests, failed: failures.length, skipped: res.numPendingTests + res.numTodoTests, failures, flaky };
}

/** Newest modification time (ms) under `p`, test files and node_modules aside. */
function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) if (e !== 'node_modules') m = Math.max(m, newest(path.join(p, e)));
  return m;
}

/**
 * The browser tests drive the built console (packages/web/dist, served by the server): build it
 * first when it is missing or older than what it is built from. Skipped when the run is limited
 * to paths that leave packages/web out.
 */
function buildConsole() {
  // vitest takes positional arguments as parts of file paths.
  const filters = extra.filter((a) => !a.startsWith('-')).map((f) => f.replace(/^\.\//, ''));
  if (filters.length && !filters.some((f) => 'packages/web/test/console.browser.test.ts'.includes(f) || f.startsWith('packages/web'))) return null;
  const web = path.join(root, 'packages', 'web');
  const built = fs.existsSync(path.join(web, 'dist', 'index.html')) ? fs.statSync(path.join(web, 'dist', 'index.html')).mtimeMs : 0;
  const sources = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(path.join(web, p))), newest(path.join(root, 'packages', 'core', 'src')));
  if (built && built >= sources) return null;
  console.log(`\n=== console build (${built ? 'dist older than src' : 'no dist'}) ===`);
  const r = spawnSync('npm', ['run', 'build', '-w', 'packages/web'], { cwd: root, stdio: 'inherit' });
  return r.status === 0 ? null : { passed: 0, failed: 1, note: `console build failed (exit ${r.status}): npm run build -w packages/web` };
}

/** Strict type checking of every package and its tests (`npm run typecheck`) counts as one test. */
function typecheck() {
  if (extra.length) return [];
  console.log('\n=== typecheck ===');
  const ok = spawnSync('npm', ['run', '-s', 'typecheck'], { cwd: root, stdio: 'inherit' }).status === 0;
  return [{ passed: ok ? 1 : 0, failed: ok ? 0 : 1, note: ok ? undefined : 'typecheck failed: npm run typecheck' }];
}

const buildProblem = buildConsole();
const results = [...typecheck(), ...(buildProblem ? [buildProblem] : []), run('pglite', [], { HUTONG_TEST_DATABASE_URL: '' })];
if (process.env.HUTONG_TEST_DATABASE_URL) {
  // Database-touching suites again on PostgreSQL; pure suites need not run twice.
  results.push(run('postgres', ['packages/server/test', 'packages/cli/test'], {}));
}
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
const skipped = results.reduce((a, r) => a + (r.skipped ?? 0), 0);
for (const r of results) if (r.note) console.log(r.note);
// Named last, beside the count, so the tail of a CI log says what failed.
const flaky = results.flatMap((r) => r.flaky ?? []);
if (flaky.length) console.log(`\nPassed only on retry (flaky):\n${flaky.map((f) => `  ~ ${f}`).join('\n')}`);
const failures = results.flatMap((r) => r.failures ?? []);
if (failures.length) console.log(`\nFailed:\n${failures.slice(0, 40).map((f) => `  ✗ ${f}`).join('\n')}${failures.length > 40 ? `\n  … and ${failures.length - 40} more` : ''}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
