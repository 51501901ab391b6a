import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isIsoDate, type OrgType } from '@hutong/core';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { createChild, getChild, today } from '../../src/registry/registry.service.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import { openEmergencyAccess } from '../../src/registry/emergency.service.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { actorFor, syntheticChild } from '../helpers/registry-fixtures.ts';

/**
 * Synthetic children only. 鼓楼区 (county) holds two 街道: 鼓东 (A) with villages A1 and A2,
 * 鼓西 (B) with B1. Each 街道 office registers its own children; the county bureau sees both.
 *   A1: 5 left-behind + 1 orphan (one turning 14 soon); A2: 2 left-behind; B1: 3 migrant.
 */
const COUNTY = '350102000000', TOWN_A = '350102001000', A1 = '350102001001', A2 = '350102001002', TOWN_B = '350102002000', B1 = '350102002002';
const notice = { purpose: '关爱服务', method: '入户走访', categories: '姓名、联系方式', retention: '服务结束', rights: '可查询、撤回', contact: '0591-00000000' };

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const userIds: Record<string, string> = {};
const ids = { a: [] as string[], b: [] as string[] };
let turningId = '';

interface Count { count: number | null; suppressed: boolean }
interface Cell extends Count { key: string; label: string }
interface Dashboard {
  todo: Array<{ kind: string; count: number; items: Array<{ id: string; title: string; note: string; childId?: string }> }>;
  figures?: { children: Count; byCategory: Cell[]; byRegion: Cell[]; regionLevel: string; consent: { covered: Count; notCovered: Count; share: number | null } };
}

