import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { sm2Verify, type Keyring } from '../shared/crypto/index.ts';
import { sm3Hash } from './hashes.ts';
import { LedgerVerifier, type VerifyResult } from './ledger-verifier.ts';
import { rowToEntry } from './ledger-row.ts';

export interface VerifyReport extends Omit<VerifyResult, 'root'> {
  root: string;
  unsequencedOverdue: number;
  fileCheckpoints: number;
  seconds: number;
}

interface CheckpointLike { treeSize: number; rootHash: Buffer; at: string; signature: string; publicKey: string }

/**
 * Recomputes every leaf, the hash chain, the Merkle tree and every checkpoint (the database's
 * and the published file's) from the stored rows, streaming in pages so a million entries
 * fit in little memory. Reports the first entry that does not match.
 */
export async function verifyLedger(db: Kysely<Database>, keyring: Keyring, opts: { checkpointFile?: string | null; windowMs: number; onProgress?: (done: number) => void }): Promise<VerifyReport> {
  const started = process.hrtime.bigint();
  const verifier = new LedgerVerifier({ hash: sm3Hash, verifySignature: sm2Verify, publicKeys: [keyring.ledgerSigning.publicKey] });
  const dbCps = (await db.selectFrom('ledger_checkpoints').selectAll().orderBy('tree_size').execute())
    .map((c): CheckpointLike => ({ treeSize: c.tree_size, rootHash: c.root_hash, at: c.at, signature: c.signature, publicKey: c.public_key }));
  const fileCps = readCheckpointFile(opts.checkpointFile);
  const cps = [...dbCps, ...fileCps].sort((a, b) => a.treeSize - b.treeSize);
  let cpIdx = 0;
  let fed = 0;
  const feedCheckpoints = (upTo: number) => {
    while (cpIdx < cps.length && cps[cpIdx]!.treeSize <= upTo) verifier.checkpoint(cps[cpIdx++]!);
  };
  feedCheckpoints(0);
  let after = -1;
  const PAGE = 20_000;
  for (;;) {
    const rows = await db.selectFrom('ledger_entries').selectAll().where('seq', 'is not', null).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    for (const r of rows) {
      verifier.entry({ entry: rowToEntry(r, r.seq!), leafHash: r.leaf_hash ?? Buffer.alloc(0), chainHash: r.chain_hash ?? Buffer.alloc(0) });
      fed++;
      feedCheckpoints(fed);
    }
    opts.onProgress?.(fed);
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.seq!;
  }
  // Checkpoints beyond what is stored mean entries were removed from the end.
  while (cpIdx < cps.length) verifier.checkpoint(cps[cpIdx++]!);
  const result = verifier.finish();
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

function readCheckpointFile(file: string | null | undefined): CheckpointLike[] {
  if (!file || !fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const c = JSON.parse(line) as { treeSize: number; rootHash: string; at: string; signature: string; publicKey: string };
    return { ...c, rootHash: Buffer.from(c.rootHash, 'hex') };
  });
}
