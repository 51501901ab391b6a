import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import type { Keyring } from '../shared/crypto/index.ts';
import { sm2Sign } from '../shared/crypto/index.ts';
import { sm3Hash } from './hashes.ts';
import { encodeEntry } from './canonical-entry.ts';
import { chainHash, GENESIS } from './chain.ts';
import { leafHash } from './merkle-node.ts';
import { TreeBuilder } from './tree-builder.ts';
import { checkpointMessage } from './ledger-verifier.ts';
import { withStoredNodes } from './db-node-source.ts';
import { rowToEntry } from './ledger-row.ts';

const BATCH = 4000;
const CHECKPOINT_EVERY_MS = Number(process.env.HUTONG_CHECKPOINT_EVERY_MS ?? 10_000);
const HASH = sm3Hash;

export interface Checkpoint { treeSize: number; rootHash: string; at: string; signature: string; publicKey: string }

/**
 * The integrate half of queue-then-sequence (Trillian): one sequencer at a time (an advisory
 * lock, so several server processes on one PostgreSQL are safe) numbers committed entries
 * gaplessly in commit order, chains them, extends the Merkle tree, stores the new perfect
 * subtree nodes and signs a checkpoint. Request transactions never wait for it.
 */
export class LedgerSequencer {
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastCheckpointAt = 0;

  constructor(private readonly db: Kysely<Database>, private readonly keyring: Keyring, readonly checkpointFile: string | null) {}

  start(intervalMs = 200): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.sequence().then(() => this.checkpoint(false)).catch(() => {}); }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Sequences everything committed so far and signs a checkpoint over it; resolves with how many entries it numbered. */
  async flush(): Promise<number> {
    const n = await this.sequence();
    await this.checkpoint(true);
    return n;
  }

  async sequence(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.once();
      total += n;
      if (n < BATCH) return total;
    }
  }

  private once(): Promise<number> {
    // Calls made while a batch runs wait for it and then run their own: entries committed
    // during the running batch must not be missed by a caller that just appended them.
    const prev = this.running ?? Promise.resolve(0);
    const next = prev.catch(() => 0).then(() => this.batch());
    this.running = next;
    return next;
  }

  private async batch(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(7261)`.execute(trx);
      const pending = await trx.selectFrom('ledger_entries').selectAll().where('seq', 'is', null).orderBy('id').limit(BATCH).execute();
      if (pending.length === 0) return 0;
      const last = await trx.selectFrom('ledger_entries').select(['seq', 'chain_hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const size = last ? last.seq! + 1 : 0;
      let prev = last?.chain_hash ?? GENESIS;
      const tree = await withStoredNodes(trx, HASH, (src) => TreeBuilder.resume(HASH, size, src));
      const updates: Array<{ id: number; seq: number; leaf: Buffer; chain: Buffer }> = [];
      const nodes: Array<{ level: number; idx: number; hash: Buffer }> = [];
      for (const row of pending) {
        const seq = size + updates.length;
        const leaf = leafHash(HASH, encodeEntry(rowToEntry(row, seq)));
        prev = chainHash(HASH, prev, leaf);
        updates.push({ id: row.id, seq, leaf, chain: prev });
        tree.append(leaf, (level, index, hash) => { if (level > 0) nodes.push({ level, idx: index, hash }); });
      }
      await sql`UPDATE ledger_entries AS e SET seq = v.seq, leaf_hash = v.leaf, chain_hash = v.chain
        FROM (VALUES ${sql.join(updates.map((u) => sql`(${u.id}::bigint, ${u.seq}::bigint, ${u.leaf}::bytea, ${u.chain}::bytea)`))}) AS v(id, seq, leaf, chain)
        WHERE e.id = v.id`.execute(trx);
      for (let i = 0; i < nodes.length; i += BATCH) await trx.insertInto('ledger_nodes').values(nodes.slice(i, i + BATCH)).execute();
      return pending.length;
    });
  }

  /**
   * Signs a checkpoint over everything sequenced, unless one was signed less than
   * CHECKPOINT_EVERY_MS ago (an SM2 verification costs milliseconds, so a checkpoint per
   * 200 ms batch would make verifying a year of entries take hours). Proof and verify
   * requests force one so that what they return is covered by a signature.
   */
  async checkpoint(force: boolean): Promise<Checkpoint | null> {
    if (!force && Date.now() - this.lastCheckpointAt < CHECKPOINT_EVERY_MS) return null;
    const cp = await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(7261)`.execute(trx);
      const last = await trx.selectFrom('ledger_entries').select('seq').where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const size = last ? last.seq! + 1 : 0;
      const prevCp = await trx.selectFrom('ledger_checkpoints').select('tree_size').orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
      if (size === 0 || (prevCp && prevCp.tree_size >= size)) return null;
      const root = await withStoredNodes(trx, HASH, (src) => TreeBuilder.resume(HASH, size, src).root());
      const at = new Date().toISOString();
      const c: Checkpoint = {
        treeSize: size, rootHash: root.toString('hex'), at,
        signature: sm2Sign(this.keyring.ledgerSigning.privateKey, checkpointMessage(size, root, at)),
        publicKey: this.keyring.ledgerSigning.publicKey,
      };
      await trx.insertInto('ledger_checkpoints').values({ tree_size: size, root_hash: root, at, signature: c.signature, public_key: c.publicKey }).execute();
      return c;
    });
    this.lastCheckpointAt = Date.now();
    if (cp) this.publish(cp);
    return cp;
  }

  /**
   * Checkpoints also go to a file outside the database, so a database administrator who
   * rewrites history and re-signs nothing is caught against this copy (DESIGN.md).
   */
  private publish(cp: Checkpoint): void {
    if (!this.checkpointFile) return;
    fs.mkdirSync(path.dirname(this.checkpointFile), { recursive: true });
    fs.appendFileSync(this.checkpointFile, JSON.stringify(cp) + '\n', { mode: 0o600 });
  }
}
