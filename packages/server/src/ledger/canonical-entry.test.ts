import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEntry, encodeEntry, entryLeafHash, LedgerEntryError, type LedgerEntry,
} from './canonical-entry.ts';
import { sm3Hash } from './hashes.ts';
import { isIsoUtcMillis } from './iso-time.ts';
import { leafHash } from './merkle.ts';
import { entryArb, sampleEntry } from './ledger-test-support.ts';
import { canonicalSet, compareUtf8 } from './utf8-order.ts';

// 按格式说明逐段手工拼出字节，独立于编码器实现。
const u32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const s = (x: string): Buffer => Buffer.concat([u32(Buffer.byteLength(x)), Buffer.from(x, 'utf8')]);
const ns = (x: string | null): Buffer => (x === null ? u32(0xffffffff) : s(x));
const list = (xs: string[]): Buffer => Buffer.concat([u32(xs.length), ...xs.map(s)]);
const normalize = (e: LedgerEntry): LedgerEntry => ({
  ...e, childIds: [...canonicalSet(e.childIds)], fields: [...canonicalSet(e.fields)],
});

describe('规范编码', () => {
  it('字节布局与格式说明逐字节一致（集合已排序去重）', () => {
    const e = { ...sampleEntry(0x0102030405), requestId: 'req-1' };
    const seq = Buffer.from([0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0x05]);
    const expected = Buffer.concat([
      Buffer.from([0x01]), seq, s(e.at), s('processing'), s('use'), ns('u-7'), ns('org-民政局'), ns('org-民政局'),
      ns('困境儿童帮扶'), ns('《个人信息保护法》第十三条第一款第三项'), list(['c-1', 'c-2']), list(['name', 'school']),
      ns('req-1'), s('allowed'), ns(null),
    ]);
    expect(encodeEntry(e)).toEqual(expected);
    expect(entryLeafHash(sm3Hash, e)).toEqual(leafHash(sm3Hash, expected));
  });

  it('固定样例的 SM3 叶哈希（跨语言实现对照用）', () => {
    expect(entryLeafHash(sm3Hash, sampleEntry(0)).toString('hex')).toBe(
      '949df2bdaf9b27b1fd657c279f16a2401bb49bfaf42efaeb068be245760d26a5',
    );
  });

  it('往返：decode(encode(e)) 等于规范化后的 e', () => {
    fc.assert(fc.property(entryArb, (e) => {
      expect(decodeEntry(encodeEntry(e))).toEqual(normalize(e));
    }), { numRuns: 500 });
  });

  it('集合顺序与重复不影响编码；逻辑不同的条目编码不同', () => {
    fc.assert(fc.property(entryArb, entryArb, fc.nat(), (a, b, k) => {
      const shuffled = { ...a, childIds: [...a.childIds].reverse().concat(a.childIds.slice(0, k % 3)), fields: [...a.fields].reverse() };
      expect(encodeEntry(shuffled)).toEqual(encodeEntry(a));
      const same = JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
      expect(encodeEntry(a).equals(encodeEntry(b))).toBe(same);
    }), { numRuns: 500 });
  });

  it('手写的 UTF-8 与 Node 的编码逐字节一致', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (x) => {
      const bytes = encodeEntry({ ...sampleEntry(), reason: x });
      expect(bytes.subarray(bytes.length - Buffer.byteLength(x))).toEqual(Buffer.from(x, 'utf8'));
    }), { numRuns: 1000 });
  });

  it('集合按 UTF-8 字节序排序（与码点序一致，不是 UTF-16 码元序）', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
      expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
    }), { numRuns: 1000 });
    const e = { ...sampleEntry(), childIds: ['\u{1F600}', '\uFF5E'] }; // U+FF5E < U+1F600，但 UTF-16 下相反
    expect(decodeEntry(encodeEntry(e)).childIds).toEqual(['\uFF5E', '\u{1F600}']);
  });
});

