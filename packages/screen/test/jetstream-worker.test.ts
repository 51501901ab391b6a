import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStreams, hitId, runWorker, Scanner, streamNames, type WorkerReport } from '../src/index.ts';
import { hitLine } from '../src/post.ts';
import { natsServerBinary, startNatsServer, type NatsServer } from './nats-server.ts';
import { buildPackage, ID_A, refHex } from './test-package.ts';

const binary = natsServerBinary();
if (!binary) console.warn('跳过 JetStream 集成测试：未找到 nats-server（Debian：apt-get install nats-server；CI 由 .ci/run 安装）');

const pkg = buildPackage();

/** Posts: every tenth discloses a child; one discloses two; some are broken. */
function posts(n: number): { lines: string[]; expected: Set<string> } {
  const lines: string[] = [], expected = new Set<string>();
  for (let i = 0; i < n; i++) {
    const id = `p${i}`;
    if (i % 10 === 0) {
      lines.push(JSON.stringify({ id, url: `https://example.net/${i}`, text: `第${i}条：龚梓骁家住双源村，是留守儿童` }));
      expected.add(hitId(id, refHex('A')));
    } else if (i % 10 === 5) {
      lines.push(JSON.stringify({ id, text: `洋墩村的欧阳沐晴和黄沙村的𠮷田雅，身份证${ID_A}` }));
      for (const who of ['A', 'B', 'D']) expected.add(hitId(id, refHex(who)));
    } else {
      lines.push(JSON.stringify({ id, text: `第${i}条：今天天气很好，大家去公园散步；龚梓骁这个名字单独出现不算披露。` }));
    }
  }
  lines.push('{"id": "bad-1", "text": 42}', 'not json at all');
  return { lines, expected };
}

