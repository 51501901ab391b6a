import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { bulkReaderOf, type BulkReader } from '../shared/db/bulk-read.ts';
import { sm2Verify, type Keyring } from '../shared/crypto/index.ts';
import { sm3Hash } from './hashes.ts';
import { LedgerVerifier, type StoredLedgerEntry, type VerifyResult } from './ledger-verifier.ts';
import { LedgerCopyParser, ledgerCopyChunks, sequencedLedger } from './ledger-stream.ts';

export interface VerifyReport extends Omit<VerifyResult, 'root'> {
  root: string;
  unsequencedOverdue: number;
  fileCheckpoints: number;
  seconds: number;
}

export interface VerifyOptions {
  checkpointFile?: string | null;
  windowMs: number;
  onProgress?: (done: number) => void;
  /**
   * Verify in a worker thread while this thread reads the database, so that reading and hashing
   * use two cores. Pays on embedded PGlite, whose COPY runs on this thread (1M entries: ~23 s →
   * ~18 s on the shared 2-core bench machine); on PostgreSQL the server reads in parallel anyway.
   * 'auto' (default): PGlite ledgers of 100,000 entries or more; 'never'/'always' force it (tests).
   */
  pipeline?: 'auto' | 'never' | 'always';
}

interface CheckpointLike { treeSize: number; rootHash: Buffer; at: string; signature: string; publicKey: string }

const PIPELINE_MIN_ENTRIES = 100_000;

/** Whether the last verifyLedger in this process ran in a worker thread (tests, diagnostics). */
export const lastVerification = { inWorker: false };

/**
 * Recomputes every leaf, the hash chain, the Merkle tree and every checkpoint (the database's
 * and the published file's) from the stored rows, streamed in batches by ledger-stream.ts
 * (binary COPY) so a million entries fit in little memory. Reports the first entry that does
 * not match. All checking is LedgerVerifier's, in this thread or in one worker thread.
 */
export async function verifyLedger(db: Kysely<Database>, keyring: Keyring, opts: VerifyOptions): Promise<VerifyReport> {
  const started = process.hrtime.bigint();
  const publicKey = keyring.ledgerSigning.publicKey;
  const dbCps = (await db.selectFrom('ledger_checkpoints').selectAll().orderBy('tree_size').execute())
    .map((c): CheckpointLike => ({ treeSize: c.tree_size, rootHash: c.root_hash, at: c.at, signature: c.signature, publicKey: c.public_key }));
  const fileCps = readCheckpointFile(opts.checkpointFile);
  const cps = [...dbCps, ...fileCps].sort((a, b) => a.treeSize - b.treeSize);

  const bulk = bulkReaderOf(db);
  let result: VerifyResult | null = null;
  lastVerification.inWorker = false;
  // On PostgreSQL the server process already reads in parallel and handing bytes to a worker
  // gains nothing measurable; on PGlite the COPY runs on this thread, so verifying elsewhere overlaps.
  const auto = bulk?.engine === 'pglite' && (await sequencedCount(db)) >= PIPELINE_MIN_ENTRIES;
  if (bulk && opts.pipeline !== 'never' && (opts.pipeline === 'always' || auto)) {
    result = await verifyInWorker(bulk, publicKey, cps, opts.onProgress);
    lastVerification.inWorker = result !== null;
  }
  if (!result) {
    const run = new VerifyRun(publicKey, cps);
    for await (const batch of sequencedLedger(db)) {
      run.push(batch);
      opts.onProgress?.(run.fed);
    }
    result = run.finish();
  }

  const overdue = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', 'is', null).where('at', '<', new Date(Date.now() - opts.windowMs)).executeTakeFirstOrThrow();
  const unsequencedOverdue = Number(overdue.n);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const report: VerifyReport = { ...result, root: result.root.toString('hex'), unsequencedOverdue, fileCheckpoints: fileCps.length, seconds };
  if (result.ok && unsequencedOverdue > 0) {
    report.ok = false;
    report.firstError = { seq: null, kind: 'unsequenced_overdue' as never, message: `有 ${unsequencedOverdue} 条台账记录超过排序时限仍未编号，可能被插入或排序器停止运行` };
  }
  return report;
}

/** Upper bound of the sequenced entries, from the seq index (no count scan). */
async function sequencedCount(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number | null }>`SELECT max(seq) + 1 AS n FROM ledger_entries`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** One verification: the verifier plus feeding it the checkpoints as the tree reaches their sizes. */
class VerifyRun {
  readonly #verifier: LedgerVerifier;
  readonly #cps: CheckpointLike[];
  #cpIdx = 0;
  fed = 0;

