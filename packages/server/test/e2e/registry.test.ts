import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { syntheticChild } from '../helpers/registry-fixtures.ts';

const GULOU = '350102000000';
const T1 = '350102001000';
const V1 = '350102001001';

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let childId = '';
let guardianId = '';
const secretName = '司马晨曦';

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: GULOU });
  const township = await createOrg(ctx, { type: 'civil_affairs', regionCode: T1 });
  const otherTownship = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102002000' });
  const otherCounty = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350103000000' });
  const school = await createOrg(ctx, { type: 'school', regionCode: GULOU });
  const socialOrg = await createOrg(ctx, { type: 'social_org', regionCode: GULOU });
  const users = {
    director: { role: 'child_director', orgId: township.id, jurisdiction: V1 },
    countyOfficer: { role: 'civil_affairs_officer', orgId: county.id },
    otherTownshipDirector: { role: 'child_director', orgId: otherTownship.id, jurisdiction: '350102002002' },
    otherCountyOfficer: { role: 'civil_affairs_officer', orgId: otherCounty.id },
    teacher: { role: 'department_staff', orgId: school.id },
    volunteer: { role: 'volunteer', orgId: socialOrg.id },
    auditor: { role: 'auditor', orgId: county.id },
    admin: { role: 'admin' },
  } as const;
  for (const [k, u] of Object.entries(users)) cookies[k] = (await signInAs(app, ctx, u as never)).cookie;
  const res = await app.inject({ method: 'POST', url: '/api/children', headers: { cookie: cookies.director! }, payload: syntheticChild(V1, { name: secretName }) });
  expect(res.statusCode, res.body).toBe(201);
  childId = res.json().id;
  const detail = await app.inject({ method: 'GET', url: `/api/children/${childId}`, headers: { cookie: cookies.director! } });
  guardianId = detail.json().guardians[0].id;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const call = (who: string, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, headers: { cookie: cookies[who]! }, ...(payload ? { payload: payload as object } : {}) });

