// `hutong ledger verify` over N entries (default 1,000,000): entries/s. Target ≥ 500,000/s.
// Usage: node --import tsx bench/ledger-verify.bench.ts [N]
//   BENCH_DATABASE_URL=postgres://…   run on PostgreSQL (a fresh database on that server)
//   BENCH_REUSE=name                   keep the loaded ledger and reuse it next run (load once, verify often)
//   BENCH_CHECKPOINT_EVERY=100000      entries between signed checkpoints while loading
//   BENCH_REPEAT=3                     verification runs; the best and the median are reported
import { sql } from 'kysely';
import { verifyLedger } from '../packages/server/src/ledger/ledger-verify.service.ts';
import { sequencedLedger } from '../packages/server/src/ledger/ledger-stream.ts';
import { benchContext, cpuMsOfAll, report } from './bench-context.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const EVERY = Number(process.env.BENCH_CHECKPOINT_EVERY ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const { ctx, engine, reused, cleanup } = await benchContext();
try {
  const have = await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let loadSeconds: number | null = null;
  // A kept data set may have grown by a few entries (`hutong ledger verify` audits itself).
  if (!(reused && Number(have.n) >= N && Number(have.n) < N + 1000)) {
    if (reused) throw new Error(`BENCH_REUSE data set holds ${have.n} entries, not ${N}: choose another name`);
    const t0 = performance.now();
    const CHUNK = 5000;
    for (let done = 0; done < N; done += CHUNK) {
      const n = Math.min(CHUNK, N - done);
      // Bulk insert through SQL (the benchmark measures verification, not 1M request
      // transactions), then the real sequencer numbers, chains, builds the tree and signs.
      // Values vary like real ones: some purposes and reasons in Chinese, some NULLs.
      await sql`INSERT INTO ledger_entries (at, category, act, actor_user_id, actor_org_id, accountable_org_id, purpose, basis, child_ids, fields, request_id, outcome, reason)
        SELECT now() - make_interval(secs => (${N} - g) / 50.0), CASE WHEN g % 10 = 0 THEN 'security' ELSE 'processing' END,
               CASE WHEN g % 10 = 0 THEN 'token_use' WHEN g % 3 = 0 THEN 'collect' ELSE 'use' END,
               '0b3a4c1e-7f2d-4a8e-9c11-' || lpad((g % 97)::text, 12, '0'), '5d0e2f3a-1b4c-4d5e-8f60-' || lpad((g % 13)::text, 12, '0'),
               CASE WHEN g % 10 = 0 THEN NULL ELSE '5d0e2f3a-1b4c-4d5e-8f60-' || lpad((g % 13)::text, 12, '0') END,
               CASE WHEN g % 10 = 0 THEN NULL ELSE 'social_assistance' END, CASE WHEN g % 10 = 0 THEN NULL ELSE '《个人信息保护法》第十三条第一款第三项' END,
               CASE WHEN g % 10 = 0 THEN '{}'::text[] ELSE ARRAY['9f1c2d3e-4a5b-4c6d-8e7f-' || lpad(g::text, 12, '0')] END,
               CASE WHEN g % 10 = 0 THEN '{}'::text[] WHEN g % 2 = 0 THEN ARRAY['idNumber','name','residenceAddress'] ELSE ARRAY['name'] END,
               'req-' || g, CASE WHEN g % 50 = 0 THEN 'denied' WHEN g % 10 = 0 THEN 'succeeded' ELSE 'allowed' END,
               CASE WHEN g % 10 = 0 THEN 'token:7' WHEN g % 2 = 0 THEN 'revealed:核实低保申请' ELSE 'masked_view' END
        FROM generate_series(${done}::int, ${done + n - 1}::int) AS g`.execute(ctx.db);
      const boundary = Math.floor((done + n) / EVERY) > Math.floor(done / EVERY) || done + n === N;
      if (boundary) await ctx.ledger.flush();
      else await ctx.ledger.sequence();
      if ((done / CHUNK) % 20 === 0) process.stderr.write(`\r已载入并排序 ${done + n} / ${N}`);
    }
    loadSeconds = (performance.now() - t0) / 1000;
    process.stderr.write('\n');
  }

  // Reading alone (the stream the verifier consumes), to separate I/O from hashing.
  let t = performance.now();
  let read = 0;
  for await (const batch of sequencedLedger(ctx.db)) read += batch.length;
  const readSeconds = (performance.now() - t) / 1000;

  const runs: number[] = [];
  const cpuRuns: Array<{ node: number; pg: number }> = [];
  let r: Awaited<ReturnType<typeof verifyLedger>> | undefined;
  for (let i = 0; i < REPEAT; i++) {
    const c0 = process.cpuUsage();
    const pg0 = engine === 'postgres' ? cpuMsOfAll('postgres') : 0;
    r = await verifyLedger(ctx.db, ctx.keyring, { checkpointFile: ctx.ledger.checkpointFile, windowMs: 60_000 });
    if (!r.ok) throw new Error(`verification failed: ${JSON.stringify(r.firstError)}`);
    const c = process.cpuUsage(c0);
    runs.push(r.seconds);
    // CPU time is far less disturbed than wall time by other work on a shared machine.
    cpuRuns.push({ node: (c.user + c.system) / 1e6, pg: engine === 'postgres' ? (cpuMsOfAll('postgres') - pg0) / 1000 : 0 });
  }
  cpuRuns.sort((a, b) => a.node - b.node);
  runs.sort((a, b) => a - b);
  const cps = await ctx.db.selectFrom('ledger_checkpoints').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  report('ledger-verify', {
    engine, entries: r!.entries, checkpointsVerified: r!.checkpoints, checkpointRows: Number(cps.n), fileCheckpoints: r!.fileCheckpoints,
    bestSeconds: runs[0]!.toFixed(2), medianSeconds: runs[Math.floor(runs.length / 2)]!.toFixed(2),
    entriesPerSecond: Math.round(r!.entries / runs[0]!), medianEntriesPerSecond: Math.round(r!.entries / runs[Math.floor(runs.length / 2)]!),
    streamRowsPerSecond: Math.round(read / readSeconds),
    nodeCpuSecondsBest: cpuRuns[0]!.node.toFixed(2), postgresCpuSecondsOfThatRun: cpuRuns[0]!.pg.toFixed(2),
    entriesPerNodeCpuSecond: Math.round(r!.entries / cpuRuns[0]!.node),
    ...(loadSeconds !== null ? { sequenceEntriesPerSecond: Math.round(N / loadSeconds) } : {}),
  });
} finally {
  await cleanup();
}
