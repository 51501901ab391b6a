// Verification alone over a kept data set (see BENCH_REUSE in ledger-verify.bench.ts), for profiling:
//   BENCH_REUSE=m1 node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/ledger-verify-only.ts [stream]
import { verifyLedger } from '../packages/server/src/ledger/ledger-verify.service.ts';
import { sequencedLedger } from '../packages/server/src/ledger/ledger-stream.ts';
import { benchContext, cpuMsOfAll } from './bench-context.ts';

if (!process.env.BENCH_REUSE) throw new Error('set BENCH_REUSE to the name of a data set kept by ledger-verify.bench.ts');
const { ctx, engine, reused, cleanup } = await benchContext();
try {
  if (!reused) throw new Error(`no kept data set named ${process.env.BENCH_REUSE}`);
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const pg0 = cpuMsOfAll('postgres');
  const cpu = () => {
    const c = process.cpuUsage(cpu0);
    return { nodeCpuSeconds: ((c.user + c.system) / 1e6).toFixed(2), postgresCpuSeconds: ((cpuMsOfAll('postgres') - pg0) / 1000).toFixed(2) };
  };
  if (process.argv[2] === 'stream') {
    let n = 0;
    for await (const b of sequencedLedger(ctx.db)) n += b.length;
    const s = (performance.now() - t) / 1000;
    console.log(JSON.stringify({ engine, read: n, seconds: s.toFixed(2), rowsPerSecond: Math.round(n / s), ...cpu() }));
  } else {
    const r = await verifyLedger(ctx.db, ctx.keyring, { checkpointFile: ctx.ledger.checkpointFile, windowMs: 60_000 });
    console.log(JSON.stringify({ engine, ok: r.ok, entries: r.entries, checkpoints: r.checkpoints, seconds: r.seconds.toFixed(2), entriesPerSecond: Math.round(r.entries / r.seconds), ...cpu() }));
  }
} finally {
  await cleanup();
}
