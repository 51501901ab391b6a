import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { sm3 } from '../../src/shared/crypto/index.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { syntheticChild } from '../helpers/registry-fixtures.ts';
import { composeIdNumber, isIsoDate } from '@hutong/core';
import { today } from '../../src/registry/registry.service.ts';

const V1 = '350102001001';
let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let childId = '';
let guardianId = '';

const notice = { purpose: '申请临时救助', method: '线下填表、系统登记', categories: '姓名、身份证号、家庭经济状况', retention: '救助结束后两年', rights: '可向县民政局查询、更正、撤回同意', contact: '0591-00000000' };
const evidence = Buffer.from('%PDF-1.4 合成的同意书扫描件');

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const township = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102001000' });
  const other = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102002000' });
  cookies.director = (await signInAs(app, ctx, { role: 'child_director', orgId: township.id, jurisdiction: V1 } as never)).cookie;
  cookies.outsider = (await signInAs(app, ctx, { role: 'child_director', orgId: other.id, jurisdiction: '350102002002' } as never)).cookie;
  childId = (await app.inject({ method: 'POST', url: '/api/children', headers: { cookie: cookies.director }, payload: syntheticChild(V1) })).json().id;
  guardianId = (await app.inject({ method: 'GET', url: `/api/children/${childId}`, headers: { cookie: cookies.director } })).json().guardians[0].id;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const post = (who: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });

