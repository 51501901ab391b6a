// `hutong ledger verify` over N entries (default 1,000,000): entries/s. Target ≥ 500,000/s.
// Usage: npx tsx bench/ledger-verify.bench.ts [N]   (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
import { sql } from 'kysely';
import { verifyLedger } from '../packages/server/src/ledger/ledger-verify.service.ts';
import { benchContext, report } from './bench-context.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const { ctx, engine, cleanup } = await benchContext();
try {
  const t0 = performance.now();
  const CHUNK = 5000;
  for (let done = 0; done < N; done += CHUNK) {
    const n = Math.min(CHUNK, N - done);
    // Bulk load through SQL: the benchmark measures verification, not 1M request transactions.
    await sql`INSERT INTO ledger_entries (at, category, act, actor_user_id, actor_org_id, accountable_org_id, purpose, child_ids, fields, request_id, outcome)
      SELECT now(), 'processing', CASE WHEN g % 3 = 0 THEN 'collect' ELSE 'use' END, 'user-' || (g % 97), 'org-' || (g % 13), 'org-' || (g % 13),
             'social_assistance', ARRAY['child-' || g], ARRAY['name','idNumber','residenceAddress'], 'req-' || g, 'allowed'
      FROM generate_series(${done}::int, ${done + n - 1}::int) AS g`.execute(ctx.db);
    await ctx.ledger.flush();
    if ((done / CHUNK) % 20 === 0) process.stderr.write(`\r已载入并排序 ${done + n} / ${N}`);
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  process.stderr.write('\n');
  const r = await verifyLedger(ctx.db, ctx.keyring, { checkpointFile: ctx.ledger.checkpointFile, windowMs: 60_000 });
  if (!r.ok) throw new Error(`verification failed: ${JSON.stringify(r.firstError)}`);
  report('ledger-verify', {
    engine, entries: r.entries, checkpoints: r.checkpoints, seconds: r.seconds.toFixed(2),
    entriesPerSecond: Math.round(r.entries / r.seconds), sequenceEntriesPerSecond: Math.round(N / loadSeconds),
  });
} finally {
  await cleanup();
}
