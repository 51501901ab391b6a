// LedgerVerifier.entry alone, no database: N synthetic entries built in memory (with correct
// leaf and chain hashes), then fed to the verifier. The ceiling of `hutong ledger verify` on one thread.
// Usage: node --import tsx bench/ledger-verifier-pure.bench.ts [N]
//        node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/ledger-verifier-pure.bench.ts   (profile)
import { EntryEncoder, type LedgerEntry } from '../packages/server/src/ledger/canonical-entry.ts';
import { chainHash, GENESIS } from '../packages/server/src/ledger/chain.ts';
import { sm3Hash } from '../packages/server/src/ledger/hashes.ts';
import { LedgerVerifier, type StoredLedgerEntry } from '../packages/server/src/ledger/ledger-verifier.ts';
import { leafHash } from '../packages/server/src/ledger/merkle-node.ts';
import { report } from './bench-context.ts';

const N = Number(process.argv[2] ?? 500_000);
const enc = new EntryEncoder();
const stored: StoredLedgerEntry[] = [];
let prev = GENESIS;
const uuid = (prefix: string, n: number) => `${prefix}-${String(n).padStart(12, '0')}`;
for (let g = 0; g < N; g++) {
  const sec = g % 10 === 0;
  const entry: LedgerEntry = {
    seq: g, at: new Date(1_790_000_000_000 + g * 20).toISOString(), category: sec ? 'security' : 'processing',
    act: sec ? 'token_use' : g % 3 ? 'use' : 'collect', actorUserId: uuid('0b3a4c1e-7f2d-4a8e-9c11', g % 97), actorOrgId: uuid('5d0e2f3a-1b4c-4d5e-8f60', g % 13),
    accountableOrgId: sec ? null : uuid('5d0e2f3a-1b4c-4d5e-8f60', g % 13), purpose: sec ? null : 'social_assistance',
    basis: sec ? null : '《个人信息保护法》第十三条第一款第三项', childIds: sec ? [] : [uuid('9f1c2d3e-4a5b-4c6d-8e7f', g)],
    fields: sec ? [] : g % 2 ? ['name'] : ['idNumber', 'name', 'residenceAddress'], requestId: `req-${g}`,
    outcome: sec ? 'succeeded' : 'allowed', reason: sec ? 'token:7' : g % 2 ? 'masked_view' : 'revealed:核实低保申请',
  };
  const leaf = leafHash(sm3Hash, enc.encode(entry));
  prev = chainHash(sm3Hash, prev, leaf);
  stored.push({ entry, leafHash: leaf, chainHash: prev });
}
const verifier = new LedgerVerifier({ hash: sm3Hash, verifySignature: () => true, publicKeys: [] });
const c0 = process.cpuUsage();
const t0 = performance.now();
for (const s of stored) verifier.entry(s);
const r = verifier.finish();
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
if (!r.ok) throw new Error(JSON.stringify(r.firstError));
report('ledger-verifier-pure', { entries: N, seconds: seconds.toFixed(2), entriesPerSecond: Math.round(N / seconds), cpuSeconds: ((cpu.user + cpu.system) / 1e6).toFixed(2) });