  constructor(publicKey: string, cps: CheckpointLike[]) {
    // Each checkpoint is stored twice (database and published file) and an SM2 verification costs
    // milliseconds: verify each distinct (key, message, signature) once. A pure function, memoised.
    const verified = new Map<string, boolean>();
    const verifySignature = (key: string, message: Uint8Array, signature: string): boolean => {
      const k = `${key}|${Buffer.from(message).toString('hex')}|${signature}`;
      let ok = verified.get(k);
      if (ok === undefined) {
        ok = sm2Verify(key, message, signature);
        verified.set(k, ok);
      }
      return ok;
    };
    this.#verifier = new LedgerVerifier({ hash: sm3Hash, verifySignature, publicKeys: [publicKey] });
    this.#cps = cps;
    this.#feed(0);
  }

  #feed(upTo: number): void {
    const cps = this.#cps;
    while (this.#cpIdx < cps.length && cps[this.#cpIdx]!.treeSize <= upTo) this.#verifier.checkpoint(cps[this.#cpIdx++]!);
  }

  push(batch: StoredLedgerEntry[]): void {
    const v = this.#verifier;
    const cps = this.#cps;
    for (const stored of batch) {
      v.entry(stored);
      this.fed++;
      if (this.#cpIdx < cps.length && cps[this.#cpIdx]!.treeSize <= this.fed) this.#feed(this.fed);
    }
  }

  finish(): VerifyResult {
    // Checkpoints beyond what is stored mean entries were removed from the end.
    while (this.#cpIdx < this.#cps.length) this.#verifier.checkpoint(this.#cps[this.#cpIdx++]!);
    return this.#verifier.finish();
  }
}

// ---------------------------------------------------------------------------------------------
// Pipelined verification: this thread reads raw COPY bytes and hands them over (transferred, not
// copied); the worker parses them (ledger-stream.ts) and runs the same VerifyRun.

type ToWorker = { type: 'bytes'; bytes: ArrayBuffer; page: boolean } | { type: 'end' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'ack'; fed: number }
  | { type: 'done'; result: Omit<VerifyResult, 'root'> & { root: Uint8Array } };

interface WorkerInput { hutongLedgerVerify: true; publicKey: string; cps: CheckpointLike[]; tsxApi: string | null; moduleUrl: string }

/** At most this many bytes handed over and not yet verified (memory bound; PGlite pages are ~45 MB). */
const MAX_IN_FLIGHT = 96 * 2 ** 20;
/** PostgreSQL's COPY arrives in ~64 KB pieces; hand them over in blocks of about this size. */
const BLOCK = 2 * 2 ** 20;

/** Null when no worker could be started (then the caller verifies in this thread). */
async function verifyInWorker(bulk: BulkReader, publicKey: string, cps: CheckpointLike[], onProgress?: (done: number) => void): Promise<VerifyResult | null> {
  const worker = startWorker(publicKey, cps);
  if (!worker) return null;
  // Only ever remove our own listeners: Worker keeps internal ones (removeAllListeners() would
  // silently stop its message port).
  const ready = await new Promise<boolean>((resolve) => {
    const onMessage = (m: FromWorker) => done(m.type === 'ready');
    const onGone = () => done(false);
    const done = (ok: boolean) => {
      worker.off('message', onMessage);
      worker.off('error', onGone);
      worker.off('exit', onGone);
      resolve(ok);
    };
    worker.on('message', onMessage);
    worker.on('error', onGone);
    worker.on('exit', onGone);
  });
  if (!ready) {
    await worker.terminate();
    return null;
  }

  let settle!: { resolve: (r: VerifyResult) => void; reject: (e: Error) => void };
  const outcome = new Promise<VerifyResult>((resolve, reject) => { settle = { resolve, reject }; });
  outcome.catch(() => {}); // observed below; avoid an unhandled rejection while still sending
  let failure: Error | null = null;
  let inFlight = 0;
  const handedOver: number[] = [];
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const fail = (err: Error) => {
    failure ??= err;
    settle.reject(failure);
    notify();
  };
  const onMessage = (m: FromWorker) => {
    if (m.type === 'ack') {
      inFlight -= handedOver.shift() ?? 0;
      onProgress?.(m.fed);
      notify();
    } else if (m.type === 'done') {
      settle.resolve({ ...m.result, root: Buffer.from(m.result.root) });
    }
  };
  const onExit = (code: number) => fail(new Error(`台账核验线程意外退出（${code}）`));
  worker.on('message', onMessage);
  worker.on('error', fail);
  worker.on('exit', onExit);

  const send = async (bytes: Uint8Array, page: boolean) => {
    // Transfer needs an ArrayBuffer of our own: COPY chunks may be views into shared pools.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
      ? bytes.buffer : bytes.slice().buffer;
    while (!failure && inFlight > 0 && inFlight + own.byteLength > MAX_IN_FLIGHT) await new Promise<void>((r) => { wake = r; });
    if (failure) throw failure;
    inFlight += own.byteLength;
    handedOver.push(own.byteLength);
    worker.postMessage({ type: 'bytes', bytes: own, page } satisfies ToWorker, [own]);
  };
  try {
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const block = new Uint8Array(pendingBytes);
      let o = 0;
      for (const p of pending) {
        block.set(p, o);
        o += p.byteLength;
      }
      pending = [];
      pendingBytes = 0;
      await send(block, false);
    };
    for await (const { bytes, page } of ledgerCopyChunks(bulk)) {
      if (page) {
        await send(bytes, true);
      } else {
        pending.push(bytes);
        pendingBytes += bytes.byteLength;
        if (pendingBytes >= BLOCK) await flush();
      }
    }
    await flush();
    worker.postMessage({ type: 'end' } satisfies ToWorker);
    return await outcome;
  } finally {
    worker.off('message', onMessage);
    worker.off('exit', onExit);
    await worker.terminate();
    worker.off('error', fail);
  }
}

function startWorker(publicKey: string, cps: CheckpointLike[]): Worker | null {
  // The server and the CLI run TypeScript through tsx (decision D1); a worker does not inherit the
  // loader (neither from `--import tsx` nor from an in-process register()), so it registers tsx
  // itself before importing this module.
  let tsxApi: string | null = null;
  try {
    // Its ESM entry: the CommonJS one resolves its loader against the wrong base in an eval worker.
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    const mjs = cjs.replace(/\.cjs$/, '.mjs');
    tsxApi = pathToFileURL(fs.existsSync(mjs) ? mjs : cjs).href;
  } catch {
    return null;
  }
  const data: WorkerInput = { hutongLedgerVerify: true, publicKey, cps, tsxApi, moduleUrl: import.meta.url };
  const boot = `
    const { workerData } = require('node:worker_threads');
    (async () => {
      if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
      await import(workerData.moduleUrl);
    })().catch((err) => setImmediate(() => { throw err; }));`;
  try {
    return new Worker(boot, { eval: true, workerData: data });
  } catch {
    return null;
  }
}

function runWorker(input: WorkerInput): void {
  const port = parentPort!;
  const cps = input.cps.map((c) => ({ ...c, rootHash: Buffer.from(c.rootHash) }));
  const run = new VerifyRun(input.publicKey, cps);
  let stream: LedgerCopyParser | null = null;
  const drain = (parser: LedgerCopyParser) => {
    for (;;) {
      const out: StoredLedgerEntry[] = [];
      if (parser.read(out, 2_000) === 0) return;
      run.push(out);
    }
  };
  port.on('message', (m: ToWorker) => {
    if (m.type === 'bytes') {
      if (m.page) {
        const parser = new LedgerCopyParser();
        parser.push(new Uint8Array(m.bytes));
        drain(parser);
        parser.end();
      } else {
        stream ??= new LedgerCopyParser();
        stream.push(new Uint8Array(m.bytes));
        drain(stream);
      }
      port.postMessage({ type: 'ack', fed: run.fed } satisfies FromWorker);
    } else {
      stream?.end();
      const r = run.finish();
      port.postMessage({ type: 'done', result: { ...r, root: new Uint8Array(r.root) } } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (!isMainThread && (workerData as WorkerInput | null)?.hutongLedgerVerify === true) runWorker(workerData as WorkerInput);

function readCheckpointFile(file: string | null | undefined): CheckpointLike[] {
  if (!file || !fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const c = JSON.parse(line) as { treeSize: number; rootHash: string; at: string; signature: string; publicKey: string };
    return { ...c, rootHash: Buffer.from(c.rootHash, 'hex') };
  });
}
