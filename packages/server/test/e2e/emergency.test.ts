import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { syntheticChild } from '../helpers/registry-fixtures.ts';

const V1 = '350102001001';
let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const child = syntheticChild(V1, { name: '林急诊' });
let childId = '';

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102000000' });
  const hospital = await createOrg(ctx, { type: 'medical', regionCode: '350102000000' });
  const farHospital = await createOrg(ctx, { type: 'medical', regionCode: '350103000000' });
  cookies.officer = (await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: county.id } as never)).cookie;
  cookies.protection = (await signInAs(app, ctx, { role: 'protection_officer', orgId: county.id } as never)).cookie;
  cookies.doctor = (await signInAs(app, ctx, { role: 'department_staff', orgId: hospital.id } as never)).cookie;
  cookies.farDoctor = (await signInAs(app, ctx, { role: 'department_staff', orgId: farHospital.id } as never)).cookie;
  childId = (await app.inject({ method: 'POST', url: '/api/children', headers: { cookie: cookies.officer }, payload: child })).json().id;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });

describe('/api/emergency-access (break-glass)', () => {
  let grantId = '';

  it('a hospital that cannot see the child opens a 24-hour emergency read with a typed justification', async () => {
    expect((await call('doctor', 'GET', `/api/children/${childId}`)).statusCode).toBe(404);
    const short = await call('doctor', 'POST', '/api/emergency-access', { idNumber: child.idNumber, justification: '急诊' });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].field).toBe('justification');
    const res = await call('doctor', 'POST', '/api/emergency-access', { idNumber: child.idNumber, justification: '儿童昏迷送医，急需联系监护人并了解既往病史' });
    expect(res.statusCode, res.body).toBe(201);
    grantId = res.json().id;
    expect(Date.parse(res.json().expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
  });

  it('shows only what an emergency needs', async () => {
    const res = await call('doctor', 'GET', `/api/emergency-access/${grantId}/child`);
    expect(res.statusCode).toBe(200);
    const fields = Object.fromEntries(res.json().groups.flatMap((g: { fields: Array<{ key: string; value: string; masked: boolean }> }) => g.fields).map((f: { key: string; masked: boolean; value: string }) => [f.key, f]));
    expect(fields.name).toMatchObject({ value: '林急诊', masked: false });
    expect(fields.health).toMatchObject({ masked: false });
    expect(fields.idNumber.masked).toBe(true);
    expect(fields.school.masked).toBe(true);
    expect(res.json().guardians[0].fields.find((f: { key: string }) => f.key === 'guardianPhone').masked).toBe(false);
  });

  it('is not available outside the jurisdiction, nor to another user', async () => {
    expect((await call('farDoctor', 'POST', '/api/emergency-access', { idNumber: child.idNumber, justification: '儿童昏迷送医，急需联系监护人并了解既往病史' })).statusCode).toBe(404);
    expect((await call('farDoctor', 'GET', `/api/emergency-access/${grantId}/child`)).statusCode).toBe(404);
  });

  it('is flagged to the protection officer; an unjustified one ends at once', async () => {
    expect((await call('officer', 'GET', '/api/emergency-access/reviews')).statusCode).toBe(403);
    const list = await call('protection', 'GET', '/api/emergency-access/reviews');
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(grantId);
    expect((await call('protection', 'POST', `/api/emergency-access/${grantId}/review`, { outcome: 'unjustified', note: '应先联系民政部门' })).statusCode).toBe(204);
    expect((await call('doctor', 'GET', `/api/emergency-access/${grantId}/child`)).statusCode).toBe(403);
    expect((await call('protection', 'GET', '/api/emergency-access/reviews')).json().items).toEqual([]);
  });

  it('every step is in the ledger', async () => {
    const reasons = (await ctx.db.selectFrom('ledger_entries').select(['reason', 'act', 'category']).where('reason', 'like', '%' + grantId).execute()).map((r) => `${r.category}:${r.act}:${r.reason!.split(':')[0]}`);
    expect(reasons).toEqual(expect.arrayContaining(['processing:use:emergency_open', 'processing:use:emergency_read', 'admin:emergency_review:unjustified']));
  });
});
