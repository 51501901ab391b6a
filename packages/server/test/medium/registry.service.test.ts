import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { createChild, getChild, listChildren } from '../../src/registry/registry.service.ts';
import { addGuardian, addVisit, deleteChild, updateChild } from '../../src/registry/registry-write.service.ts';
import { childHistory } from '../../src/registry/child-history.service.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { actorFor, entriesFor, insertOrg, syntheticChild } from '../helpers/registry-fixtures.ts';

const GULOU = '350102000000';       // 福州市鼓楼区
const GULOU_T1 = '350102001000';    // 鼓东街道
const GULOU_V1 = '350102001001';    // 中山社区
const GULOU_T2_V = '350102002002';  // 鼓西街道 梦山社区
const TAIJIANG_V = '350103001002';  // 台江区

let ctx: AppContext;
let county: Awaited<ReturnType<typeof insertOrg>>;
let township: Awaited<ReturnType<typeof insertOrg>>;
let school: Awaited<ReturnType<typeof insertOrg>>;

beforeAll(async () => {
  ctx = await createTestContext();
  county = await insertOrg(ctx, { type: 'civil_affairs', region: GULOU });
  township = await insertOrg(ctx, { type: 'civil_affairs', region: GULOU_T1 });
  school = await insertOrg(ctx, { type: 'school', region: GULOU });
});
afterAll(async () => ctx?.close());

describe('registry: collect, read masked, reveal with purpose (第三、四条)', () => {
  it('stores a child and returns masked values by default, each read a 使用 entry', async () => {
    const officer = await actorFor(ctx, township, 'child_director', GULOU_V1);
    const input = syntheticChild(GULOU_V1, { name: '欧阳晓明' });
    const { id } = await createChild(ctx, officer, input);
    const detail = await getChild(ctx, officer, id);
    const direct = detail.groups.find((g) => g.sensitivity === 'direct')!;
    expect(direct.fields.find((f) => f.key === 'name')).toMatchObject({ value: '欧***', masked: true });
    const idField = direct.fields.find((f) => f.key === 'idNumber')!;
    expect(idField.value).toMatch(/^3501\*{10}\d{3}[\dX]$/u);
    expect(detail.groups.find((g) => g.sensitivity === 'sensitive')!.fields.find((f) => f.key === 'health')!.value).toBe('***');

    const revealed = await getChild(ctx, officer, id, { purpose: 'social_assistance', justification: '核实低保申请' });
    expect(revealed.groups.flatMap((g) => g.fields).find((f) => f.key === 'name')).toMatchObject({ value: '欧阳晓明', masked: false });
    expect(revealed.guardians[0]!.fields.find((f) => f.key === 'guardianName')!.value).toBe(input.guardians[0]!.name);

    const entries = await entriesFor(ctx, id).execute();
    expect(entries.map((e) => [e.act, e.outcome, e.reason?.split(':')[0] ?? null])).toEqual([
      ['collect', 'succeeded', null], ['use', 'allowed', 'masked_view'], ['use', 'allowed', 'revealed'],
    ]);
    expect(entries[2]!.purpose).toBe('social_assistance');
    // Minimum necessary (第七条; 个人信息保护法 第六条): abuse records are outside social assistance, so they stay unread.
    expect(entries[2]!.fields).toContain('name');
    expect(entries[2]!.fields).not.toContain('abuseVictim');
    expect(revealed.basis!.strippedFields).toEqual(expect.arrayContaining(['abuseVictim', 'disability']));
    // A stripped field is not returned at all, not even masked (no basis today for any purpose).
    expect(revealed.groups.flatMap((g) => g.fields).find((f) => f.key === 'abuseVictim')).toEqual({ key: 'abuseVictim', label: '遭受侵害情况', value: null, masked: true, withheld: true });
    expect(entries[2]!.basis).toMatch(/第十三条第一款第三项/u);
    // Field names only: no value of the child appears in any ledger column.
    expect(JSON.stringify(entries)).not.toContain('欧阳晓明');
    expect(JSON.stringify(entries)).not.toContain(input.idNumber);
  });

  it('refuses a forbidden purpose (第十五条) and records the refusal', async () => {
    const officer = await actorFor(ctx, county, 'civil_affairs_officer');
    const { id } = await createChild(ctx, officer, syntheticChild(GULOU_T2_V));
    await expect(getChild(ctx, officer, id, { purpose: 'fundraising' })).rejects.toMatchObject({ statusCode: 403, details: { article: expect.stringContaining('第十五条') } });
    const denied = await ctx.db.selectFrom('ledger_entries').selectAll().where('outcome', '=', 'denied').where('purpose', '=', 'fundraising').execute();
    expect(denied).toHaveLength(1);
  });

  it('rejects bad input with a Chinese message per field and writes nothing', async () => {
    const officer = await actorFor(ctx, county, 'civil_affairs_officer');
    const before = await ctx.db.selectFrom('children').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ledgerBefore = await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = syntheticChild(GULOU_V1, { idNumber: '350102201001010011', categories: ['外星儿童'], birthDate: '2013-02-30', phone: '12345' });
    const err = await createChild(ctx, officer, bad).catch((e) => e);
    expect(err.statusCode).toBe(400);
    const fields = err.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['birthDate', 'categories', 'phone']));
    expect(err.message).toMatch(/出生日期/u);
    const after = await ctx.db.selectFrom('children').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ledgerAfter = await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(ledgerAfter.n).toBe(ledgerBefore.n);
  });

  it('validates the ID number: check digit, region, birth date agreement, duplicates', async () => {
    const officer = await actorFor(ctx, county, 'civil_affairs_officer');
    const good = syntheticChild(GULOU_V1);
    const wrongCheck = good.idNumber.slice(0, 17) + (good.idNumber[17] === '1' ? '2' : '1');
    await expect(createChild(ctx, officer, { ...good, idNumber: wrongCheck })).rejects.toMatchObject({ details: { fields: [{ field: 'idNumber', message: expect.stringContaining('校验码') }] } });
    await expect(createChild(ctx, officer, { ...good, birthDate: '2011-01-01' })).rejects.toMatchObject({ details: { fields: [{ field: 'idNumber', message: expect.stringContaining('不一致') }] } });
    await createChild(ctx, officer, good);
    await expect(createChild(ctx, officer, { ...good })).rejects.toMatchObject({ details: { fields: [{ field: 'idNumber', message: '该身份证号已登记' }] } });
  });
});

