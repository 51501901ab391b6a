import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { appendLedger, appendLedgerMany, type LedgerRecord } from '../../src/ledger/ledger-append.ts';
import { verifyLedger } from '../../src/ledger/ledger-verify.service.ts';
import { consistency, inclusion, latestCheckpoint } from '../../src/ledger/ledger-proof.service.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle-verify.ts';
import { sm3Hash } from '../../src/ledger/hashes.ts';
import { createTestContext } from '../helpers/test-context.ts';

let ctx: AppContext;
const rec = (i: number): LedgerRecord => ({ category: 'processing', act: i % 2 ? 'use' : 'collect', actorUserId: `u${i % 5}`, actorOrgId: 'org1', accountableOrgId: 'org1', childIds: [`c${i}`], fields: ['name', 'idNumber'], outcome: 'allowed', requestId: `r${i}` });
const verify = () => verifyLedger(ctx.db, ctx.keyring, { checkpointFile: ctx.ledger.checkpointFile, windowMs: 60_000 });

/** Bypasses the append-only trigger, as a database administrator could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(ctx.db);
  await statement.execute(ctx.db);
  await sql`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`.execute(ctx.db);
}

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('processing ledger (第四条; 网络安全法 第二十一条)', () => {
  it('sequences committed entries gaplessly in batches and signs checkpoints', async () => {
    for (let b = 0; b < 5; b++) {
      await appendLedgerMany(ctx.db, Array.from({ length: 37 }, (_, i) => rec(b * 37 + i)));
      await ctx.ledger.flush();
    }
    const seqs = (await ctx.db.selectFrom('ledger_entries').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 185 }, (_, i) => i));
    const cp = await latestCheckpoint(ctx.db);
    expect(cp).toMatchObject({ treeSize: 185, hash: 'SM3' });
    const published = fs.readFileSync(ctx.ledger.checkpointFile!, 'utf8').trim().split('\n');
    expect(published).toHaveLength(5);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, entries: 185, unsequencedOverdue: 0 });
    expect(report.root).toBe(cp!.rootHash);
  });

  it('groups concurrent appends outside a transaction, each caller resuming only once its entry is committed', async () => {
    const before = await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const queries: string[] = [];
    const spy = ctx.db.withPlugin({ transformQuery: (a) => { if (a.node.kind === 'InsertQueryNode') queries.push('insert'); return a.node; }, transformResult: async (a) => a.result });
    await Promise.all(Array.from({ length: 300 }, async (_, i) => {
      await appendLedger(spy, rec(5000 + i));
      // Already visible to anyone once the caller resumes.
      const mine = await ctx.db.selectFrom('ledger_entries').select('id').where('request_id', '=', `r${5000 + i}`).executeTakeFirst();
      expect(mine).toBeDefined();
    }));
    const after = await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(300);
    expect(queries.length).toBeLessThan(10);
    await ctx.ledger.flush();
    expect((await verify()).ok).toBe(true);
  });

  it('an entry rolls back with its transaction', async () => {
    const before = await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await ctx.db.transaction().execute(async (trx) => {
      await appendLedger(trx, rec(999));
      throw new Error('rollback');
    }).catch(() => {});
    const after = await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses UPDATE and DELETE through SQL', async () => {
    await expect(sql`DELETE FROM ledger_entries WHERE seq = 3`.execute(ctx.db)).rejects.toThrow(/只允许追加/u);
    await expect(sql`UPDATE ledger_entries SET act = 'delete' WHERE seq = 3`.execute(ctx.db)).rejects.toThrow(/只允许追加/u);
  });

  it('serves inclusion and consistency proofs that verify against the signed roots', async () => {
    const cp = (await latestCheckpoint(ctx.db))!;
    for (const seq of [0, 1, 63, 64, 100, 184]) {
      const p = await inclusion(ctx.db, seq);
      expect(verifyInclusion(sm3Hash, Buffer.from(p.leafHash, 'hex'), seq, p.treeSize, p.proof.map((x) => Buffer.from(x, 'hex')), Buffer.from(cp.rootHash, 'hex'))).toBe(true);
    }
    const c = await consistency(ctx.db, 37);
    expect(verifyConsistency(sm3Hash, 37, c.newSize, Buffer.from(c.oldRoot, 'hex'), Buffer.from(c.newRoot, 'hex'), c.proof.map((x) => Buffer.from(x, 'hex')))).toBe(true);
    await expect(inclusion(ctx.db, c.newSize)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('catches an altered field, naming the entry', async () => {
    await tamper(sql`UPDATE ledger_entries SET purpose = 'statistics' WHERE seq = 42`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstError).toMatchObject({ seq: 42, kind: 'leaf_mismatch' });
    await tamper(sql`UPDATE ledger_entries SET purpose = NULL WHERE seq = 42`);
    expect((await verify()).ok).toBe(true);
  });

  it('catches a deleted entry, a reordering and a truncated tail', async () => {
    const saved = await ctx.db.selectFrom('ledger_entries').selectAll().where('seq', '=', 10).executeTakeFirstOrThrow();
    await tamper(sql`DELETE FROM ledger_entries WHERE seq = 10`);
    expect((await verify()).firstError).toMatchObject({ seq: 10, kind: 'seq_gap' });
    await tamper(sql`INSERT INTO ledger_entries (id, seq, at, category, act, actor_user_id, actor_org_id, accountable_org_id, child_ids, fields, request_id, outcome, leaf_hash, chain_hash)
      VALUES (${saved.id}, 10, ${saved.at}, ${saved.category}, ${saved.act}, ${saved.actor_user_id}, ${saved.actor_org_id}, ${saved.accountable_org_id}, ${sql`ARRAY[${sql.join(saved.child_ids)}]::text[]`}, ${sql`ARRAY[${sql.join(saved.fields)}]::text[]`}, ${saved.request_id}, ${saved.outcome}, ${saved.leaf_hash}, ${saved.chain_hash})`);
    expect((await verify()).ok).toBe(true);

    await tamper(sql`UPDATE ledger_entries SET seq = CASE seq WHEN 20 THEN -1 WHEN 21 THEN 20 END WHERE seq IN (20, 21)`);
    await tamper(sql`UPDATE ledger_entries SET seq = 21 WHERE seq = -1`);
    expect((await verify()).firstError).toMatchObject({ seq: 20 });
    await tamper(sql`UPDATE ledger_entries SET seq = CASE seq WHEN 20 THEN -1 WHEN 21 THEN 20 END WHERE seq IN (20, 21)`);
    await tamper(sql`UPDATE ledger_entries SET seq = 21 WHERE seq = -1`);
    expect((await verify()).ok).toBe(true);

    // Removing the newest entries leaves signed checkpoints that point beyond the end.
    await tamper(sql`DELETE FROM ledger_entries WHERE seq >= 180`);
    await tamper(sql`DELETE FROM ledger_checkpoints WHERE tree_size > 179`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstError!.kind).toBe('checkpoint_beyond_end');
  });

  it('treats an entry left unsequenced beyond the window as a failure', async () => {
    const c2 = await createTestContext();
    try {
      await sql`INSERT INTO ledger_entries (at, category, act, outcome) VALUES (now() - interval '2 hours', 'processing', 'use', 'allowed')`.execute(c2.db);
      const r = await verifyLedger(c2.db, c2.keyring, { checkpointFile: null, windowMs: 60_000 });
      expect(r.ok).toBe(false);
      expect(r.unsequencedOverdue).toBe(1);
    } finally {
      await c2.close();
    }
  });
});
