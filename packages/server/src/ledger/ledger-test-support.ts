// 仅供测试：随机台账条目的生成器与一个固定样例。
import fc from 'fast-check';
import { PROCESSING_ACTS, type LedgerCategory, type LedgerEntry, type LedgerOutcome } from './canonical-entry.ts';

const text = fc.string({ unit: 'binary', maxLength: 12 });
const maybe = fc.option(text, { nil: null });
const set = fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 4 });

const categoryAndAct = fc.oneof(
  fc.record({ category: fc.constant<LedgerCategory>('processing'), act: fc.constantFrom(...PROCESSING_ACTS) }),
  fc.record({
    category: fc.constantFrom<LedgerCategory>('security', 'admin'),
    act: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
  }),
);

export const isoTime = fc
  .date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** 合法但取值随机的条目；seq 由调用方按需改写。 */
export const entryArb: fc.Arbitrary<LedgerEntry> = fc
  .record({
    seq: fc.maxSafeNat(),
    at: isoTime,
    ca: categoryAndAct,
    actorUserId: maybe,
    actorOrgId: maybe,
    accountableOrgId: maybe,
    purpose: maybe,
    basis: maybe,
    childIds: set,
    fields: set,
    requestId: maybe,
    outcome: fc.constantFrom<LedgerOutcome>('allowed', 'denied', 'succeeded', 'failed'),
    reason: maybe,
  })
  .map(({ ca, ...rest }) => ({ ...rest, category: ca.category, act: ca.act }));

export function sampleEntry(seq = 0): LedgerEntry {
  return {
    seq,
    at: '2026-11-22T08:00:00.000Z',
    category: 'processing',
    act: 'use',
    actorUserId: 'u-7',
    actorOrgId: 'org-民政局',
    accountableOrgId: 'org-民政局',
    purpose: '困境儿童帮扶',
    basis: '《个人信息保护法》第十三条第一款第三项',
    childIds: ['c-2', 'c-1'],
    fields: ['name', 'school', 'name'],
    requestId: null,
    outcome: 'allowed',
    reason: null,
  };
}
