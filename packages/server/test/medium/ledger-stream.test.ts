import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { encodeEntry } from '../../src/ledger/canonical-entry.ts';
import { appendLedgerMany } from '../../src/ledger/ledger-append.ts';
import { lastVerification, verifyLedger } from '../../src/ledger/ledger-verify.service.ts';
import { rowToEntry } from '../../src/ledger/ledger-row.ts';
import { LEDGER_STREAM_COLUMNS, LedgerCopyParser, sequencedLedger } from '../../src/ledger/ledger-stream.ts';
import type { StoredLedgerEntry } from '../../src/ledger/ledger-verifier.ts';
import { bulkReaderOf } from '../../src/shared/db/bulk-read.ts';
import { createTestContext } from '../helpers/test-context.ts';

let ctx: AppContext;

// Values that break naive text formats: separators, quotes, escapes, braces, the word NULL,
// empty strings, Chinese and 4-byte UTF-8, and timestamps with sub-millisecond digits.
const tricky = ['', ' ', 'a,b', '"q"', "it's", 'tab\there', 'line\nbreak', 'cr\rlf', 'back\\slash', '\\N', 'NULL', '{x}', '[1:2]',
  '第十五条', '监护人：张三，住址“某村”', 'emoji 👧🏻', 'x\u001fy', 'z\u0001', 'ĀāĂ', '\u00a0nbsp'];
const rows: Array<Record<string, unknown>> = [];
let seq = 0;
const add = (r: Record<string, unknown>) => rows.push({
  seq: seq++, at: '2026-05-01 08:00:00.123+00', category: 'processing', act: 'use', actor_user_id: null, actor_org_id: null, accountable_org_id: null,
  purpose: null, basis: null, child_ids: [], fields: [], request_id: null, outcome: 'allowed', reason: null, leaf_hash: null, chain_hash: null, ...r,
});
add({}); // every nullable column NULL, empty arrays
for (const [i, t] of tricky.entries()) {
  add({
    at: `2026-05-01 08:00:${String(i % 60).padStart(2, '0')}.${String(100000 + i * 37).slice(1)}+00`,
    category: i % 2 ? 'security' : 'processing', act: i % 2 ? 'token_use' : 'use',
    actor_user_id: `user-${t}`, actor_org_id: t, accountable_org_id: `org ${t}`, purpose: t, basis: `第十三条 ${t}`,
    child_ids: [t, `c-${i}`, t], fields: ['name', t, 'idNumber'], request_id: t, reason: `revealed:${t}`,
    leaf_hash: Buffer.from([i, 0, 255, 10, 9, 92]), chain_hash: Buffer.alloc(32, i),
  });
}
for (const at of ['2026-05-01 08:00:00.999999+00', '2026-05-01 08:00:01.000001+00', '2026-05-01 08:00:01+00', '2024-02-29 23:59:59.9995+00',
  '1999-12-31 23:59:59.999999+00', '2000-01-01 00:00:00+00', '1969-12-31 23:59:59.9+00', '1970-01-01 00:00:00.0005+00', '2026-05-01 16:00:00.5+08']) {
  add({ at, child_ids: ['b', 'a'], fields: ['residenceAddress', 'name', 'name'] });
}

async function insertAll(list: Array<Record<string, unknown>>) {
  for (const r of list) {
    await sql`INSERT INTO ledger_entries (seq, at, category, act, actor_user_id, actor_org_id, accountable_org_id, purpose, basis, child_ids, fields, request_id, outcome, reason, leaf_hash, chain_hash)
      VALUES (${r.seq}, ${r.at}::timestamptz, ${r.category}, ${r.act}, ${r.actor_user_id}, ${r.actor_org_id}, ${r.accountable_org_id}, ${r.purpose}, ${r.basis},
        ${r.child_ids}::text[], ${r.fields}::text[], ${r.request_id}, ${r.outcome}, ${r.reason}, ${r.leaf_hash}, ${r.chain_hash})`.execute(ctx.db);
  }
}

async function viaRowToEntry(): Promise<StoredLedgerEntry[]> {
  const stored = await ctx.db.selectFrom('ledger_entries').selectAll().where('seq', 'is not', null).orderBy('seq').execute();
  return stored.map((r) => ({ entry: rowToEntry(r, r.seq!), leafHash: r.leaf_hash ?? Buffer.alloc(0), chainHash: r.chain_hash ?? Buffer.alloc(0) }));
}

async function viaStream(opts?: Parameters<typeof sequencedLedger>[1]): Promise<StoredLedgerEntry[]> {
  const out: StoredLedgerEntry[] = [];
  for await (const batch of sequencedLedger(ctx.db, opts)) out.push(...batch);
  return out;
}

async function copyBytes(): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const select = `SELECT ${LEDGER_STREAM_COLUMNS.join(', ')} FROM ledger_entries WHERE seq IS NOT NULL ORDER BY seq`;
  for await (const c of bulkReaderOf(ctx.db)!.copyOutBinary(select)) parts.push(c);
  return Buffer.concat(parts);
}

/** Rows numbered by hand have no tree nodes; remove them so closing (which signs a checkpoint) finds none. */
async function removeHandNumbered(c: AppContext) {
  await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(c.db);
  await sql`DELETE FROM ledger_entries`.execute(c.db);
}

const plain = (s: StoredLedgerEntry) => ({ entry: s.entry, leafHash: Buffer.from(s.leafHash).toString('hex'), chainHash: Buffer.from(s.chainHash).toString('hex') });