function shift(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A birth date whose 14th birthday falls `days` from today (never 29 February). */
function bornFourteenYearsBefore(days: number): string {
  for (let d = days; ; d++) {
    const birthday = shift(today(), d);
    const birth = `${Number(birthday.slice(0, 4)) - 14}${birthday.slice(4)}`;
    if (isIsoDate(birth)) return birth;
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: COUNTY });
  const townA = await createOrg(ctx, { type: 'civil_affairs', regionCode: TOWN_A });
  const townB = await createOrg(ctx, { type: 'civil_affairs', regionCode: TOWN_B });
  const social = await createOrg(ctx, { type: 'social_org', regionCode: COUNTY });
  const hospital = await createOrg(ctx, { type: 'medical', regionCode: COUNTY });
  const sign = async (key: string, u: { role: string; orgId?: string | null; jurisdiction?: string }) => {
    const s = await signInAs(app, ctx, u as never);
    cookies[key] = s.cookie;
    userIds[key] = s.user.id;
  };
  await sign('admin', { role: 'admin', orgId: null, jurisdiction: '000000000000' });
  await sign('auditor', { role: 'auditor', orgId: county.id });
  await sign('county', { role: 'civil_affairs_officer', orgId: county.id });
  await sign('protection', { role: 'protection_officer', orgId: county.id });
  await sign('director', { role: 'child_director', orgId: townA.id, jurisdiction: A1 });
  await sign('townB', { role: 'civil_affairs_officer', orgId: townB.id });
  await sign('worker', { role: 'social_worker', orgId: social.id });

  const as = (o: { id: string; type: string; regionCode: string }) => actorFor(ctx, { id: o.id, type: o.type as OrgType, region: o.regionCode }, 'civil_affairs_officer');
  const officerA = await as(townA), officerB = await as(townB);
  const add = async (actor: typeof officerA, region: string, categories: string[], over: Record<string, unknown> = {}) => {
    const { id } = await createChild(ctx, actor, syntheticChild(region, { categories, ...over }));
    return id;
  };
  for (let i = 0; i < 5; i++) ids.a.push(await add(officerA, A1, ['left_behind']));
  const birthDate = bornFourteenYearsBefore(20);
  turningId = await add(officerA, A1, ['orphan'], { birthDate, idNumber: undefined });
  ids.a.push(turningId);
  for (let i = 0; i < 2; i++) ids.a.push(await add(officerA, A2, ['left_behind']));
  for (let i = 0; i < 3; i++) ids.b.push(await add(officerB, B1, ['migrant']));
  // Every child of A1 has a guardian's consent on file; A2 and B1 none.
  for (const id of ids.a.slice(0, 6)) {
    const guardianId = (await getChild(ctx, officerA, id)).guardians[0]!.id;
    await recordConsent(ctx, officerA, id, { givenBy: 'guardian', guardianId, purposes: ['care_service'], givenOn: today(), method: 'in_person', notice });
  }

  const common = { purpose: 'care_service', child_ids: [] as string[], fields: ['name', 'guardianPhone'], security_measures: '专人专机', responsible_person: JSON.stringify({ name: '测试负责人', title: '主管', phone: '0591-00000001' }) };
  // A request awaiting the county's approval, and an approved grant to the social org ending in 10 days.
  await ctx.db.insertInto('sharing_agreements').values({
    ...common, id: randomUUID(), requester_org_id: social.id, owner_org_id: county.id, region_code: TOWN_A, starts_on: today(), ends_on: shift(today(), 30), requested_by: userIds.worker!, status: 'requested',
  }).execute();
  await ctx.db.insertInto('sharing_agreements').values({
    ...common, id: randomUUID(), requester_org_id: social.id, owner_org_id: county.id, region_code: TOWN_A, starts_on: today(), ends_on: shift(today(), 10), requested_by: userIds.worker!, status: 'approved',
    decided_by: userIds.protection!, decided_at: new Date(), granted_fields: ['name'], granted_ends_on: shift(today(), 10), granted_named: false, granted_child_count: 8,
  }).execute();

  const doctor = await actorFor(ctx, { id: hospital.id, type: 'medical', region: COUNTY }, 'department_staff');
  const raw = syntheticChild(A1, { categories: ['left_behind'] });
  ids.a.push((await createChild(ctx, officerA, raw)).id);
  await openEmergencyAccess(ctx, doctor, raw.idNumber, '儿童在校突发昏迷送医，急需联系监护人');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function dashboard(who: string): Promise<Dashboard> {
  const res = await app.inject({ method: 'GET', url: '/api/dashboard', headers: { cookie: cookies[who]! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dashboard;
}

const figuresEntries = (who: string) => ctx.db.selectFrom('ledger_entries').selectAll()
  .where('actor_user_id', '=', userIds[who]!).where('reason', '=', 'dashboard_figures').orderBy('id').execute();
const cell = (cells: Cell[], key: string) => cells.find((c) => c.key === key);
const kinds = (d: Dashboard) => d.todo.map((t) => t.kind);

describe('GET /api/dashboard', () => {
  it('admin and auditor get no figures and no child to-do', async () => {
    for (const who of ['admin', 'auditor']) {
      const d = await dashboard(who);
      expect(d.figures).toBeUndefined();
      expect(d.todo).toEqual([]);
      expect(await figuresEntries(who)).toEqual([]);
    }
  });

  it('a child director sees their village: the child turning 14, and the lone orphan hidden with its complement', async () => {
    const d = await dashboard('director');
    expect(kinds(d)).toEqual(['turningFourteen', 'deletionTasks']);
    const turning = d.todo.find((t) => t.kind === 'turningFourteen')!;
    expect(turning.count).toBe(1);
    expect(turning.items[0]).toMatchObject({ childId: turningId, note: expect.stringContaining('中山社区') });
    // A masked name only.
    expect(turning.items[0]!.title).toMatch(/\*/u);
    const f = d.figures!;
    expect(f.children).toEqual({ count: 7, suppressed: false });
    expect(f.regionLevel).toBe('村级');
    expect(f.byRegion).toEqual([{ key: A1, label: '中山社区', count: 7, suppressed: false }]);
    // 1 orphan is under 5; 6 left-behind would give it back from the total of 7, so it goes too.
    expect(cell(f.byCategory, 'orphan')).toMatchObject({ count: null, suppressed: true });
    expect(cell(f.byCategory, 'left_behind')).toMatchObject({ count: null, suppressed: true });
    expect(cell(f.byCategory, 'migrant')).toMatchObject({ count: 0, suppressed: false });
    // 6 of 7 have a consent: the one without would be a cell of 1, so both go and no share is given.
    expect(f.consent).toEqual({ covered: { count: null, suppressed: true }, notCovered: { count: null, suppressed: true }, share: null });
  });

  it('a county officer sees townships; a township under 5 is hidden and so is its complement; consent coverage is shown', async () => {
    const d = await dashboard('county');
    expect(kinds(d)).toEqual(['expiringGrants', 'turningFourteen', 'deletionTasks']);
    const f = d.figures!;
    expect(f.children).toEqual({ count: 12, suppressed: false });
    expect(f.regionLevel).toBe('乡级');
    expect(f.byRegion).toEqual([
      { key: TOWN_A, label: '鼓东街道', count: null, suppressed: true },
      { key: TOWN_B, label: '鼓西街道', count: null, suppressed: true },
    ]);
    // Two cells under 5 (orphan 1, migrant 3): neither can be derived, left-behind 8 stays.
    expect(cell(f.byCategory, 'left_behind')).toMatchObject({ count: 8, suppressed: false });
    expect(cell(f.byCategory, 'orphan')).toMatchObject({ count: null, suppressed: true });
    expect(cell(f.byCategory, 'migrant')).toMatchObject({ count: null, suppressed: true });
    expect(f.consent).toEqual({ covered: { count: 6, suppressed: false }, notCovered: { count: 6, suppressed: false }, share: 0.5 });
    // No cell anywhere carries a number under 5 other than 0.
    for (const c of [...f.byCategory, ...f.byRegion]) expect(c.count === null || c.count === 0 || c.count >= 5).toBe(true);
  });

  it('ledgers the category reading once per page, field names only, and serves the same figures for 60 s', async () => {
    const before = await figuresEntries('county');
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ act: 'use', fields: ['categories'], outcome: 'allowed' });
    expect([...before[0]!.child_ids].sort()).toEqual([...ids.a, ...ids.b].sort());
    expect(JSON.stringify(before[0])).not.toContain('left_behind');
    await dashboard('county');
    expect(await figuresEntries('county')).toHaveLength(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      await dashboard('county');
      expect(await figuresEntries('county')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('another township sees none of the first township’s children', async () => {
    const d = await dashboard('townB');
    const f = d.figures!;
    // 3 children: the total and every cell are under 5.
    expect(f.children).toEqual({ count: null, suppressed: true });
    expect(f.byRegion).toEqual([{ key: B1, label: '梦山社区', count: null, suppressed: true }]);
    expect(f.byCategory.every((c) => c.suppressed)).toBe(true);
    expect(d.todo.find((t) => t.kind === 'turningFourteen')).toEqual({ kind: 'turningFourteen', count: 0, items: [] });
    const [entry] = await figuresEntries('townB');
    expect([...entry!.child_ids].sort()).toEqual([...ids.b].sort());
  });

  it('the protection officer approves sharing and reviews emergency reads; the recipient sees its grant running out', async () => {
    const p = await dashboard('protection');
    expect(kinds(p)).toEqual(['sharingApprovals', 'expiringGrants', 'turningFourteen', 'deletionTasks', 'emergencyReviews']);
    expect(p.todo.find((t) => t.kind === 'sharingApprovals')).toMatchObject({ count: 1, items: [{ note: expect.stringContaining('关爱服务') }] });
    expect(p.todo.find((t) => t.kind === 'emergencyReviews')).toMatchObject({ count: 1 });
    const w = await dashboard('worker');
    expect(w.todo.find((t) => t.kind === 'expiringGrants')).toMatchObject({ count: 1, items: [{ note: expect.stringContaining(`${shift(today(), 10)} 到期`) }] });
    expect(w.todo.map((t) => t.kind)).not.toContain('sharingApprovals');
    // The social org holds no children of its own: nothing to count, nothing under 5 to show.
    expect(w.figures!.children).toEqual({ count: 0, suppressed: false });
  });
});