async function waitDrained(jsm: JetStreamManager, stream: string, consumer: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const info = await jsm.consumers.info(stream, consumer);
    if (info.num_pending === 0 && info.num_ack_pending === 0) return;
    if (Date.now() > until) throw new Error(`consumer not drained: ${JSON.stringify({ pending: info.num_pending, ackPending: info.num_ack_pending })}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function storedHits(jsm: JetStreamManager, hitsStream: string): Promise<Array<{ id: string; line: string }>> {
  const count = (await jsm.streams.info(hitsStream)).state.messages;
  const out: Array<{ id: string; line: string }> = [];
  for (let seq = 1; out.length < count; seq++) {
    const m = await jsm.streams.getMessage(hitsStream, { seq });
    if (m) out.push({ id: m.header.get('Nats-Msg-Id'), line: m.string() });
  }
  return out;
}

function startWorkers(url: string, stream: string, count: number, setup: { ackWaitMs?: number; batch?: number } = {}) {
  const abort = new AbortController();
  const ready: Promise<void>[] = [];
  const done: Promise<WorkerReport>[] = [];
  for (let k = 0; k < count; k++) {
    let resolveReady!: () => void;
    ready.push(new Promise<void>((r) => { resolveReady = r; }));
    done.push(runWorker({ servers: url, stream, scanner: new Scanner(pkg), signal: abort.signal, onReady: resolveReady, batch: setup.batch ?? 8, ...(setup.ackWaitMs ? { ackWaitMs: setup.ackWaitMs } : {}) }));
  }
  return { ready: Promise.all(ready), stop: async () => { abort.abort(); return Promise.all(done); } };
}

describe.skipIf(!binary)('JetStream workers (issue 7 item 3)', { timeout: 120_000 }, () => {
  let server: NatsServer, nc: NatsConnection, js: JetStreamClient, jsm: JetStreamManager;

  beforeAll(async () => {
    server = await startNatsServer(binary!);
    nc = await connect({ servers: server.url });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('two workers share the posts; every post is processed once and every hit stored once', async () => {
    const names = streamNames('posts_two');
    await ensureStreams(jsm, names);
    const { lines, expected } = posts(400);
    const workers = startWorkers(server.url, names.posts, 2);
    await workers.ready;
    await Promise.all(lines.map((l) => js.publish(names.postsSubject, l)));
    await waitDrained(jsm, names.posts, names.consumer);
    const reports = await workers.stop();

    expect(reports.reduce((n, r) => n + r.posts, 0)).toBe(400);
    expect(reports.reduce((n, r) => n + r.bad, 0)).toBe(2);
    // Both took part (batches of 8: neither can swallow the queue alone).
    for (const r of reports) expect(r.posts).toBeGreaterThan(0);
    const stored = await storedHits(jsm, names.hits);
    expect(stored).toHaveLength(expected.size);
    expect(new Set(stored.map((h) => h.id))).toEqual(expected);
    const first = JSON.parse(stored.find((h) => h.line.includes('"p0"'))!.line) as Record<string, unknown>;
    expect(first).toMatchObject({ id: 'p0', child: refHex('A'), flags: ['label'] });
    expect(Object.keys(first)).toEqual(['id', 'child', 'evidence', 'flags', 'score']);
    // Work-queue retention: nothing is left once every post is acknowledged.
    expect((await jsm.streams.info(names.posts)).state.messages).toBe(0);
  });

  it('a post redelivered after a worker died is processed again, and its hits are not stored twice', async () => {
    const names = streamNames('posts_redeliver');
    await ensureStreams(jsm, names, { ackWaitMs: 2_000 });
    const { lines, expected } = posts(40);
    await Promise.all(lines.map((l) => js.publish(names.postsSubject, l)));

    // A worker that publishes the hits of the posts it took and dies before acknowledging them.
    const dying = await connect({ servers: server.url });
    const djs = jetstream(dying);
    const batch = await (await djs.consumers.get(names.posts, names.consumer)).fetch({ max_messages: 20, expires: 2_000 });
    const scanner = new Scanner(pkg);
    let taken = 0;
    for await (const m of batch) {
      taken++;
      const post = (() => { try { return JSON.parse(m.string()) as { id: string; text: unknown }; } catch { return undefined; } })();
      if (!post || typeof post.text !== 'string') continue;
      for (const h of scanner.scan(post.text)) await djs.publish(names.hitsSubject, hitLine(post.id, h), { msgID: hitId(post.id, h.child) });
    }
    await dying.close();
    expect(taken).toBe(20);
    const before = (await jsm.streams.info(names.hits)).state.messages;
    expect(before).toBeGreaterThan(0);

    const workers = startWorkers(server.url, names.posts, 2, { ackWaitMs: 2_000 });
    await workers.ready;
    await waitDrained(jsm, names.posts, names.consumer);
    const reports = await workers.stop();

    // At least once: a slow machine may redeliver once more, so these are lower bounds.
    expect(reports.reduce((n, r) => n + r.posts + r.bad, 0)).toBeGreaterThanOrEqual(lines.length);
    expect(reports.reduce((n, r) => n + r.redelivered, 0)).toBeGreaterThanOrEqual(20);
    // The redelivered posts' hits were published again and JetStream dropped them as duplicates.
    expect(reports.reduce((n, r) => n + r.duplicates, 0)).toBeGreaterThanOrEqual(before);
    const stored = await storedHits(jsm, names.hits);
    expect(new Set(stored.map((h) => h.id))).toEqual(expected);
    expect(stored).toHaveLength(expected.size);
  });

  it('a worker whose package expires stops and leaves the posts for a current one', async () => {
    const names = streamNames('posts_expiry');
    await ensureStreams(jsm, names);
    const soon = buildPackage(undefined, { createdAt: new Date(Date.now() - 1000), expiresAt: new Date(Date.now() + 300) });
    let ready!: () => void;
    const started = new Promise<void>((r) => { ready = r; });
    const logged: string[] = [];
    const done = runWorker({ servers: server.url, stream: names.posts, scanner: new Scanner(soon), onReady: ready, log: (l) => logged.push(l) });
    await started;
    await new Promise((r) => setTimeout(r, 400));
    await Promise.all(['a', 'b', 'c'].map((id) => js.publish(names.postsSubject, JSON.stringify({ id, text: '龚梓骁家住双源村' }))));
    const report = await done;
    expect(report).toMatchObject({ expired: true, posts: 0, hits: 0 });
    expect(logged.join('')).toContain('已于');
    expect((await jsm.streams.info(names.hits)).state.messages).toBe(0);
    expect((await jsm.streams.info(names.posts)).state.messages).toBe(3);
  });

  it('refuses a stream name that would break subjects', async () => {
    expect(() => streamNames('posts.with.dots')).toThrow(/流名称/u);
    await expect(runWorker({ servers: server.url, stream: 'a b', scanner: new Scanner(pkg) })).rejects.toThrow(/流名称/u);
  });
});
