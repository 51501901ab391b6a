import { parentPort, workerData } from 'node:worker_threads';
import { parseKeyring } from '../shared/crypto/index.ts';
import { buildChildBatch } from './child-rows.ts';
import type { ChildInput } from '../registry/child-input.ts';

// The keyring arrives from the parent (same process memory), so both threads hold the very same keys.
const data = workerData as { keyring: string; source: 'env' | 'file' };
const keyring = parseKeyring(data.keyring, data.source);

parentPort!.on('message', (msg: { id: number; ownerOrgId: string; inputs: ChildInput[] }) => {
  buildChildBatch(keyring, msg.ownerOrgId, msg.inputs).then(
    (built) => parentPort!.postMessage({ id: msg.id, built }),
    (err: Error) => parentPort!.postMessage({ id: msg.id, error: err.message }),
  );
});
