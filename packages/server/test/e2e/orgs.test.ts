import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { orgsService } from '../../src/orgs/index.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';

let ctx: AppContext;
let app: FastifyInstance;
let admin: Awaited<ReturnType<typeof signInAs>>;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  admin = await signInAs(app, ctx, { role: 'admin' });
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = admin.cookie) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
const counts = async () => ({
  orgs: (await ctx.db.selectFrom('orgs').select('id').execute()).length,
  ledger: (await ctx.db.selectFrom('ledger_entries').select('id').execute()).length,
});

describe('POST /api/orgs', () => {
  it('creates an org, normalising the region code and naming the region', async () => {
    const res = await send('POST', '/api/orgs', { name: '北京市东城区民政局', type: 'civil_affairs', regionCode: '110101' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '北京市东城区民政局', type: 'civil_affairs', typeLabel: '民政', regionCode: '110101000000', regionName: '北京市东城区' });
    const entry = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'org_create').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ category: 'admin', actor_user_id: admin.user.id, reason: `org:${res.json().id}` });
  });

  it.each([
    [{ name: '甲机构', type: 'bank', regionCode: '110101' }, 'type'],
    [{ name: '甲机构', type: 'school', regionCode: '11010' }, 'regionCode'],
    [{ name: '甲机构', type: 'school', regionCode: '119999000000' }, 'regionCode'],
    [{ name: '甲机构', type: 'school', regionCode: '000000000000' }, 'regionCode'],
    [{ name: '', type: 'school', regionCode: '110101' }, 'name'],
  ])('400 writes nothing: %j → field %s', async (body, field) => {
    const before = await counts();
    const res = await send('POST', '/api/orgs', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe(field);
    expect(res.json().fields[0].message).toMatch(/[\u4e00-\u9fff]/u);
    expect(await counts()).toEqual(before);
  });

  it('refuses a duplicate name (409)', async () => {
    await send('POST', '/api/orgs', { name: '重名机构', type: 'school', regionCode: '110101' });
    const res = await send('POST', '/api/orgs', { name: '重名机构', type: 'health', regionCode: '110105' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('已存在');
  });

  it('needs a login to list and org.manage to write', async () => {
    expect((await send('GET', '/api/orgs', undefined, '')).statusCode).toBe(401); // '' = anonymous
    const org = await createOrg(ctx, { type: 'school' });
    const teacher = await signInAs(app, ctx, { role: 'department_staff', orgId: org.id });
    expect((await send('GET', '/api/orgs', undefined, teacher.cookie)).json().items.length).toBeGreaterThan(0);
    const denied = await send('POST', '/api/orgs', { name: '越权', type: 'school', regionCode: '110101' }, teacher.cookie);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toBe('角色“部门工作人员”没有“管理机构”权限（org.manage）');
  });
});

describe('PATCH /api/orgs/:id', () => {
  it('renames and audits the changed fields', async () => {
    const org = await createOrg(ctx, { type: 'social_org' });
    const res = await send('PATCH', `/api/orgs/${org.id}`, { name: '阳光社工服务中心' });
    expect(res.json()).toMatchObject({ name: '阳光社工服务中心' });
    const entry = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'org_update').where('reason', '=', `org:${org.id}`).executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(['name']);
  });

  it('refuses changes that would leave members outside their rules (409)', async () => {
    const org = await createOrg(ctx, { type: 'civil_affairs', regionCode: '110101' });
    await signInAs(app, ctx, { role: 'child_director', orgId: org.id, jurisdiction: '110101001001' });
    expect((await send('PATCH', `/api/orgs/${org.id}`, { type: 'education' })).json().detail).toContain('角色与新机构类型不符');
    expect((await send('PATCH', `/api/orgs/${org.id}`, { regionCode: '110105' })).json().detail).toContain('管辖范围不在新区划之内');
    expect((await send('PATCH', `/api/orgs/${org.id}`, { regionCode: '110101001' })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown org', async () => {
    expect((await send('PATCH', '/api/orgs/00000000-0000-4000-8000-000000000000', { name: '无此机构' })).statusCode).toBe(404);
  });
});

describe('orgsService (CLI)', () => {
  it('creates with actor null as system and finds by id or name', async () => {
    const org = await orgsService.createOrg(ctx, null, { name: '东城区教委', type: 'education', regionCode: '110101000000' });
    expect((await orgsService.findOrgByIdOrName(ctx, org.id))?.name).toBe('东城区教委');
    expect((await orgsService.findOrgByIdOrName(ctx, '东城区教委'))?.id).toBe(org.id);
    expect(await orgsService.findOrgByIdOrName(ctx, '不存在')).toBeNull();
    const entry = await ctx.db.selectFrom('ledger_entries').selectAll().where('reason', '=', `org:${org.id}`).executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe('system');
  });
});
