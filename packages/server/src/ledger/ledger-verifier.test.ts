// 核验器的性质测试：对随机生成的合法台账，任何单点篡改都被发现，且报告的是第一个出问题的条目。
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryLeafHash, PROCESSING_ACTS, type LedgerEntry } from './canonical-entry.ts';
import { chainHash, GENESIS } from './chain.ts';
import { sha256Hash, sm3Hash } from './hashes.ts';
import { entryArb } from './ledger-test-support.ts';
import {
  checkpointMessage, LedgerVerifier, type LedgerCheckpoint, type StoredLedgerEntry, type VerifyErrorKind, type VerifyResult,
} from './ledger-verifier.ts';
import { rootFromLeafHashes } from './merkle.ts';

const h = sm3Hash;
const KEY = 'a1'.repeat(32);
// 假签名：只需“没有密钥就造不出”这一性质；真实部署用 SM2。
const sign = (pk: string, msg: Uint8Array): string => sha256Hash(Buffer.concat([Buffer.from(pk, 'hex'), msg])).toString('hex');
const verifySignature = (pk: string, msg: Uint8Array, sig: string): boolean => sign(pk, msg) === sig;

type Item = { entry: StoredLedgerEntry } | { cp: LedgerCheckpoint };
interface Ledger { entries: StoredLedgerEntry[]; cps: LedgerCheckpoint[] }

function signCp(treeSize: number, rootHash: Buffer, at: string, key = KEY): LedgerCheckpoint {
  return { treeSize, rootHash, at, publicKey: key, signature: sign(key, checkpointMessage(treeSize, rootHash, at)) };
}

/** 从第 from 条起按排序器的做法重算 seq、叶哈希与链哈希——伪造者也能做到这一步。 */
function seal(entries: LedgerEntry[], from = 0, prior: StoredLedgerEntry[] = []): StoredLedgerEntry[] {
  const out = prior.slice(0, from);
  let prev = from === 0 ? GENESIS : out[from - 1]!.chainHash;
  for (let i = from; i < entries.length; i++) {
    const entry = { ...entries[i]!, seq: i };
    const leafHash = entryLeafHash(h, entry);
    prev = chainHash(h, prev, leafHash);
    out.push({ entry, leafHash, chainHash: prev });
  }
  return out;
}

function build(raw: LedgerEntry[], sizes: number[]): Ledger {
  const entries = seal(raw);
  const all = [...new Set([...sizes.map((s) => s % (raw.length + 1)), raw.length])].sort((a, b) => a - b);
  const leaves = entries.map((e) => e.leafHash);
  const cps = all.map((n, i) => signCp(n, rootFromLeafHashes(h, leaves.slice(0, n)), new Date(Date.UTC(2026, 10, 22, 8, 0, i)).toISOString()));
  return { entries, cps };
}

/** 检查点的三种送入时机：读条目之前、刚好读完其条目时、晚 lag 条之后。 */
function interleave(l: Ledger, mode: 'early' | 'onTime' | 'late', lag = 3): Item[] {
  if (mode === 'early') return [...l.cps.map((cp) => ({ cp })), ...l.entries.map((entry) => ({ entry }))];
  const items: Item[] = [];
  const delay = mode === 'late' ? lag : 0;
  const due = (n: number) => l.cps.filter((cp) => Math.min(cp.treeSize + delay, l.entries.length) === n).map((cp) => ({ cp }));
  items.push(...due(0));
  l.entries.forEach((entry, i) => items.push({ entry }, ...due(i + 1)));
  return items;
}

function run(items: Item[], lag = 3): VerifyResult {
  const v = new LedgerVerifier({ hash: h, verifySignature, publicKeys: [KEY.toUpperCase()], checkpointLag: lag });
  for (const it of items) if ('entry' in it) v.entry(it.entry); else v.checkpoint(it.cp);
  return v.finish();
}

const flip = (b: Buffer): Buffer => { const c = Buffer.from(b); c[c.length - 1]! ^= 1; return c; };
const otherString = (s: string | null): string => (s === null ? '' : `${s}x`);
function added(xs: string[]): string[] {
  let x = 'n';
  while (xs.includes(x)) x += 'n';
  return [...xs, x];
}

