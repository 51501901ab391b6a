import { errors } from '@hutong/core';
import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { sm3Hash } from './hashes.ts';
import { consistencyProof, inclusionProof, rootAt } from './merkle-proof.ts';
import { withStoredNodes } from './db-node-source.ts';
import { encodeEntry } from './canonical-entry.ts';
import { rowToEntry } from './ledger-row.ts';

export async function latestCheckpoint(db: Kysely<Database>) {
  const c = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
  return c ? { treeSize: c.tree_size, rootHash: c.root_hash.toString('hex'), at: c.at, signature: c.signature, publicKey: c.public_key, hash: 'SM3', signatureAlgorithm: 'SM2-with-SM3 (DER)' } : null;
}

async function treeSizeOrLatest(db: Kysely<Database>, treeSize?: number): Promise<number> {
  if (treeSize !== undefined) {
    const cp = await db.selectFrom('ledger_checkpoints').select('tree_size').where('tree_size', '=', treeSize).executeTakeFirst();
    if (!cp) throw errors.validation([{ field: 'treeSize', message: `没有规模为 ${treeSize} 的已签名检查点` }]);
    return treeSize;
  }
  const latest = await latestCheckpoint(db);
  if (!latest) throw errors.notFound('台账检查点');
  return latest.treeSize;
}

/** RFC 6962 inclusion proof that entry `seq` is in the tree of a signed checkpoint. */
export async function inclusion(db: Kysely<Database>, seq: number, treeSize?: number) {
  const size = await treeSizeOrLatest(db, treeSize);
  if (seq < 0 || seq >= size) throw errors.validation([{ field: 'seq', message: `序号应在 0 到 ${size - 1} 之间` }]);
  const row = await db.selectFrom('ledger_entries').selectAll().where('seq', '=', seq).executeTakeFirst();
  if (!row) throw errors.notFound('台账记录');
  const { proof, root } = await withStoredNodes(db, sm3Hash, (src) => ({ proof: inclusionProof(sm3Hash, src, seq, size), root: rootAt(sm3Hash, src, size) }));
  return {
    hash: 'SM3', leafIndex: seq, treeSize: size,
    entryCanonicalHex: encodeEntry(rowToEntry(row, seq)).toString('hex'),
    leafHash: row.leaf_hash!.toString('hex'), rootHash: root.toString('hex'),
    proof: proof.map((b) => b.toString('hex')),
  };
}

/** RFC 6962 consistency proof: the tree at `from` is a prefix of the tree at `to`. */
export async function consistency(db: Kysely<Database>, from: number, to?: number) {
  const size = await treeSizeOrLatest(db, to);
  if (from < 1 || from > size) throw errors.validation([{ field: 'from', message: `起始规模应在 1 到 ${size} 之间` }]);
  const { proof, oldRoot, newRoot } = await withStoredNodes(db, sm3Hash, (src) => ({
    proof: consistencyProof(sm3Hash, src, from, size), oldRoot: rootAt(sm3Hash, src, from), newRoot: rootAt(sm3Hash, src, size),
  }));
  return { hash: 'SM3', oldSize: from, newSize: size, oldRoot: oldRoot.toString('hex'), newRoot: newRoot.toString('hex'), proof: proof.map((b) => b.toString('hex')) };
}
