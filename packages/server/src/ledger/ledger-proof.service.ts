import { errors } from '@hutong/core';
import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { sm3Hash } from './hashes.ts';
import { consistencyProof, inclusionProof } from './merkle-proof.ts';
import { withStoredNodes } from './db-node-source.ts';
import { encodeEntry } from './canonical-entry.ts';
import { rowToEntry } from './ledger-row.ts';

export async function latestCheckpoint(db: Kysely<Database>) {
  const c = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
  return c ? { treeSize: c.tree_size, rootHash: c.root_hash.toString('hex'), at: c.at, signature: c.signature, publicKey: c.public_key, hash: 'SM3', signatureAlgorithm: 'SM2-with-SM3 (DER)' } : null;
}

/**
 * Proofs are only meaningful against a signed checkpoint: the root returned is the signed one,
 * never a root recomputed from stored nodes (an RFC 6962 proof does not bind the tree size).
 */
async function signedCheckpoint(db: Kysely<Database>, treeSize?: number) {
  let q = db.selectFrom('ledger_checkpoints').selectAll();
  q = treeSize !== undefined ? q.where('tree_size', '=', treeSize) : q.orderBy('tree_size', 'desc').limit(1);
  const cp = await q.executeTakeFirst();
  if (!cp && treeSize !== undefined) throw errors.validation([{ field: 'treeSize', message: `没有规模为 ${treeSize} 的已签名检查点` }]);
  if (!cp) throw errors.notFound('台账检查点');
  return { treeSize: cp.tree_size, rootHash: cp.root_hash.toString('hex'), at: cp.at, signature: cp.signature, publicKey: cp.public_key };
}

/** RFC 6962 inclusion proof that entry `seq` is in the tree of a signed checkpoint. */
export async function inclusion(db: Kysely<Database>, seq: number, treeSize?: number) {
  const cp = await signedCheckpoint(db, treeSize);
  const size = cp.treeSize;
  if (seq < 0 || seq >= size) throw errors.validation([{ field: 'seq', message: `序号应在 0 到 ${size - 1} 之间` }]);
  const row = await db.selectFrom('ledger_entries').selectAll().where('seq', '=', seq).executeTakeFirst();
  if (!row) throw errors.notFound('台账记录');
  const proof = await withStoredNodes(db, sm3Hash, (src) => inclusionProof(sm3Hash, src, seq, size));
  return {
    hash: 'SM3', leafIndex: seq, treeSize: size,
    entryCanonicalHex: encodeEntry(rowToEntry(row, seq)).toString('hex'),
    leafHash: row.leaf_hash!.toString('hex'), rootHash: cp.rootHash,
    proof: proof.map((b) => b.toString('hex')),
    checkpoint: cp,
  };
}

/** RFC 6962 consistency proof: the tree at `from` is a prefix of the tree at `to`. */
export async function consistency(db: Kysely<Database>, from: number, to?: number) {
  const newCp = await signedCheckpoint(db, to);
  const oldCp = await signedCheckpoint(db, from);
  const size = newCp.treeSize;
  if (from > size) throw errors.validation([{ field: 'from', message: `起始规模应在 1 到 ${size} 之间` }]);
  const proof = await withStoredNodes(db, sm3Hash, (src) => consistencyProof(sm3Hash, src, from, size));
  return { hash: 'SM3', oldSize: from, newSize: size, oldRoot: oldCp.rootHash, newRoot: newCp.rootHash, proof: proof.map((b) => b.toString('hex')), oldCheckpoint: oldCp, newCheckpoint: newCp };
}
