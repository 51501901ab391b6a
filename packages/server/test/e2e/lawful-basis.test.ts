/**
 * The lawful-basis decision on every registry path (issue 3): collect, store, use (list, masked
 * detail, reveal), the catalogue in force, and 第十二条第三款. The strongest check: once a basis
 * ends, no route returns the stripped field's value anywhere in its body.
 */
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
const notice = { purpose: '残疾康复服务', method: '线下', categories: '姓名、残疾情况', retention: '服务结束', rights: '可查询、撤回', contact: '0591-00000000' };
const year = Number(today().slice(0, 4));

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102000000' });
  const welfare = await createOrg(ctx, { type: 'welfare_institution', regionCode: '350102000000' });
  cookies.civil = (await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: county.id } as never)).cookie;
  cookies.officer = (await signInAs(app, ctx, { role: 'protection_officer', orgId: county.id } as never)).cookie;
  cookies.director = (await signInAs(app, ctx, { role: 'child_director', orgId: county.id, jurisdiction: V1 } as never)).cookie;
  cookies.welfare = (await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: welfare.id } as never)).cookie;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const req = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
const countChildren = async () => Number((await ctx.db.selectFrom('children').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const lastLedger = () => ctx.db.selectFrom('ledger_entries').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
const child = (over: Record<string, unknown> = {}) => {
  const birthDate = `${year - 9}-04-02`;
  return syntheticChild(V1, { birthDate, gender: 'male', idNumber: composeIdNumber('350102', birthDate, Math.floor(Math.random() * 900) + 10, 'male'), ...over });
};

describe('收集 (collect): every stored field needs a basis today', () => {
  it('第十一条: civil affairs cannot register disability details on its statutory duty; nothing is written and the refusal is ledgered', async () => {
    const before = await countChildren();
    const res = await req('civil', 'POST', '/api/children', child({ disability: '肢体残疾二级' }));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'HUTONG_NO_LAWFUL_BASIS', article: expect.stringContaining('第十一条'), fields: [{ field: 'disability', message: expect.stringContaining('残疾情况仅用于') }] });
    expect(await countChildren()).toBe(before);
    expect(await lastLedger()).toMatchObject({ act: 'collect', outcome: 'denied', reason: expect.stringContaining('field_stripped') });
  });

  it('a welfare institution (no statutory duty) registers only with a consent in hand, recorded with the child', async () => {
    const bare = child();
    delete (bare as Record<string, unknown>).idNumber;
    delete (bare as Record<string, unknown>).health;
    const refused = await req('welfare', 'POST', '/api/children', bare);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().article).toContain('第十二条');
    const ok = await req('welfare', 'POST', '/api/children', { ...bare, consent: { givenBy: 'guardian', purposes: ['care_service'], givenOn: today(), method: 'in_person', notice } });
    expect(ok.statusCode, ok.body).toBe(201);
    const entry = await lastLedger();
    expect(entry).toMatchObject({ act: 'collect', outcome: 'succeeded', purpose: 'care_service' });
    expect(entry.basis).toMatch(/^care_service=consent:[0-9a-f-]{36}$/u);
  });

  it('第十二条第三款: a 15-year-old who cannot express a will needs the guardian’s consent, not only their own', async () => {
    const birthDate = `${year - 15}-01-01`;
    const bare = { ...child({ birthDate, idNumber: undefined, canExpressWill: false }) } as Record<string, unknown>;
    delete bare.idNumber;
    delete bare.health;
    const byChild = await req('welfare', 'POST', '/api/children', { ...bare, consent: { givenBy: 'child', purposes: ['care_service'], givenOn: today(), method: 'in_person', notice } });
    expect(byChild.statusCode).toBe(403);
    expect(byChild.json().article).toContain('第十二条');
    const both = await req('welfare', 'POST', '/api/children', { ...bare, consent: { givenBy: 'guardian', purposes: ['care_service'], givenOn: today(), method: 'in_person', notice } });
    expect(both.statusCode, both.body).toBe(201);
    expect((await req('welfare', 'GET', `/api/children/${both.json().id}`)).json().canExpressWill).toBe(false);
  });
});