/** 每个字段一种确实改变规范字节的改法。 */
function fieldMutations(e: LedgerEntry): Array<[keyof LedgerEntry, LedgerEntry]> {
  const acts = PROCESSING_ACTS;
  const next = <T>(xs: readonly T[], x: T): T => xs[(xs.indexOf(x) + 1) % xs.length]!;
  return [
    ['seq', { ...e, seq: e.seq + 1 }],
    ['at', { ...e, at: new Date(Date.parse(e.at) + 1).toISOString() }],
    ['category', { ...e, category: next(['processing', 'security', 'admin'] as const, e.category) }],
    ['act', { ...e, act: e.category === 'processing' ? next(acts, e.act) : `${e.act}x` }],
    ...(['actorUserId', 'actorOrgId', 'accountableOrgId', 'purpose', 'basis', 'requestId', 'reason'] as const)
      .map((f): [keyof LedgerEntry, LedgerEntry] => [f, { ...e, [f]: otherString(e[f]) }]),
    ['childIds', { ...e, childIds: added(e.childIds) }],
    ['fields', { ...e, fields: added(e.fields) }],
    ['outcome', { ...e, outcome: next(['allowed', 'denied', 'succeeded', 'failed'] as const, e.outcome) }],
  ];
}

const expectError = (r: VerifyResult, kind: VerifyErrorKind, seq: number | null, what: string): void => {
  expect(r.ok, what).toBe(false);
  expect({ kind: r.firstError?.kind, seq: r.firstError?.seq }, what).toEqual({ kind, seq });
  expect(r.firstError?.message, what).toMatch(seq === null ? /检查点/ : new RegExp(`第 ${seq} 号`));
};

const ledgerArb = fc.tuple(fc.array(entryArb, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 5 }));
const modes = ['early', 'onTime', 'late'] as const;

describe('LedgerVerifier：合法台账', () => {
  it('任何送入时机下都通过，根与参照实现一致；集合重排不算篡改', () => {
    fc.assert(fc.property(ledgerArb, fc.constantFrom(...modes), ([raw, sizes], mode) => {
      const l = build(raw, sizes);
      l.entries = l.entries.map((s) => ({ ...s, entry: { ...s.entry, childIds: [...s.entry.childIds].reverse(), fields: [...s.entry.fields, ...s.entry.fields] } }));
      const r = run(interleave(l, mode));
      expect(r.firstError).toBeUndefined();
      expect(r).toMatchObject({ ok: true, entries: raw.length, checkpoints: l.cps.length });
      expect(r.root).toEqual(rootFromLeafHashes(h, l.entries.map((e) => e.leafHash)));
    }), { numRuns: 60 });
  });

  it('检查点送入晚于保留窗口是用法错误，直接抛出', () => {
    const l = build(fc.sample(entryArb, 10), [2]);
    expect(() => run(interleave(l, 'late', 6), 3)).toThrow(/送入过晚/);
  });
});

