import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
let countyId = '';
const notice = { purpose: '关爱服务', method: '线下', categories: '姓名、联系方式', retention: '活动结束', rights: '可查询、撤回', contact: '0591-00000000' };

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102000000' });
  countyId = county.id;
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
    // Registered at 17 (an adult cannot be registered at all); then the calendar moves on.
    const d = new Date(`${today()}T12:00:00+08:00`);
    d.setUTCFullYear(d.getUTCFullYear() - 18);
    d.setUTCDate(d.getUTCDate() + 3);
    const birthDate = d.toISOString().slice(0, 10);
    const res = await post('civil', '/api/children', { ...syntheticChild(V1), birthDate, gender: 'male', idNumber: composeIdNumber('350102', birthDate, 7, 'male') });
    expect(res.statusCode, res.body).toBe(201);
    const adult = res.json().id;
    const young = (await post('civil', '/api/children', syntheticChild(V1))).json().id;
    expect((await tasks('civil')).map((t) => t.childId)).not.toContain(adult);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 5 * 86_400_000);
      // Five days on, yesterday's sessions have long timed out: sign in afresh.
      cookies.later = (await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: countyId } as never)).cookie;
      const list = await tasks('later');
      expect(list.find((t) => t.childId === adult)).toMatchObject({ reason: 'age_18', article: expect.stringContaining('第四十七条') });
      expect(list.map((t) => t.childId)).not.toContain(young);
      // Processing for the purpose has stopped too: the masked view no longer rests on social assistance.
      const view = await app.inject({ method: 'GET', url: `/api/children/${adult}?purpose=social_assistance&justification=x`, headers: { cookie: cookies.later! } });
      expect(view.statusCode).toBe(403);
      expect(view.json().article).toContain('第四十七条');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a purpose recorded as ended (救助终止) stops processing and, with no other basis, makes a deletion task', async () => {
    const id = (await post('civil', '/api/children', syntheticChild(V1))).json().id;
    const bad = await post('civil', `/api/children/${id}/purpose-ends`, { purpose: 'social_assistance', event: 'case_closed', endedOn: today() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('event');
    const ok = await post('civil', `/api/children/${id}/purpose-ends`, { purpose: 'social_assistance', event: 'service_ended', endedOn: today() });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await post('civil', `/api/children/${id}/purpose-ends`, { purpose: 'social_assistance', event: 'service_ended', endedOn: today() })).statusCode).toBe(409);
    expect((await tasks('civil')).find((t) => t.childId === id)).toMatchObject({ reason: 'purpose_ended' });
    const edit = await app.inject({ method: 'PATCH', url: `/api/children/${id}`, headers: { cookie: cookies.civil! }, payload: { grade: '五年级' } });
    expect(edit.statusCode).toBe(403);
    const consents = (await app.inject({ method: 'GET', url: `/api/children/${id}/consents`, headers: { cookie: cookies.civil! } })).json();
    expect(consents.purposeEnds).toEqual([{ purpose: 'social_assistance', purposeLabel: '社会救助', event: 'service_ended', eventLabel: '救助、服务或帮扶终止', endedOn: today() }]);
  });

  it('lists a child of a consent-based holder once every consent ended, not while one is alive; civil affairs keeps its own', async () => {
    // A welfare institution has no statutory duty: it registers the child with the guardian's consent in hand.
    const birthDate = `${Number(today().slice(0, 4)) - 10}-03-01`;
    // care_service's minimum for a welfare institution has no ID number and no health record.
    const { health: _h, idNumber: _i, ...child } = syntheticChild(V1, { birthDate, gender: 'female' });
    const created = await post('welfare', '/api/children', { ...child, consent: { givenBy: 'guardian', purposes: ['care_service'], givenOn: '2026-01-05', method: 'in_person', notice } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const consent = (await app.inject({ method: 'GET', url: `/api/children/${id}/consents`, headers: { cookie: cookies.welfare! } })).json().consents[0];
    expect(consent).toMatchObject({ givenBy: 'guardian', purposes: ['care_service'] });
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