describe('POST /api/children', () => {
  it('answers 400 problem+json naming each field, and writes nothing', async () => {
    const before = await ctx.db.selectFrom('children').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await call('director', 'POST', '/api/children', { ...syntheticChild(V1), idNumber: '350102201301010000', gender: '未知' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/u);
    const body = res.json();
    expect(body.code).toBe('HUTONG_VALIDATION');
    expect(body.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['gender', 'idNumber']));
    expect(body.detail).toMatch(/性别/u);
    const unknown = await call('director', 'POST', '/api/children', { ...syntheticChild(V1), favouriteColour: 'red' });
    expect(unknown.statusCode).toBe(400);
    const after = await ctx.db.selectFrom('children').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('GET /api/children/:id', () => {
  it('masks by default and reveals with a stated purpose', async () => {
    const masked = await call('countyOfficer', 'GET', `/api/children/${childId}`);
    expect(masked.statusCode).toBe(200);
    expect(masked.body).not.toContain(secretName);
    const full = await call('countyOfficer', 'GET', `/api/children/${childId}?purpose=social_assistance&justification=${encodeURIComponent('核实救助')}`);
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(secretName);
    expect(full.json().basis.purpose).toBe('social_assistance');
    const forbidden = await call('countyOfficer', 'GET', `/api/children/${childId}?purpose=livestream_commerce`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().article).toMatch(/第十五条/u);
  });
});

describe('/api/children/:id/guardians/:guardianId', () => {
  it('edits with re-validation and deletes with a reason, each a ledger entry', async () => {
    const add = await call('countyOfficer', 'POST', `/api/children/${childId}/guardians`, { name: '王测试', relation: '祖父' });
    expect(add.statusCode).toBe(201);
    const gid = add.json().id;
    const bad = await call('countyOfficer', 'PATCH', `/api/children/${childId}/guardians/${gid}`, { phone: '123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'phone' });
    const ok = await call('countyOfficer', 'PATCH', `/api/children/${childId}/guardians/${gid}`, { phone: '13811112222' });
    expect(ok.json()).toEqual({ id: gid, changed: ['guardianPhone'] });
    const shown = await call('countyOfficer', 'GET', `/api/children/${childId}?purpose=social_assistance`);
    expect(shown.json().guardians.find((g: { id: string }) => g.id === gid).fields.find((f: { key: string }) => f.key === 'guardianPhone').value).toBe('13811112222');
    expect((await call('countyOfficer', 'DELETE', `/api/children/${childId}/guardians/${gid}`, {})).statusCode).toBe(400);
    expect((await call('countyOfficer', 'DELETE', `/api/children/${childId}/guardians/${gid}`, { reason: '录入重复' })).statusCode).toBe(204);
    expect((await call('countyOfficer', 'PATCH', `/api/children/${childId}/guardians/${gid}`, { phone: '13811112222' })).statusCode).toBe(404);
    const acts = (await call('auditor', 'GET', `/api/ledger?childId=${childId}&pageSize=500`)).json().items.map((e: { act: string; reason: string | null }) => `${e.act}:${(e.reason ?? '').split(':')[0]}`);
    expect(acts).toEqual(expect.arrayContaining(['store:guardian_update', 'delete:guardian_remove']));
  });
});

describe('jurisdiction: every registry route, as users of other regions and org types', () => {
  const routes = (id: string): Array<[string, string, unknown?]> => [
    ['GET', `/api/children/${id}`],
    ['GET', `/api/children/${id}?purpose=care_service`],
    ['PATCH', `/api/children/${id}`, { grade: '五年级' }],
    ['DELETE', `/api/children/${id}`, { reason: '测试' }],
    ['POST', `/api/children/${id}/guardians`, { name: '外人', relation: '其他' }],
    ['POST', `/api/children/${id}/visits`, { visitedOn: '2026-01-05', kind: 'home', notes: '越权测试' }],
    ['GET', `/api/children/${id}/history`],
    ['PATCH', `/api/children/${id}/guardians/${guardianId}`, { phone: '13800000000' }],
    ['DELETE', `/api/children/${id}/guardians/${guardianId}`, { reason: '越权测试' }],
  ];

  it.each(['otherTownshipDirector', 'otherCountyOfficer', 'teacher', 'volunteer'])('%s learns nothing about the child', async (who) => {
    const list = await call(who, 'GET', `/api/children?q=${encodeURIComponent(secretName)}`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 0, items: [] });
    const all = await call(who, 'GET', '/api/children?pageSize=100');
    expect(all.body).not.toContain(childId);
    for (const [method, url, payload] of routes(childId)) {
      const res = await call(who, method, url, payload);
      expect([403, 404], `${who} ${method} ${url} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.body).not.toContain(secretName);
      expect(res.body).not.toContain(V1);
    }
    // A child that does not exist answers exactly like one out of reach.
    const ghost = await call(who, 'GET', '/api/children/00000000-0000-4000-8000-000000000000');
    const real = await call(who, 'GET', `/api/children/${childId}`);
    expect(real.statusCode).toBe(ghost.statusCode);
    expect(real.json().detail).toBe(ghost.json().detail);
  });

  it.each(['admin', 'auditor'])('%s cannot read the registry (separation of duties)', async (who) => {
    const res = await call(who, 'GET', '/api/children');
    expect(res.statusCode).toBe(403);
    for (const [method, url, payload] of routes(childId)) expect((await call(who, method, url, payload)).statusCode).toBe(403);
  });

  it('anonymous callers get 401 everywhere', async () => {
    for (const [method, url, payload] of [['GET', '/api/children'] as [string, string], ...routes(childId)]) {
      const res = await app.inject({ method: method as 'GET', url, ...(payload ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('the child is still intact after all those attempts', async () => {
    const res = await call('countyOfficer', 'GET', `/api/children/${childId}?purpose=social_assistance`);
    expect(res.statusCode).toBe(200);
    expect(res.json().guardians).toHaveLength(1);
    expect(res.json().visits).toHaveLength(0);
  });
});

describe('/api/ledger', () => {
  it('lets the auditor read and verify, and registry users not', async () => {
    const list = await call('auditor', 'GET', `/api/ledger?childId=${childId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(3);
    expect(list.body).not.toContain(secretName);
    const verify = await call('auditor', 'POST', '/api/ledger/verify');
    expect(verify.json()).toMatchObject({ ok: true });
    const cp = await call('auditor', 'GET', '/api/ledger/checkpoints/latest');
    expect(cp.json().treeSize).toBeGreaterThan(0);
    const proof = await call('auditor', 'GET', '/api/ledger/proofs/inclusion?seq=0');
    expect(proof.json().proof).toBeInstanceOf(Array);
    for (const who of ['director', 'teacher', 'volunteer']) expect((await call(who, 'GET', '/api/ledger')).statusCode).toBe(403);
    expect((await call('auditor', 'DELETE', '/api/ledger')).statusCode).toBe(404);
  });

  it('records refused attempts', async () => {
    const denied = await call('auditor', 'GET', `/api/ledger?childId=${childId}&pageSize=500`);
    expect(denied.json().items.filter((e: { outcome: string }) => e.outcome === 'denied').length).toBeGreaterThan(0);
  });
});

describe('OpenAPI', () => {
  it('serves the spec with every registry route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/children/', '/api/children/{id}', '/api/ledger/verify', '/api/health']));
  });
});
