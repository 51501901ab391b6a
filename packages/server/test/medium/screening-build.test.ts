import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scanner, ScreeningPackage } from '@hutong/screen';
import type { AppContext } from '../../src/context.ts';
import { createChild } from '../../src/registry/registry.service.ts';
import { addGuardian, deleteChild, updateChild } from '../../src/registry/registry-write.service.ts';
import { buildScreeningPackage, childIdOfRef } from '../../src/screen/index.ts';
import type { Actor } from '../../src/shared/http/actor.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { actorFor, insertOrg, syntheticChild } from '../helpers/registry-fixtures.ts';

const GULOU = '350102000000';       // 福州市鼓楼区
const GULOU_T1 = '350102001000';    // 鼓东街道
const ZHONGSHAN = '350102001001';   // 鼓东街道 中山社区
const TAIJIANG_V = '350103001002';  // 台江区 瀛洲街道 建海社区
const notice = { purpose: '关爱服务', method: '线下', categories: '姓名、就读学校', retention: '服务结束', rights: '可查询、撤回', contact: '0591-00000000' };
const today = () => new Date().toISOString().slice(0, 10);

let ctx: AppContext;
let officer: Actor, director: Actor;
const ids: Record<string, string> = {};

async function processEntries(reason: string) {
  return ctx.db.selectFrom('ledger_entries').selectAll().where('reason', 'like', `${reason}%`).orderBy('id').execute();
}

/** Children named by screen_fingerprints entries since `afterId`: exactly those re-derived. */
async function derivedSince(afterId: number): Promise<string[]> {
  const rows = await ctx.db.selectFrom('ledger_entries').select(['id', 'child_ids']).where('reason', '=', 'screen_fingerprints').where('id', '>', afterId).execute();
  return rows.flatMap((r) => r.child_ids).sort();
}