beforeAll(async () => {
  ctx = await createTestContext();
  await insertAll(rows);
});
afterAll(async () => {
  if (!ctx) return;
  await removeHandNumbered(ctx);
  await ctx.close();
});

describe('ledger stream (binary COPY) equals rowToEntry', () => {
  it('yields the same entries, canonical bytes and hashes as the Kysely path, tricky values included', async () => {
    const expected = await viaRowToEntry();
    const got = await viaStream();
    expect(got).toHaveLength(rows.length);
    expect(got.map(plain)).toEqual(expected.map(plain));
    for (let i = 0; i < got.length; i++) {
      expect(encodeEntry(got[i]!.entry).equals(encodeEntry(expected[i]!.entry))).toBe(true);
    }
    // Sub-millisecond digits are truncated exactly as node-postgres and PGlite parse them.
    expect(got.find((g) => g.entry.seq === rows.length - 9)!.entry.at).toBe('2026-05-01T08:00:00.999Z');
    expect(got.find((g) => g.entry.seq === rows.length - 3)!.entry.at).toBe('1969-12-31T23:59:59.900Z');
  });

  it('parses COPY output cut at any byte, and pages on PGlite', async () => {
    const bytes = await copyBytes();
    const whole: StoredLedgerEntry[] = [];
    const p1 = new LedgerCopyParser();
    p1.push(bytes);
    p1.read(whole);
    p1.end();
    for (const step of [1, 2, 3, 7, 19, 64]) {
      const parts: StoredLedgerEntry[] = [];
      const p = new LedgerCopyParser();
      for (let i = 0; i < bytes.length; i += step) {
        p.push(bytes.subarray(i, i + step));
        p.read(parts, 3);
      }
      while (p.read(parts, 5) > 0);
      p.end();
      expect(parts.map(plain)).toEqual(whole.map(plain));
    }
    expect(() => new LedgerCopyParser().end()).toThrow();
    const truncated = new LedgerCopyParser();
    truncated.push(bytes.subarray(0, bytes.length - 2));
    truncated.read([]);
    expect(() => truncated.end()).toThrow();
    expect((await viaStream({ pageRows: 3, batchRows: 2 })).map(plain)).toEqual(whole.map(plain));
  });

  it('turns rows that are no entry at all into entries the canonical encoder refuses, not a crash', async () => {
    const c2 = await createTestContext();
    try {
      await sql`INSERT INTO ledger_entries (seq, at, category, act, child_ids, fields, outcome) VALUES
        (0, 'infinity', 'processing', 'use', '{}', '{}', 'allowed'),
        (1, now(), 'processing', 'use', ARRAY['a', NULL], '{}', 'allowed'),
        (2, now(), 'processing', 'use', ARRAY[ARRAY['a','b'],ARRAY['c','d']], '{}', 'allowed'),
        (3, now(), 'processing', 'use', '[0:1]={x,y}'::text[], '{}', 'allowed')`.execute(c2.db);
      const got: StoredLedgerEntry[] = [];
      for await (const b of sequencedLedger(c2.db)) got.push(...b);
      expect(got).toHaveLength(4);
      for (const g of got.slice(0, 3)) expect(() => encodeEntry(g.entry)).toThrow();
      // node-postgres ignores array lower bounds; so does the stream.
      expect(got[3]!.entry.childIds).toEqual(['x', 'y']);
      await removeHandNumbered(c2);
    } finally {
      await c2.close();
    }
  });
});

describe('verifyLedger in a worker thread (pipeline) agrees with verifying in this thread', () => {
  it('gives the same report for an intact ledger and names the same first tampered entry', async () => {
    const c = await createTestContext();
    try {
      for (let b = 0; b < 3; b++) {
        await appendLedgerMany(c.db, Array.from({ length: 700 }, (_, i) => ({
          category: 'processing' as const, act: i % 2 ? 'use' : 'collect', actorUserId: `u${i % 7}`, actorOrgId: 'org1', accountableOrgId: 'org1',
          purpose: i % 3 ? 'social_assistance' : null, basis: '《个人信息保护法》第十三条', childIds: [`c${b}-${i}`], fields: ['name', 'idNumber'],
          outcome: 'allowed' as const, requestId: `r${b}-${i}`, reason: i % 5 ? null : `revealed:核实“${i}”`,
        })));
        await c.ledger.flush();
      }
      const verify = (pipeline: 'always' | 'never') => verifyLedger(c.db, c.keyring, { checkpointFile: c.ledger.checkpointFile, windowMs: 60_000, pipeline });
      const strip = ({ seconds: _s, ...r }: Awaited<ReturnType<typeof verifyLedger>>) => r;
      const inline = strip(await verify('never'));
      expect(inline).toMatchObject({ ok: true, entries: 2100 });
      expect(strip(await verify('always'))).toEqual(inline);
      expect(lastVerification.inWorker).toBe(true);

      await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(c.db);
      await sql`UPDATE ledger_entries SET fields = ARRAY['name'] WHERE seq = 1234`.execute(c.db);
      const bad = strip(await verify('never'));
      expect(bad.firstError).toMatchObject({ seq: 1234, kind: 'leaf_mismatch' });
      expect(strip(await verify('always'))).toEqual(bad);
      await sql`UPDATE ledger_entries SET fields = ARRAY['idNumber', 'name'] WHERE seq = 1234`.execute(c.db);
      await sql`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`.execute(c.db);
      expect((await verify('always')).ok).toBe(true);
    } finally {
      await c.close();
    }
  });
});
