import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeIdNumber } from '@hutong/core';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { today } from '../../src/registry/registry.service.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { syntheticChild } from '../helpers/registry-fixtures.ts';

const V1 = '350102001001';
let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const notice = { purpose: '关爱服务', method: '线下', categories: '姓名、联系方式', retention: '活动结束', rights: '可查询、撤回', contact: '0591-00000000' };

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102000000' });
  const welfare = await createOrg(ctx, { type: 'welfare_institution', regionCode: '350102000000' });
  cookies.civil = (await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: county.id } as never)).cookie;
  cookies.welfare = (await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: welfare.id } as never)).cookie;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const post = (who: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });
const tasks = async (who: string) => (await app.inject({ method: 'GET', url: '/api/children/deletion-tasks', headers: { cookie: cookies[who]! } })).json().items as Array<{ childId: string; reason: string; article: string }>;

describe('GET /api/children/deletion-tasks (个人信息保护法 第四十七条)', () => {
  it('lists a child who has turned 18 for deletion', async () => {
    const birthDate = `${Number(today().slice(0, 4)) - 18}-01-01`;
    const res = await post('civil', '/api/children', { ...syntheticChild(V1), birthDate, gender: 'male', idNumber: composeIdNumber('350102', birthDate, 7, 'male') });
    expect(res.statusCode, res.body).toBe(201);
    const adult = res.json().id;
    const young = (await post('civil', '/api/children', syntheticChild(V1))).json().id;
    const list = await tasks('civil');
    expect(list.find((t) => t.childId === adult)).toMatchObject({ reason: 'age_18', article: expect.stringContaining('第四十七条') });
    expect(list.map((t) => t.childId)).not.toContain(young);
  });

  it('lists a child of a consent-based holder once every consent ended, not while one is alive; civil affairs keeps its own', async () => {
    const id = (await post('welfare', '/api/children', syntheticChild(V1))).json().id;
    const gid = (await app.inject({ method: 'GET', url: `/api/children/${id}`, headers: { cookie: cookies.welfare! } })).json().guardians[0].id;
    const consent = (await post('welfare', `/api/children/${id}/consents`, { givenBy: 'guardian', guardianId: gid, purposes: ['care_service'], givenOn: '2026-01-05', method: 'in_person', notice })).json();
    expect((await tasks('welfare')).map((t) => t.childId)).not.toContain(id);
    await post('welfare', `/api/children/${id}/consents/${consent.id}/withdraw`, { reason: '监护人撤回' });
    expect((await tasks('welfare')).find((t) => t.childId === id)).toMatchObject({ reason: 'consent_ended' });

    const civilChild = (await post('civil', '/api/children', syntheticChild(V1))).json().id;
    const cg = (await app.inject({ method: 'GET', url: `/api/children/${civilChild}`, headers: { cookie: cookies.civil! } })).json().guardians[0].id;
    const c2 = (await post('civil', `/api/children/${civilChild}/consents`, { givenBy: 'guardian', guardianId: cg, purposes: ['care_service'], givenOn: '2026-01-05', method: 'in_person', notice })).json();
    await post('civil', `/api/children/${civilChild}/consents/${c2.id}/withdraw`, { reason: '撤回' });
    expect((await tasks('civil')).map((t) => t.childId)).not.toContain(civilChild);

    // Completing the task is the ordinary deletion (crypto-shredding); the task disappears.
    expect((await app.inject({ method: 'DELETE', url: `/api/children/${id}`, headers: { cookie: cookies.welfare! }, payload: { reason: '同意已全部撤回' } })).statusCode).toBe(204);
    expect((await tasks('welfare')).map((t) => t.childId)).not.toContain(id);
  });
});
