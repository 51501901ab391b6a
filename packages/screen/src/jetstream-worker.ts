import { AckPolicy, jetstream, jetstreamManager, RetentionPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { hitId, hitLine, parsePost } from './post.ts';
import type { Scanner } from './scanner.ts';

/**
 * Scanning as JetStream workers (issue 7 item 3). Posts go into stream S (subject S.posts,
 * work-queue retention); every worker pulls from one shared durable consumer, so adding workers
 * adds throughput and each post goes to one worker at a time. A worker publishes a post's hits to
 * stream S_HITS (subject S.hits) and only then acks the post: if it dies first, the post is
 * delivered again after the ack wait (at-least-once). Each hit is published with Nats-Msg-Id set
 * to its idempotent id (post id + child reference), so the hits stream stores a redelivered
 * post's hits once; past the duplicate window a consumer of hits de-duplicates by the same id.
 */

export interface StreamNames {
  readonly posts: string;
  readonly postsSubject: string;
  readonly hits: string;
  readonly hitsSubject: string;
  readonly consumer: string;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/u;

export function streamNames(stream: string): StreamNames {
  // A stream name becomes part of subjects: dots, spaces and wildcards would break them.
  if (!NAME.test(stream)) throw new RangeError(`流名称只能由字母、数字、下划线和连字符组成（1–64 个字符）：${stream}`);
  return { posts: stream, postsSubject: `${stream}.posts`, hits: `${stream}_HITS`, hitsSubject: `${stream}.hits`, consumer: `${stream}_screen` };
}

export interface StreamSetup {
  /** How long a delivered, unacknowledged post waits before it is delivered again. */
  readonly ackWaitMs?: number;
  /** JetStream remembers hit ids this long to drop duplicates. */
  readonly duplicateWindowMs?: number;
}

const ms = (n: number) => n * 1_000_000;

/** Creates the two streams and the shared consumer if they do not exist (existing ones are kept). */
export async function ensureStreams(jsm: JetStreamManager, names: StreamNames, setup: StreamSetup = {}): Promise<void> {
  const existing = new Set<string>();
  for await (const s of jsm.streams.names()) existing.add(s);
  if (!existing.has(names.posts)) await jsm.streams.add({ name: names.posts, subjects: [names.postsSubject], retention: RetentionPolicy.Workqueue });
  if (!existing.has(names.hits)) await jsm.streams.add({ name: names.hits, subjects: [names.hitsSubject], duplicate_window: ms(setup.duplicateWindowMs ?? 600_000) });
  try {
    await jsm.consumers.info(names.posts, names.consumer);
  } catch {
    await jsm.consumers.add(names.posts, { durable_name: names.consumer, ack_policy: AckPolicy.Explicit, ack_wait: ms(setup.ackWaitMs ?? 30_000), max_ack_pending: 10_000 });
  }
}

export interface WorkerOptions extends StreamSetup {
  readonly servers: string;
  readonly stream: string;
  readonly scanner: Scanner;
  /** Messages pulled per request. */
  readonly batch?: number;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  /** Called once the consumer is pulling (tests and the CLI wait for it). */
  readonly onReady?: () => void;
}

export interface WorkerReport {
  posts: number;
  hits: number;
  /** Hits JetStream reported as already stored (a redelivered post). */
  duplicates: number;
  bad: number;
  redelivered: number;
  /** The worker stopped because its package expired (the post in hand was handed back). */
  expired: boolean;
}

export async function runWorker(o: WorkerOptions): Promise<WorkerReport> {
  const names = streamNames(o.stream);
  const log = o.log ?? (() => {});
  const report: WorkerReport = { posts: 0, hits: 0, duplicates: 0, bad: 0, redelivered: 0, expired: false };
  const expires = o.scanner.pkg.header.expiresAt.getTime();
  const nc = await connect({ servers: o.servers, name: `hutong-screen-${process.pid}` });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, names, o);
    const js = jetstream(nc);
    const consumer = await js.consumers.get(names.posts, names.consumer);
    const messages = await consumer.consume({ max_messages: o.batch ?? 256 });
    const stop = () => void messages.stop();
    if (o.signal?.aborted) stop();
    o.signal?.addEventListener('abort', stop, { once: true });
    o.onReady?.();
    const decoder = new TextDecoder();
    for await (const m of messages) {
      // A long-running worker outlives its package: stop and leave the posts to a current one.
      if (Date.now() > expires) {
        report.expired = true;
        log(`巡查包已于 ${new Date(expires).toISOString()} 过期，工作进程停止；未处理的帖子留在流中，请用新版巡查包启动工作进程（《困境儿童个人信息保护工作办法》第五条）`);
        m.nak();
        stop();
        break;
      }
      if (m.redelivered) report.redelivered++;
      const parsed = parsePost(decoder.decode(m.data));
      if (!parsed.ok) {
        report.bad++;
        log(`错误：消息 ${m.seq} ${parsed.problem}（已丢弃，不再投递）`);
        m.term();
        continue;
      }
      const { id, text } = parsed.post;
      const hits = o.scanner.scan(text);
      if (hits.length) {
        try {
          const acks = await Promise.all(hits.map((h) => js.publish(names.hitsSubject, hitLine(id, h), { msgID: hitId(id, h.child) })));
          report.hits += acks.filter((a) => !a.duplicate).length;
          report.duplicates += acks.filter((a) => a.duplicate).length;
        } catch (e) {
          // Not acked: the post comes back (to this or another worker) and its hits are published again.
          log(`错误：消息 ${m.seq}（id ${JSON.stringify(id)}）的命中未能写入 ${names.hits}：${e instanceof Error ? e.message : String(e)}；稍后重新投递`);
          m.nak(1_000);
          continue;
        }
      }
      m.ack();
      report.posts++;
    }
    o.signal?.removeEventListener('abort', stop);
  } finally {
    await nc.drain();
  }
  return report;
}