async function lastEntryId(): Promise<number> {
  return Number((await ctx.db.selectFrom('ledger_entries').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
}

const scanWith = (bytes: Buffer, text: string) => new Scanner(ScreeningPackage.fromBytes(bytes).assertCurrent()).scan(text);

beforeAll(async () => {
  ctx = await createTestContext();
  const county = await insertOrg(ctx, { type: 'civil_affairs', region: GULOU });
  const township = await insertOrg(ctx, { type: 'civil_affairs', region: GULOU_T1 });
  const welfare = await insertOrg(ctx, { type: 'welfare_institution', region: GULOU });
  const taijiang = await insertOrg(ctx, { type: 'civil_affairs', region: '350103000000' });
  officer = await actorFor(ctx, county, 'protection_officer');
  director = await actorFor(ctx, township, 'child_director', ZHONGSHAN);
  ids.A = (await createChild(ctx, director, syntheticChild(ZHONGSHAN, { name: '龚梓骁', school: '鼓东实验小学', guardians: [{ name: '蔺秀蓉', relation: '祖母', phone: '13800000001' }] }))).id;
  ids.B = (await createChild(ctx, director, syntheticChild(ZHONGSHAN, { name: '欧阳沐晴', school: '鼓东实验小学', guardians: [{ name: '欧阳建国', relation: '父亲', phone: '13800000002' }] }))).id;
  ids.C = (await createChild(ctx, director, syntheticChild(ZHONGSHAN, { name: '覃若溪', guardians: [{ name: '覃志远', relation: '父亲', phone: '13800000003' }] }))).id;
  // Another org line in the same district: a welfare institution, registering with consent in hand (第十二条).
  const w = syntheticChild(ZHONGSHAN, { name: '邝芷若', school: '鼓楼第三中心小学', guardians: [{ name: '邝浩然', relation: '父亲', phone: '13800000004' }] });
  delete (w as Record<string, unknown>).idNumber;
  delete (w as Record<string, unknown>).health;
  ids.W = (await createChild(ctx, await actorFor(ctx, welfare, 'civil_affairs_officer'), { ...w, consent: { givenBy: 'guardian', purposes: ['care_service'], givenOn: today(), method: 'in_person', notice } } as never)).id;
  // Outside the officer's jurisdiction.
  ids.T = (await createChild(ctx, await actorFor(ctx, taijiang, 'child_director', TAIJIANG_V), syntheticChild(TAIJIANG_V, { name: '廖嘉禾', guardians: [{ name: '廖亦凡', relation: '父亲', phone: '13800000005' }] }))).id;
});
afterAll(async () => ctx?.close());

describe('screening build: who may build (第五条)', () => {
  it('refuses a role without screen.build, ledgers the refusal and writes nothing', async () => {
    await expect(buildScreeningPackage(ctx, director)).rejects.toMatchObject({ statusCode: 403, code: 'HUTONG_FORBIDDEN', details: { article: '《困境儿童个人信息保护工作办法》第五条' } });
    const denied = await processEntries('screen_package_build');
    expect(denied.map((e) => [e.act, e.outcome])).toEqual([['process', 'denied']]);
    expect(Number((await ctx.db.selectFrom('screening_packages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    expect(Number((await ctx.db.selectFrom('screening_prints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('refuses a validity outside 1–90 days before touching the registry', async () => {
    const before = await lastEntryId();
    await expect(buildScreeningPackage(ctx, officer, { validDays: 365 })).rejects.toMatchObject({ statusCode: 400, code: 'HUTONG_VALIDATION' });
    expect(await derivedSince(before)).toEqual([]);
  });
});

describe('screening build: the package', () => {
  let first: Buffer;

  it('covers every child in the jurisdiction whichever org holds it, and no child outside it', async () => {
    const before = await lastEntryId();
    const { bytes, report } = await buildScreeningPackage(ctx, officer);
    first = bytes;
    expect(report).toMatchObject({ version: 1, epoch: 1, children: 4, derived: 4, reused: 0, removed: 0 });
    expect(await derivedSince(before)).toEqual([ids.A, ids.B, ids.C, ids.W].sort());
    const header = ScreeningPackage.fromBytes(bytes).header;
    expect(header.expiresAt.getTime() - header.createdAt.getTime()).toBe(30 * 86_400_000);

    const [a] = scanWith(bytes, '鼓楼区中山社区的龚梓骁，奶奶蔺秀蓉');
    expect(await childIdOfRef(ctx.db, Buffer.from(a!.child, 'hex'))).toBe(ids.A);
    const [w] = scanWith(bytes, '鼓楼第三中心小学的邝芷若');
    expect(await childIdOfRef(ctx.db, Buffer.from(w!.child, 'hex'))).toBe(ids.W);
    expect(scanWith(bytes, '建海社区的廖嘉禾，父亲廖亦凡')).toEqual([]);
    expect(scanWith(bytes, '龚梓骁')).toEqual([]);
  });

  it('ledgers one 加工 entry per owning org naming children and fields, never a value, and one for the build', async () => {
    const entries = await processEntries('screen_');
    const derive = entries.filter((e) => e.reason === 'screen_fingerprints');
    expect(derive.every((e) => e.act === 'process' && e.outcome === 'allowed' && /第五条/u.test(e.basis ?? ''))).toBe(true);
    expect(derive.map((e) => e.fields)).toEqual(derive.map(() => ['guardianName', 'idNumber', 'name', 'regionCode', 'school']));
    expect(new Set(derive.map((e) => e.accountable_org_id)).size).toBe(2);
    const build = entries.filter((e) => e.reason?.startsWith('screen_package_build:'));
    expect(build.map((e) => [e.act, e.outcome, e.reason])).toEqual([['process', 'succeeded', 'screen_package_build:v1:epoch1:children4:derived4']]);
    const text = JSON.stringify(entries);
    for (const v of ['龚梓骁', '蔺秀蓉', '邝芷若', '鼓东实验小学', '中山社区']) expect(text).not.toContain(v);
  });

  it('holds no name, school, place or ID number of the registry', async () => {
    for (const v of ['龚梓骁', '蔺秀蓉', '欧阳沐晴', '邝芷若', '鼓东实验小学', '中山社区', '鼓东街道']) {
      expect(first.includes(Buffer.from(v, 'utf8')), v).toBe(false);
      expect(first.includes(Buffer.from(v, 'utf16le')), v).toBe(false);
    }
    const prints = await ctx.db.selectFrom('screening_prints').select(['prints', 'ref']).execute();
    expect(prints).toHaveLength(4);
    for (const p of prints) for (const v of ['龚梓骁', '蔺秀蓉', '中山社区']) expect(p.prints.includes(Buffer.from(v, 'utf8'))).toBe(false);
  });
});

describe('screening build: incremental rebuild', () => {
  it('re-derives nothing when nothing changed', async () => {
    const before = await lastEntryId();
    const { report } = await buildScreeningPackage(ctx, officer);
    expect(report).toMatchObject({ version: 2, epoch: 1, children: 4, derived: 0, reused: 4, removed: 0 });
    expect(await derivedSince(before)).toEqual([]);
  });

  it('re-derives exactly the children whose record or guardians changed, and drops deleted ones', async () => {
    await updateChild(ctx, director, ids.A!, { school: '鼓东第二小学', purpose: 'social_assistance' });
    await addGuardian(ctx, director, ids.B!, { name: '韦语桐', relation: '母亲', phone: '13800000009', purpose: 'social_assistance' });
    await deleteChild(ctx, director, ids.C!, '测试：救助终止');
    const before = await lastEntryId();
    const { bytes, report } = await buildScreeningPackage(ctx, officer);
    expect(report).toMatchObject({ version: 3, epoch: 1, children: 3, derived: 2, reused: 1, removed: 1 });
    expect(await derivedSince(before)).toEqual([ids.A, ids.B].sort());
    expect(scanWith(bytes, '鼓东第二小学的龚梓骁').map((h) => h.child)).toHaveLength(1);
    expect(scanWith(bytes, '鼓东实验小学的龚梓骁')).toEqual([]);
    expect(scanWith(bytes, '欧阳沐晴的妈妈韦语桐')).toHaveLength(1);
    expect(scanWith(bytes, '中山社区的覃若溪，父亲覃志远')).toEqual([]);
    expect(await ctx.db.selectFrom('screening_prints').select('child_id').where('child_id', '=', ids.C!).executeTakeFirst()).toBeUndefined();
  });

  it('a new key epoch re-derives everyone, and the old package matches nothing of the new one', async () => {
    const before = await lastEntryId();
    const old = (await buildScreeningPackage(ctx, officer)).bytes;
    const { bytes, report } = await buildScreeningPackage(ctx, officer, { rekey: true, validDays: 7 });
    expect(report).toMatchObject({ epoch: 2, children: 3, derived: 3, reused: 0 });
    expect(await derivedSince(before)).toEqual([ids.A, ids.B, ids.W].sort());
    const fp = (b: Buffer) => {
      const pkg = ScreeningPackage.fromBytes(b);
      return new Set(pkg.table.columns.hi);
    };
    const oldHi = fp(old);
    expect([...fp(bytes)].filter((h) => oldHi.has(h))).toEqual([]);
    // References stay the same across epochs: the platform's incidents about one child line up.
    expect(scanWith(bytes, '中山社区的龚梓骁')[0]!.child).toBe(scanWith(old, '中山社区的龚梓骁')[0]!.child);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM screening_packages WHERE key_epoch = 2`.execute(ctx.db);
    expect(rows.rows[0]!.n).toBe(1);
  });
});
