import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { keyringToJson, type Keyring } from '../shared/crypto/index.ts';
import type { ChildInput } from '../registry/child-input.ts';
import { buildChildBatch, type BuiltBatch } from './child-rows.ts';

export interface BatchBuilder {
  build(ownerOrgId: string, inputs: ChildInput[]): Promise<BuiltBatch>;
  close(): Promise<void>;
}

interface Pending { ownerOrgId: string; inputs: ChildInput[]; resolve: (b: BuiltBatch) => void; reject: (e: Error) => void }

/**
 * Builds batches (encryption, data keys, blind indexes) on a worker thread so that, on a machine
 * with a second core, batch n+1 is encrypted while batch n is written: PGlite runs on the main
 * thread, so this is the only parallelism an embedded import gets. One core, or a worker that
 * cannot start, falls back to building on the calling thread: slower, never different.
 */
export function openBatchBuilder(keyring: Keyring, opts: { threaded?: boolean } = {}): BatchBuilder {
  const inline: BatchBuilder = { build: (org, inputs) => buildChildBatch(keyring, org, inputs), close: async () => {} };
  if (opts.threaded === false || os.availableParallelism() < 2) return inline;
  let worker: Worker | null;
  try {
    worker = new Worker(new URL('./child-rows.worker.mjs', import.meta.url), {
      workerData: { keyring: JSON.stringify(keyringToJson(keyring)), source: keyring.source },
    });
  } catch {
    return inline;
  }
  const pending = new Map<number, Pending>();
  let next = 0;
  const fallBack = () => {
    worker = null;
    for (const p of pending.values()) inline.build(p.ownerOrgId, p.inputs).then(p.resolve, p.reject);
    pending.clear();
  };
  worker.on('message', (m: { id: number; built?: BuiltBatch; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.built) p.resolve(m.built);
    else p.reject(new Error(m.error ?? '工作线程构建批次失败'));
  });
  worker.on('error', fallBack);
  worker.on('exit', () => { if (pending.size) fallBack(); else worker = null; });
  return {
    build(ownerOrgId, inputs) {
      if (!worker) return inline.build(ownerOrgId, inputs);
      return new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { ownerOrgId, inputs, resolve, reject });
        worker!.postMessage({ id, ownerOrgId, inputs });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