describe('拒绝无效值', () => {
  const bad: Array<[string, Partial<Record<keyof LedgerEntry, unknown>>]> = [
    ['seq', { seq: 1.5 }], ['seq', { seq: -1 }], ['seq', { seq: Number.NaN }], ['seq', { seq: 2 ** 53 }], ['seq', { seq: '1' }],
    ['at', { at: '2026-11-22T08:00:00Z' }], ['at', { at: '2026-11-22T16:00:00.000+08:00' }], ['at', { at: '2026-02-29T00:00:00.000Z' }],
    ['at', { at: '2026-11-22T24:00:00.000Z' }], ['at', { at: '2026-11-22t08:00:00.000z' }], ['at', { at: '2026-13-01T00:00:00.000Z' }],
    ['category', { category: 'audit' }], ['outcome', { outcome: 'ok' }], ['act', { act: 'export' }],
    ['act', { category: 'security', act: 'Login' }], ['act', { category: 'admin', act: '' }],
    ['actorUserId', { actorUserId: undefined }], ['purpose', { purpose: 42 }], ['reason', { reason: 'a\uD800b' }], ['basis', { basis: 'x\uDC00' }], ['requestId', { requestId: 'r\uD83D' }],
    ['childIds', { childIds: 'c-1' }], ['fields', { fields: ['name', null] }],
  ];
  for (const [field, patch] of bad) {
    it(`${field} = ${JSON.stringify(Object.values(patch)[0]) ?? 'undefined'}`, () => {
      const e = { ...sampleEntry(), ...patch } as LedgerEntry;
      expect(() => encodeEntry(e)).toThrow(LedgerEntryError);
      try { encodeEntry(e); } catch (err) { expect((err as LedgerEntryError).field).toBe(field); }
    });
  }

  it('时间校验与 Date#toISOString 往返等价', () => {
    expect(isIsoUtcMillis('2024-02-29T23:59:59.999Z')).toBe(true);
    expect(isIsoUtcMillis('2100-02-29T00:00:00.000Z')).toBe(false);
    fc.assert(fc.property(fc.date({ noInvalidDate: true, min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z') }), fc.nat(23), fc.nat(9), (d, pos, digit) => {
      const iso = d.toISOString();
      expect(isIsoUtcMillis(iso)).toBe(true);
      const mutated = iso.slice(0, pos) + String(digit) + iso.slice(pos + 1);
      const parsed = new Date(mutated);
      const roundTrips = !Number.isNaN(parsed.getTime()) && parsed.toISOString() === mutated;
      expect(isIsoUtcMillis(mutated)).toBe(roundTrips);
    }), { numRuns: 2000 });
  });

  it('解码只接受规范字节', () => {
    const good = encodeEntry(sampleEntry());
    const cases: Buffer[] = [
      Buffer.concat([Buffer.from([0x02]), good.subarray(1)]), // 未知版本
      Buffer.concat([good, Buffer.from([0])]), // 尾部多余
      good.subarray(0, good.length - 1), // 截断
      encodeEntryUnsorted(), // 集合未排序
      Buffer.concat([good.subarray(0, 9), u32(0xffffffff), good.subarray(9 + 28)]), // at 为 null
    ];
    for (const c of cases) expect(() => decodeEntry(c)).toThrow(LedgerEntryError);
    const badUtf8 = Buffer.from(good);
    badUtf8[9 + 4] = 0xff; // at 的首字节
    expect(() => decodeEntry(badUtf8)).toThrow(LedgerEntryError);
  });
});

function encodeEntryUnsorted(): Buffer {
  const e = { ...sampleEntry(), childIds: ['c-1', 'c-2'] };
  const bytes = encodeEntry(e);
  const sorted = Buffer.concat([s('c-1'), s('c-2')]);
  const at = bytes.indexOf(sorted);
  return Buffer.concat([bytes.subarray(0, at), s('c-2'), s('c-1'), bytes.subarray(at + sorted.length)]);
}