describe('jurisdiction (未成年人网络保护条例 第三十六条)', () => {
  it('a user sees only children in their subtree and their org line; others get 404', async () => {
    const director = await actorFor(ctx, township, 'child_director', GULOU_V1);
    const otherTownship = await insertOrg(ctx, { type: 'civil_affairs', region: '350102002000' });
    const outsider = await actorFor(ctx, otherTownship, 'child_director', GULOU_T2_V);
    const teacher = await actorFor(ctx, school, 'department_staff');
    const { id } = await createChild(ctx, director, syntheticChild(GULOU_V1, { name: '周思远' }));

    const countyOfficer = await actorFor(ctx, county, 'civil_affairs_officer');
    expect((await listChildren(ctx, countyOfficer, { q: '周思远' })).total).toBe(1);
    for (const a of [outsider, teacher]) {
      expect((await listChildren(ctx, a, { q: '周思远' })).total).toBe(0);
      await expect(getChild(ctx, a, id)).rejects.toMatchObject({ statusCode: 404 });
      await expect(childHistory(ctx, a, id)).rejects.toMatchObject({ statusCode: 404 });
    }
    // Writes: another township's director finds nothing; a teacher may not write at all.
    await expect(updateChild(ctx, outsider, id, { grade: '三年级' })).rejects.toMatchObject({ statusCode: 404 });
    await expect(addVisit(ctx, outsider, id, { visitedOn: '2026-01-01', kind: 'home', notes: 'x' })).rejects.toMatchObject({ statusCode: 404 });
    await expect(updateChild(ctx, teacher, id, { grade: '三年级' })).rejects.toMatchObject({ statusCode: 403 });
    const denied = (await entriesFor(ctx, id).execute()).filter((e) => e.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });

  it('cannot register a child outside the jurisdiction', async () => {
    const director = await actorFor(ctx, township, 'child_director', GULOU_V1);
    await expect(createChild(ctx, director, syntheticChild(TAIJIANG_V))).rejects.toMatchObject({ statusCode: 400, details: { fields: [{ field: 'regionCode' }] } });
  });

  it('admin and auditor cannot read records at all (separation of duties)', async () => {
    for (const role of ['admin', 'auditor'] as const) {
      const a = await actorFor(ctx, county, role);
      await expect(listChildren(ctx, a, {})).rejects.toMatchObject({ statusCode: 403 });
    }
  });
});

describe('edits, guardians, visits, deletion by crypto-shredding', () => {
  it('updates re-validate the merged record and record a 存储 entry with the changed field names', async () => {
    const officer = await actorFor(ctx, county, 'civil_affairs_officer');
    const { id } = await createChild(ctx, officer, syntheticChild(GULOU_V1));
    const r = await updateChild(ctx, officer, id, { grade: '四年级', school: '鼓楼第二中心小学' });
    expect(r.changed.sort()).toEqual(['grade', 'school']);
    await expect(updateChild(ctx, officer, id, { birthDate: '2000-01-01' })).rejects.toMatchObject({ statusCode: 400 });
    expect((await listChildren(ctx, officer, { school: '鼓楼第二中心小学' })).items.map((c) => c.id)).toContain(id);
    await addGuardian(ctx, officer, id, { name: '李测试', relation: '母亲', phone: '13912345678' });
    await addVisit(ctx, officer, id, { visitedOn: '2026-03-01', kind: 'home', notes: '家中整洁，儿童状态良好' });
    const d = await getChild(ctx, officer, id, { purpose: 'social_assistance' });
    expect(d.guardians).toHaveLength(2);
    expect(d.visits[0]!.fields[0]!.value).toBe('家中整洁，儿童状态良好');
    const hist = await childHistory(ctx, officer, id);
    expect(hist.items.map((e) => e.act)).toEqual(expect.arrayContaining(['collect', 'store', 'use']));
  });

  it('deletion destroys the data key; the ledger keeps the history', async () => {
    const officer = await actorFor(ctx, county, 'civil_affairs_officer');
    const { id } = await createChild(ctx, officer, syntheticChild(GULOU_V1, { name: '吴可馨' }));
    await deleteChild(ctx, officer, id, '监护人撤回同意');
    const row = await ctx.db.selectFrom('children').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.data_key_wrapped).toBeNull();
    expect(row.fields_enc).toEqual({});
    await expect(getChild(ctx, officer, id)).rejects.toMatchObject({ statusCode: 404 });
    const del = (await entriesFor(ctx, id).execute()).filter((e) => e.act === 'delete');
    expect(del).toHaveLength(1);
  });
});