describe('POST /api/children/:id/consents (第十二条; 个人信息保护法 第十七、二十三、三十条)', () => {
  it('records a guardian’s written consent with the evidence hash and the notice shown', async () => {
    const res = await post('director', `/api/children/${childId}/consents`, {
      givenBy: 'guardian', guardianId, purposes: ['social_assistance'], givenOn: '2026-03-01', validUntil: '2027-03-01',
      method: 'paper', evidenceBase64: evidence.toString('base64'), notice,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'active', guardianRelation: '祖母', evidenceSm3: sm3(evidence).toString('hex'), purposeLabels: ['社会救助'] });
  });

  it('refuses, naming each field: paper without evidence, a bundled separate consent, publicity without the 第十三条 notice, missing guardian', async () => {
    const before = (await ctx.db.selectFrom('consents').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const res = await post('director', `/api/children/${childId}/consents`, {
      givenBy: 'guardian', purposes: ['publicity', 'care_service'], separate: true, givenOn: '2026-03-01', method: 'paper', notice,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['evidenceBase64', 'guardianId', 'notice.necessityAndImpact', 'purposes']);
    const incomplete = await post('director', `/api/children/${childId}/consents`, { givenBy: 'child', purposes: ['care_service'], givenOn: '2026-03-01', method: 'in_person', notice: { ...notice, rights: '' } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields[0]).toMatchObject({ field: 'notice.rights' });
    const after = (await ctx.db.selectFrom('consents').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(after).toBe(before);
  });

  it('refuses consent to a forbidden purpose outright (第十五条)', async () => {
    const res = await post('director', `/api/children/${childId}/consents`, { givenBy: 'guardian', guardianId, purposes: ['fundraising'], givenOn: '2026-03-01', method: 'in_person', notice });
    expect(res.statusCode).toBe(403);
    expect(res.json().article).toMatch(/第十五条/u);
  });

  it('withdrawal takes effect at once, once', async () => {
    const created = (await post('director', `/api/children/${childId}/consents`, { givenBy: 'child', purposes: ['care_service'], givenOn: '2026-03-02', method: 'in_person', notice })).json();
    const w = await post('director', `/api/children/${childId}/consents/${created.id}/withdraw`, { reason: '本人不再参加活动' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', withdrawnReason: '本人不再参加活动' });
    expect((await post('director', `/api/children/${childId}/consents/${created.id}/withdraw`, { reason: '再次' })).statusCode).toBe(409);
    const list = await app.inject({ method: 'GET', url: `/api/children/${childId}/consents`, headers: { cookie: cookies.director! } });
    expect(list.json().consents.map((c: { status: string }) => c.status).sort()).toEqual(['active', 'withdrawn']);
  });

  it('records a guardian notification', async () => {
    const res = await post('director', `/api/children/${childId}/guardian-notifications`, { guardianId, notifiedOn: '2026-03-02', method: 'phone', purposes: ['care_service'], content: '已电话告知祖母：孩子本人同意参加关爱服务活动' });
    expect(res.statusCode).toBe(201);
  });

  it('a user of another township can neither read nor record consents', async () => {
    const list = await app.inject({ method: 'GET', url: `/api/children/${childId}/consents`, headers: { cookie: cookies.outsider! } });
    expect(list.statusCode).toBe(404);
    const rec = await post('outsider', `/api/children/${childId}/consents`, { givenBy: 'child', purposes: ['care_service'], givenOn: '2026-03-02', method: 'in_person', notice });
    expect(rec.statusCode).toBe(404);
  });

  it('a reveal for care service rests on consent: for a child of 14 or over, the child’s own (第十二条第三款)', async () => {
    // The first synthetic child of this file was born on 2010-01-01: 16 on the day of the act.
    const get = () => app.inject({ method: 'GET', url: `/api/children/${childId}?purpose=care_service`, headers: { cookie: cookies.director! } });
    const none = await get();
    expect(none.statusCode).toBe(403);
    expect(none.json().article).toMatch(/第十二条/u);
    await post('director', `/api/children/${childId}/consents`, { givenBy: 'guardian', guardianId, purposes: ['care_service'], givenOn: '2026-01-10', method: 'in_person', notice });
    const guardianOnly = await get();
    expect(guardianOnly.statusCode).toBe(403);
    expect(guardianOnly.json().detail).toMatch(/本人同意/u);
    const own = await post('director', `/api/children/${childId}/consents`, { givenBy: 'child', purposes: ['care_service'], givenOn: '2026-01-10', method: 'in_person', notice });
    const allowed = await get();
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json().basis.purpose).toBe('care_service');
    // Withdrawal takes effect at once.
    await post('director', `/api/children/${childId}/consents/${own.json().id}/withdraw`, { reason: '本人撤回' });
    expect((await get()).statusCode).toBe(403);
  });

  it('every recording and withdrawal is in the ledger', async () => {
    const reasons = (await ctx.db.selectFrom('ledger_entries').select('reason').where('reason', 'like', 'consent_%').execute()).map((r) => r.reason!.split(':')[0]);
    expect(reasons.filter((r) => r === 'consent_record').length).toBe(4);
    expect(reasons).toContain('consent_withdraw');
  });
});

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

describe('GET /api/children/turning-14 (第十二条)', () => {
  it('lists children turning 14 within 60 days whose processing rests on guardian consent alone', async () => {
    const make = async (days: number, name: string) => {
      const birthDate = bornFourteenYearsBefore(days);
      const res = await post('director', '/api/children', { ...syntheticChild(V1), name, birthDate, gender: 'female', idNumber: composeIdNumber('350102', birthDate, 321, 'female') });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const gid = (await app.inject({ method: 'GET', url: `/api/children/${id}`, headers: { cookie: cookies.director! } })).json().guardians[0].id;
      await post('director', `/api/children/${id}/consents`, { givenBy: 'guardian', guardianId: gid, purposes: ['care_service', 'education_aid'], givenOn: '2026-01-05', method: 'in_person', notice });
      return id;
    };
    const soon = await make(20, '张近期');
    const alsoAsked = await make(30, '李已问');
    await post('director', `/api/children/${alsoAsked}/consents`, { givenBy: 'child', purposes: ['care_service', 'education_aid'], givenOn: '2026-01-05', method: 'in_person', notice });
    const later = await make(90, '王以后');
    const res = await app.inject({ method: 'GET', url: '/api/children/turning-14', headers: { cookie: cookies.director! } });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((x: { childId: string }) => x.childId);
    expect(ids).toContain(soon);
    expect(ids).not.toContain(alsoAsked);
    expect(ids).not.toContain(later);
    const item = res.json().items.find((x: { childId: string }) => x.childId === soon);
    expect(item.daysLeft).toBe(21);
    expect(item.purposes.map((p: { code: string }) => p.code).sort()).toEqual(['care_service', 'education_aid']);
    expect(res.body).not.toContain('张近期');
    const outsider = await app.inject({ method: 'GET', url: '/api/children/turning-14', headers: { cookie: cookies.outsider! } });
    expect(outsider.json().items).toEqual([]);
  });
});