describe('LedgerVerifier：每一处单点篡改都被发现，并指出第一个出问题的条目', () => {
  it('条目、哈希、删除、插入、调换', () => {
    fc.assert(fc.property(ledgerArb, fc.constantFrom(...modes), entryArb, ([raw, sizes], mode, forgedRaw) => {
      const l = build(raw, sizes);
      const n = l.entries.length;
      const check = (entries: StoredLedgerEntry[], kind: VerifyErrorKind, seq: number | null, what: string) =>
        expectError(run(interleave({ entries, cps: l.cps }, mode)), kind, seq, what);
      const replace = (k: number, s: StoredLedgerEntry) => l.entries.map((x, i) => (i === k ? s : x));
      for (let k = 0; k < n; k++) {
        const orig = l.entries[k]!;
        for (const [f, changed] of fieldMutations(orig.entry)) {
          check(replace(k, { ...orig, entry: changed }), f === 'seq' ? 'seq_gap' : 'leaf_mismatch', k, `改字段 ${f}@${k}`);
        }
        check(replace(k, { ...orig, leafHash: flip(orig.leafHash) }), 'leaf_mismatch', k, `改叶哈希@${k}`);
        check(replace(k, { ...orig, chainHash: flip(orig.chainHash) }), 'chain_mismatch', k, `改链哈希@${k}`);
        const deleted = l.entries.filter((_, i) => i !== k);
        check(deleted, k < n - 1 ? 'seq_gap' : 'checkpoint_beyond_end', k, `删除@${k}`);
        // 插入一条自洽的伪造条目（序号重复 k，叶与链都按插入点正确计算），放在原条目之前或之后。
        const forged = seal([...l.entries.slice(0, k).map((s) => s.entry), forgedRaw], k, l.entries)[k]!;
        // 若大小 k+1 的检查点在下一条之前送入，它会先对不上——同样是第一处可察觉的不一致
        // （伪造条目与原条目相同即重放时除外）。
        const cpAtNext = mode !== 'late' && l.cps.some((cp) => cp.treeSize === k + 1) && !forged.leafHash.equals(orig.leafHash);
        check([...l.entries.slice(0, k), forged, ...l.entries.slice(k)], cpAtNext ? 'checkpoint_root_mismatch' : 'seq_order', cpAtNext ? null : k, `在 ${k} 前插入`);
        const after = seal([...l.entries.slice(0, k + 1).map((s) => s.entry), { ...forgedRaw }], k + 1, l.entries)[k + 1]!;
        check([...l.entries.slice(0, k + 1), { ...after, entry: { ...after.entry, seq: k } }, ...l.entries.slice(k + 1)], 'seq_order', k, `在 ${k} 后插入`);
        if (k + 1 < n) {
          const next = l.entries[k + 1]!;
          check([...l.entries.slice(0, k), next, orig, ...l.entries.slice(k + 2)], 'seq_gap', k, `调换 ${k}/${k + 1}`);
          const contentSwapped = { ...orig, entry: { ...next.entry, seq: k } };
          if (!entryLeafHash(h, contentSwapped.entry).equals(orig.leafHash)) {
            check(replace(k, contentSwapped), 'leaf_mismatch', k, `调换内容 ${k}/${k + 1}`);
          }
        }
        // 伪造者改了条目并把其后的叶与链全部重算：只有签名检查点能发现。
        const rewritten = seal(l.entries.map((s, i) => (i === k ? { ...s.entry, reason: otherString(s.entry.reason) } : s.entry)), k, l.entries);
        const r = run(interleave({ entries: rewritten, cps: l.cps }, mode));
        expectError(r, 'checkpoint_root_mismatch', null, `重写历史@${k}`);
        expect(r.firstError?.treeSize).toBe(l.cps.find((cp) => cp.treeSize > k)!.treeSize);
      }
    }), { numRuns: 25 });
  });

  it('检查点的根、签名、公钥、时间、大小被改，或用真密钥签了错误的根', () => {
    fc.assert(fc.property(ledgerArb, fc.constantFrom(...modes), ([raw, sizes], mode) => {
      const l = build(raw, sizes);
      l.cps.forEach((cp, c) => {
        const withCp = (bad: LedgerCheckpoint) => run(interleave({ entries: l.entries, cps: l.cps.map((x, i) => (i === c ? bad : x)) }, mode));
        const tampered: Array<[string, LedgerCheckpoint, VerifyErrorKind]> = [
          ['根', { ...cp, rootHash: flip(cp.rootHash) }, 'checkpoint_signature'],
          ['签名', { ...cp, signature: cp.signature.replace(/^./, (x) => (x === '0' ? '1' : '0')) }, 'checkpoint_signature'],
          ['公钥', signCp(cp.treeSize, cp.rootHash, cp.at, 'b2'.repeat(32)), 'checkpoint_signature'],
          ['时间', { ...cp, at: new Date(Date.parse(cp.at) + 1).toISOString() }, 'checkpoint_signature'],
          ['大小', { ...cp, treeSize: cp.treeSize + 1 }, 'checkpoint_signature'],
          ['真签名错根', signCp(cp.treeSize, flip(cp.rootHash), cp.at), 'checkpoint_root_mismatch'],
        ];
        for (const [what, bad, kind] of tampered) {
          const r = withCp(bad);
          expectError(r, kind, null, `检查点 ${cp.treeSize} 的${what}`);
          expect(r.firstError?.treeSize).toBe(bad.treeSize);
        }
      });
    }), { numRuns: 40 });
  });
});
