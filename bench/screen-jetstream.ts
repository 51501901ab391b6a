// Screening throughput as JetStream workers: K `hutong screen worker` processes on one stream.
// The posts are published first; timing runs from the moment every worker is pulling until the
// consumer has nothing pending, and counts only what was acknowledged in that interval.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureStreams, streamNames } from '../packages/screen/src/index.ts';
import { startNatsServer } from '../packages/screen/test/nats-server.ts';
import { cpuMsOf, rssOf } from './bench-context.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ScalingResult {
  readonly workers: number;
  readonly posts: number;
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly postsPerSecond: number;
  readonly workerCpuSeconds: number;
  readonly natsCpuSeconds: number;
  readonly workerRssMiB: number;
  readonly hits: number;
}

function startWorker(url: string, stream: string, pkg: string): { child: ChildProcess; ready: Promise<void>; log: () => string } {
  const child = spawn(process.execPath, [path.join(ROOT, 'packages/cli/bin/hutong.js'), 'screen', 'worker', '--nats', url, '--stream', stream, '--package', pkg, '--batch', '512'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString('utf8');
      if (log.includes('巡查工作进程已启动')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${log}`)));
  });
  return { child, ready, log: () => log };
}

export async function workerScaling(natsBinary: string, packageFile: string, lines: readonly string[], counts: readonly number[]): Promise<ScalingResult[]> {
  const server = await startNatsServer(natsBinary);
  const nc = await connect({ servers: server.url });
  const results: ScalingResult[] = [];
  const bytesPerPost = lines.reduce((n, l) => n + Buffer.byteLength(l), 0) / lines.length;
  try {
    const js = jetstream(nc), jsm = await jetstreamManager(nc);
    for (const k of counts) {
      const names = streamNames(`bench_${k}`);
      await ensureStreams(jsm, names);
      for (let i = 0; i < lines.length; i += 2000) await Promise.all(lines.slice(i, i + 2000).map((l) => js.publish(names.postsSubject, l)));
      const workers = Array.from({ length: k }, () => startWorker(server.url, names.posts, packageFile));
      await Promise.all(workers.map((w) => w.ready));
      const t0 = performance.now();
      const cpu0 = workers.map((w) => cpuMsOf(w.child.pid!) ?? 0), nats0 = cpuMsOf(server.pid) ?? 0;
      const acked0 = (await jsm.consumers.info(names.posts, names.consumer)).ack_floor.stream_seq;
      let rss = 0;
      for (;;) {
        const info = await jsm.consumers.info(names.posts, names.consumer);
        rss = Math.max(rss, ...workers.map((w) => rssOf(w.child.pid!) ?? 0));
        if (info.num_pending === 0 && info.num_ack_pending === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - t0) / 1000;
      const cpu = workers.reduce((n, w, i) => n + (cpuMsOf(w.child.pid!) ?? 0) - cpu0[i]!, 0) / 1000;
      const natsCpu = ((cpuMsOf(server.pid) ?? 0) - nats0) / 1000;
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((r) => (w.child.exitCode !== null ? r(null) : w.child.once('exit', r)))));
      const posts = lines.length - acked0;
      const hits = (await jsm.streams.info(names.hits)).state.messages;
      results.push({
        workers: k, posts, seconds, mbPerSecond: (posts * bytesPerPost) / 1e6 / seconds, postsPerSecond: posts / seconds,
        workerCpuSeconds: cpu, natsCpuSeconds: natsCpu, workerRssMiB: rss / 2 ** 20, hits,
      });
      await jsm.streams.delete(names.posts);
      await jsm.streams.delete(names.hits);
    }
  } finally {
    await nc.drain();
    await server.stop();
  }
  return results;
}