describe('存储 and 使用: a consent-based field lives and dies with its consent', () => {
  const secret = '右下肢残疾，需康复训练（合成）';
  let id = '';

  it('with a disability-service consent civil affairs stores the details; the ledger names the consent', async () => {
    id = (await req('civil', 'POST', '/api/children', child())).json().id;
    const guardianId = (await req('civil', 'GET', `/api/children/${id}`)).json().guardians[0].id;
    const consent = await req('civil', 'POST', `/api/children/${id}/consents`, { givenBy: 'guardian', guardianId, purposes: ['disability_service'], givenOn: today(), method: 'in_person', notice });
    expect(consent.statusCode, consent.body).toBe(201);
    const patched = await req('civil', 'PATCH', `/api/children/${id}`, { disability: secret });
    expect(patched.statusCode, patched.body).toBe(200);
    const entry = await lastLedger();
    expect(entry).toMatchObject({ act: 'store', outcome: 'succeeded', fields: ['disability'], purpose: 'disability_service' });
    expect(entry.basis).toContain(`consent:${consent.json().id}`);
    const revealed = await req('civil', 'GET', `/api/children/${id}?purpose=disability_service&justification=${encodeURIComponent('康复评估')}`);
    expect(revealed.body).toContain(secret);
  });

  it('after withdrawal no route returns the value, not even masked, and writing it again is refused', async () => {
    const consentId = (await req('civil', 'GET', `/api/children/${id}/consents`)).json().consents[0].id;
    expect((await req('civil', 'POST', `/api/children/${id}/consents/${consentId}/withdraw`, { reason: '监护人撤回' })).statusCode).toBe(200);
    const bodies = [
      await req('civil', 'GET', '/api/children?pageSize=100'),
      await req('civil', 'GET', `/api/children/${id}`),
      await req('civil', 'GET', `/api/children/${id}?purpose=social_assistance&justification=x`),
    ];
    for (const b of bodies) {
      expect(b.statusCode, b.body).toBe(200);
      expect(b.body).not.toContain(secret);
      expect(b.body).not.toContain('右下肢');
    }
    const detail = bodies[1]!.json();
    expect(detail.groups.flatMap((g: { fields: unknown[] }) => g.fields).find((f: { key: string }) => f.key === 'disability')).toMatchObject({ value: null, withheld: true });
    const reveal = await req('civil', 'GET', `/api/children/${id}?purpose=disability_service&justification=x`);
    expect(reveal.statusCode).toBe(403);
    expect(reveal.body).not.toContain(secret);
    const again = await req('civil', 'PATCH', `/api/children/${id}`, { disability: '另一描述' });
    expect(again.statusCode).toBe(403);
    expect(again.json().fields[0].field).toBe('disability');
  });

  it('a named purpose is the only basis tried: listing under education_aid shows nothing for civil affairs', async () => {
    const res = await req('civil', 'GET', '/api/children?purpose=education_aid');
    expect(res.statusCode).toBe(200);
    for (const item of res.json().items) {
      expect(item.basisFound).toBe(false);
      expect(Object.values(item.fields as Record<string, { value: string | null }>).every((f) => f.value === null)).toBe(true);
    }
    expect(await lastLedger()).toMatchObject({ act: 'use', outcome: 'denied', purpose: null });
  });

  it('a village child director records a home visit on the statutory duty', async () => {
    const res = await req('director', 'POST', `/api/children/${id}/visits`, { visitedOn: today(), kind: 'home', notes: '入户走访，家中情况稳定' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await lastLedger()).toMatchObject({ act: 'collect', fields: ['visitNotes'], purpose: 'social_assistance' });
  });
});

describe('the purposes catalogue in force (editable by protection officers, ledgered)', () => {
  const careService = async () => (await req('officer', 'GET', '/api/purposes/care_service')).json();
  const edit = (p: { orgTypes: Array<{ code: string }>; fieldRules: unknown[]; retention: { until: string[]; graceMonths: number; byLaw: boolean; note: string } }) =>
    ({ orgTypes: p.orgTypes.map((o) => o.code), fieldRules: p.fieldRules, retention: { until: p.retention.until, graceMonths: p.retention.graceMonths, byLaw: p.retention.byLaw, note: p.retention.note } });

  it('only a protection officer may edit', async () => {
    const p = await careService();
    expect((await req('civil', 'PUT', '/api/purposes/care_service', { ...edit(p), changeNote: '试图修改' })).statusCode).toBe(403);
  });

  it('an edit crossing an article is refused with the rule’s path; a forbidden purpose is not editable', async () => {
    const p = await careService();
    const e = edit(p) as { fieldRules: Array<{ orgTypes: string[]; acts: string[]; fields: string[] }> };
    e.fieldRules.push({ orgTypes: ['social_org'], acts: ['use'], fields: ['name', 'idNumber'] });
    const res = await req('officer', 'PUT', '/api/purposes/care_service', { ...e, changeNote: '给社会组织身份证号' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: `fieldRules[${e.fieldRules.length - 1}].fields`, message: expect.stringContaining('第十条') }]);
    expect((await careService()).version).toBe(0);
    const fundraising = await req('officer', 'PUT', '/api/purposes/fundraising', { ...e, changeNote: 'x' });
    expect(fundraising.statusCode).toBe(403);
    expect(fundraising.json().article).toContain('第十五条');
  });

  it('a lawful narrowing is versioned, ledgered with its SM3, and applies to the next decision (the simulator too)', async () => {
    const scenario = {
      id: 's', date: today(), actor: { orgType: 'social_org', role: 'social_worker', regionCode: '350102' },
      child: { birthDate: `${year - 9}-04-02`, regionCode: V1, categories: ['left_behind'], canExpressWill: true },
      consents: [{ by: 'guardian', purposes: ['care_service'], date: today() }], guardianNotified: null,
      purpose: 'care_service', act: 'use', fields: ['name', 'guardianPhone'],
    };
    expect((await req('officer', 'POST', '/api/policy/check', [scenario])).json()[0].allowedFields).toEqual(['name', 'guardianPhone']);
    const p = await careService();
    const e = edit(p) as { fieldRules: Array<{ orgTypes: string[]; acts: string[]; fields: string[] }> };
    e.fieldRules = e.fieldRules.map((r) => (r.orgTypes.includes('social_org') ? { ...r, fields: r.fields.filter((f) => f !== 'guardianPhone') } : r));
    const res = await req('officer', 'PUT', '/api/purposes/care_service', { ...e, changeNote: '社会组织改由儿童主任转达联系，不再提供监护人电话' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, edited: true, changeNote: expect.stringContaining('儿童主任') });
    const entry = await lastLedger();
    expect(entry).toMatchObject({ category: 'admin', act: 'purpose_update', fields: ['fieldRules'] });
    expect(entry.reason).toMatch(/^purpose:care_service v1 sm3:[0-9a-f]{64}$/u);
    const after = (await req('officer', 'POST', '/api/policy/check', [scenario])).json()[0];
    expect(after.allowedFields).toEqual(['name']);
    expect(after.reasons.some((r: { article: string }) => r.article.includes('第十条'))).toBe(true);
  });
});
