import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '@hutong/core';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { today } from '../../src/registry/registry.service.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { syntheticChild } from '../helpers/registry-fixtures.ts';

/** Synthetic children only; the owner is a county civil-affairs bureau, the recipient a social organisation. */
const COUNTY = '350102000000', TOWN1 = '350102001000', V1 = '350102001001', V2 = '350102002002';
const T = today();
const shift = (days: number) => {
  const d = new Date(`${T}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const notice = { purpose: '关爱服务活动', method: '线下登记', categories: '姓名、年级、监护人联系方式', retention: '活动结束即删除', rights: '可向县民政局查询、撤回同意', contact: '0591-00000000' };
const assessment = { necessity: '开展暑期关爱服务活动须联系监护人', impact: '仅用于活动组织，对儿童权益影响小', risks: '名单外泄、超期保存', measures: '专人专机、活动结束即删除', conclusion: '风险可控，缩减字段后同意' };

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const org: Record<string, { id: string }> = {};
const kids: Array<{ id: string; name: string; consentId: string }> = [];
let workerId = '';

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  org.owner = await createOrg(ctx, { type: 'civil_affairs', regionCode: COUNTY });
  org.social = await createOrg(ctx, { type: 'social_org', regionCode: COUNTY });
  org.other = await createOrg(ctx, { type: 'social_org', regionCode: COUNTY });
  org.city = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350100000000' });
  const sign = async (key: string, role: string, orgId: string) => {
    const s = await signInAs(app, ctx, { role, orgId } as never);
    cookies[key] = s.cookie;
    return s.user.id;
  };
  await sign('officer', 'civil_affairs_officer', org.owner.id);
  await sign('protection', 'protection_officer', org.owner.id);
  workerId = await sign('worker', 'social_worker', org.social.id);
  await sign('outsider', 'social_worker', org.other.id);
  await sign('city', 'civil_affairs_officer', org.city.id);
  for (const [i, region] of [V1, V1, V1, V2].entries()) {
    const categories = i === 0 || i === 3 ? ['left_behind'] : ['orphan'];
    const child = syntheticChild(region, { birthDate: `2016-0${i + 3}-1${i}`, idNumber: undefined, health: undefined, grade: '三年级', categories });
    const made = await call('officer', 'POST', '/api/children', child);
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const guardianId = (await call('officer', 'GET', `/api/children/${id}`)).json().guardians[0].id;
    const consent = await call('officer', 'POST', `/api/children/${id}/consents`, {
      givenBy: 'guardian', guardianId, purposes: ['care_service'], recipientOrgTypes: ['social_org'], givenOn: T, method: 'in_person', notice,
    });
    expect(consent.statusCode, consent.body).toBe(201);
    kids.push({ id, name: child.name, consentId: consent.json().id });
  }
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

function call(who: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
}
const request = (over: object = {}) => ({
  ownerOrgId: org.owner!.id, purpose: 'care_service', children: { regionCode: TOWN1 },
  fields: ['name', 'gender', 'grade', 'residenceAddress', 'guardianName', 'guardianPhone'],
  startsOn: T, endsOn: shift(30), activityEndsOn: shift(60), securityMeasures: '专人专机，纸质材料上锁保管，活动结束即删除',
  responsiblePerson: { name: '测试负责人', title: '项目主管', phone: '0591-00000001' }, ...over,
});
const fieldsOf = (res: { json(): { fields?: Array<{ field: string; message: string }> } }) => res.json().fields ?? [];
const count = async (table: 'sharing_agreements') => Number((await ctx.db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/sharing-agreements', () => {
  it('refuses a bad request, naming the field at fault and the article, and writes nothing', async () => {
    const forbidden = await call('worker', 'POST', '/api/sharing-agreements', request({ purpose: 'fundraising' }));
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().article).toMatch(/第十五条/u);
    const wrongOrg = await call('worker', 'POST', '/api/sharing-agreements', request({ purpose: 'social_assistance' }));
    expect(wrongOrg.statusCode).toBe(403);
    expect(wrongOrg.json().detail).toMatch(/社会组织不得以“社会救助”为目的/u);

    const tooMuch = await call('worker', 'POST', '/api/sharing-agreements', request({ fields: ['name', 'idNumber', 'health', 'disability'] }));
    expect(tooMuch.statusCode).toBe(400);
    const msgs = fieldsOf(tooMuch).map((f) => `${f.field}|${f.message}`);
    expect(msgs).toHaveLength(3);
    expect(msgs.find((m) => m.includes('（idNumber）'))).toMatch(/^fields\|.*第十条/u);
    expect(msgs.find((m) => m.includes('（disability）'))).toMatch(/第十一条/u);

    const cases: Array<[object, string, RegExp]> = [
      [{ endsOn: shift(-1) }, 'endsOn', /不能早于开始日期/u],
      [{ endsOn: shift(400), activityEndsOn: shift(500) }, 'endsOn', /不能超过一年/u],
      [{ activityEndsOn: undefined }, 'activityEndsOn', /第十条/u],
      [{ endsOn: shift(90) }, 'endsOn', /不能晚于活动结束日期/u],
      [{ ownerOrgId: randomUUID() }, 'ownerOrgId', /不存在/u],
      [{ ownerOrgId: org.social!.id }, 'ownerOrgId', /不能是本机构/u],
      [{ children: {} }, 'children', /至少填一项/u],
    ];
    for (const [over, field, message] of cases) {
      const res = await call('worker', 'POST', '/api/sharing-agreements', request(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(fieldsOf(res).find((f) => f.field === field)?.message, JSON.stringify(over)).toMatch(message);
    }
    expect(await count('sharing_agreements')).toBe(0);
    expect(await ctx.db.selectFrom('ledger_entries').select('id').where('act', 'like', 'sharing_%').execute()).toEqual([]);
  });

  it('accepts a department’s request without an activity end (第十条 binds activity organisations only)', async () => {
    const res = await call('city', 'POST', '/api/sharing-agreements', request({ purpose: 'social_assistance', fields: ['name', 'idNumber', 'assistance'], activityEndsOn: undefined }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'requested', expired: false, activityEndsOn: null, decision: null, granted: null, purposeLabel: '社会救助' });
  });
});

describe('deciding: refuse, approve and narrow', () => {
  let refusedId = '', grantId = '';

  it('the owner’s protection officer refuses with a note; the requester reads nothing', async () => {
    refusedId = (await call('worker', 'POST', '/api/sharing-agreements', request())).json().id;
    expect((await call('protection', 'POST', `/api/sharing-agreements/${refusedId}/refuse`, {})).statusCode).toBe(400);
    const res = await call('protection', 'POST', `/api/sharing-agreements/${refusedId}/refuse`, { note: '活动方案未说明安全措施' });
    expect(res.json()).toMatchObject({ status: 'refused', decision: { note: '活动方案未说明安全措施', narrowed: false }, granted: null });
    expect((await call('worker', 'GET', `/api/grants/${refusedId}/children`)).statusCode).toBe(403);
    expect((await call('protection', 'POST', `/api/sharing-agreements/${refusedId}/approve`, { impactAssessment: assessment })).statusCode).toBe(409);
  });

  it('approval may only narrow, and records the impact assessment', async () => {
    const created = await call('worker', 'POST', '/api/sharing-agreements', request());
    expect(created.statusCode, created.body).toBe(201);
    grantId = created.json().id;
    const incoming = (await call('protection', 'GET', '/api/sharing-agreements?box=incoming&status=requested')).json().items.map((i: { id: string }) => i.id);
    expect(incoming).toContain(grantId);
    expect((await call('worker', 'GET', '/api/sharing-agreements?box=incoming')).statusCode).toBe(403);
    const approve = (body: object) => call('protection', 'POST', `/api/sharing-agreements/${grantId}/approve`, { impactAssessment: assessment, ...body });
    expect((await call('worker', 'POST', `/api/sharing-agreements/${grantId}/approve`, { impactAssessment: assessment })).statusCode).toBe(403);
    const bad: Array<[object, string]> = [
      [{ fields: ['name', 'phone'] }, 'fields'], [{ endsOn: shift(31) }, 'endsOn'], [{ childIds: [kids[3]!.id] }, 'childIds'],
      [{ impactAssessment: { ...assessment, risks: '无' } }, 'impactAssessment.risks'],
    ];
    for (const [body, field] of bad) {
      const res = await approve(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res).map((f) => f.field)).toContain(field);
    }
    const res = await approve({ fields: ['name', 'grade', 'guardianPhone'], endsOn: shift(20), childIds: [kids[0]!.id, kids[1]!.id], note: '仅限两名儿童' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved', expired: false,
      decision: { narrowed: true, note: '仅限两名儿童', impactAssessment: assessment },
      granted: { fields: ['name', 'grade', 'guardianPhone'], endsOn: shift(20), childCount: 2 },
    });
    expect([...res.json().granted.childIds].sort()).toEqual([kids[0]!.id, kids[1]!.id].sort());
  });

  it('the recipient sees exactly the granted fields of the granted children, and nothing else', async () => {
    const grants = (await call('worker', 'GET', '/api/grants')).json().items;
    expect(grants).toEqual([expect.objectContaining({ agreementId: grantId, ownerOrg: expect.objectContaining({ id: org.owner!.id }), fields: ['name', 'grade', 'guardianPhone'], childCount: 2 })]);
    const res = await call('worker', 'GET', `/api/grants/${grantId}/children`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, endsOn: shift(20) });
    for (const item of res.json().items) {
      expect(Object.keys(item.fields).sort()).toEqual(['grade', 'guardianPhone', 'name']);
      expect(item.withheld).toEqual([]);
      expect(item.fields).toMatchObject({ name: kids.find((k) => k.id === item.id)!.name, grade: '三年级' });
    }
    for (const k of FIELD_KEYS.filter((f) => !['name', 'grade', 'guardianPhone'].includes(f))) expect(res.body).not.toContain(`"${k}"`);
    for (const value of ['哮喘', '示例县第一中心小学', '测试监护人', '组']) expect(res.body).not.toContain(value);
    expect((await call('worker', 'GET', `/api/grants/${grantId}/children/${kids[2]!.id}`)).statusCode).toBe(404);
  });

  it('another organisation cannot see the agreement or the grant', async () => {
    expect((await call('outsider', 'GET', `/api/sharing-agreements/${grantId}`)).statusCode).toBe(404);
    expect((await call('outsider', 'GET', `/api/grants/${grantId}/children`)).statusCode).toBe(404);
    expect((await call('outsider', 'GET', `/api/grants/${grantId}/children/${kids[0]!.id}`)).statusCode).toBe(404);
    expect((await call('outsider', 'GET', '/api/grants')).json().items).toEqual([]);
  });

  it('a withdrawn consent withholds that child at once, saying why', async () => {
    const w = await call('officer', 'POST', `/api/children/${kids[1]!.id}/consents/${kids[1]!.consentId}/withdraw`, { reason: '监护人撤回' });
    expect(w.statusCode, w.body).toBe(200);
    const one = await call('worker', 'GET', `/api/grants/${grantId}/children/${kids[1]!.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().fields).toEqual({});
    expect(one.json().withheld.map((x: { field: string }) => x.field).sort()).toEqual(['grade', 'guardianPhone', 'name']);
    expect(one.json().withheld[0].reason).toMatch(/撤回/u);
    expect(one.json().withheld[0].article).toMatch(/第十二条|第十五条/u);
    const other = await call('worker', 'GET', `/api/grants/${grantId}/children/${kids[0]!.id}`);
    expect(Object.keys(other.json().fields).sort()).toEqual(['grade', 'guardianPhone', 'name']);
  });

  it('each release is a ‘provide’ ledger entry accountable to the owner; the lifecycle is ledgered too', async () => {
    const rows = await ctx.db.selectFrom('ledger_entries').selectAll().where('reason', 'like', `grant:${grantId};recipient:${org.social!.id}%`).orderBy('id').execute();
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r).toMatchObject({ act: 'provide', category: 'processing', accountable_org_id: org.owner!.id, actor_org_id: org.social!.id, actor_user_id: workerId, purpose: 'care_service' });
    const allowed = rows.filter((r) => r.outcome === 'allowed');
    expect(allowed.every((r) => JSON.stringify(r.fields) === JSON.stringify(['grade', 'guardianPhone', 'name']) && r.basis!.startsWith('consent:'))).toBe(true);
    const denied = rows.filter((r) => r.outcome === 'denied');
    expect(denied).toEqual([expect.objectContaining({ child_ids: [kids[1]!.id], fields: [] })]);
    const life = await ctx.db.selectFrom('ledger_entries').select(['act', 'reason', 'accountable_org_id']).where('reason', 'like', `agreement:${grantId}%`).orderBy('id').execute();
    expect(life.map((l) => l.act)).toEqual(['sharing_request', 'sharing_approve']);
    expect(life[1]!.reason).toMatch(/assessment_sm3:[0-9a-f]{64}/u);
    expect(life.every((l) => l.accountable_org_id === org.owner!.id)).toBe(true);
  });

  it('revocation takes effect immediately', async () => {
    expect((await call('worker', 'GET', `/api/grants/${grantId}/children`)).statusCode).toBe(200);
    const res = await call('protection', 'POST', `/api/sharing-agreements/${grantId}/revoke`, { reason: '活动取消' });
    expect(res.json()).toMatchObject({ status: 'revoked', revoked: { reason: '活动取消' } });
    const after = await call('worker', 'GET', `/api/grants/${grantId}/children`);
    expect(after.statusCode).toBe(403);
    expect(after.json().detail).toMatch(/撤销/u);
    expect((await call('worker', 'GET', '/api/grants')).json().items).toEqual([]);
  });
});

describe('time-boxed grants', () => {
  const approveAll = async (id: string) => {
    const res = await call('protection', 'POST', `/api/sharing-agreements/${id}/approve`, { impactAssessment: assessment });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('a department’s grant rests on its statutory duty, and ends when its period has passed', async () => {
    const id = (await call('city', 'GET', '/api/sharing-agreements?box=outgoing')).json().items[0].id as string;
    const approved = await approveAll(id);
    expect(approved).toMatchObject({ decision: { narrowed: false }, granted: { childIds: null, childCount: 3 } });
    const read = await call('city', 'GET', `/api/grants/${id}/children`);
    expect(read.statusCode, read.body).toBe(200);
    // Civil affairs' duty (未成年人保护法 第九十一条) does not hang on the withdrawn care-service consent.
    expect(read.json().items.every((i: { fields: object }) => Object.keys(i.fields).sort().join() === 'assistance,idNumber,name')).toBe(true);
    await ctx.db.updateTable('sharing_agreements').set({ starts_on: shift(-40), ends_on: shift(-1), granted_ends_on: shift(-1) }).where('id', '=', id).execute();
    const expired = await call('city', 'GET', `/api/grants/${id}/children`);
    expect(expired.statusCode).toBe(403);
    expect(expired.json().detail).toMatch(/到期/u);
    expect((await call('city', 'GET', `/api/sharing-agreements/${id}`)).json()).toMatchObject({ status: 'approved', expired: true });
    expect((await call('city', 'GET', '/api/grants')).json().items).toEqual([]);
  });

  it('a grant not yet started reads nothing; the requester may withdraw it', async () => {
    const id = (await call('worker', 'POST', '/api/sharing-agreements', request({ startsOn: shift(5), children: { childIds: [kids[0]!.id] } }))).json().id as string;
    expect((await approveAll(id)).granted).toMatchObject({ childIds: [kids[0]!.id], childCount: 1 });
    const early = await call('worker', 'GET', `/api/grants/${id}/children`);
    expect(early.statusCode).toBe(403);
    expect(early.json().detail).toMatch(/尚未开始/u);
    const withdrawn = await call('worker', 'POST', `/api/sharing-agreements/${id}/revoke`, { reason: '活动改期' });
    expect(withdrawn.json()).toMatchObject({ status: 'revoked', revoked: { by: { id: workerId } } });
  });

  it('children by category are resolved at approval among the owner’s records', async () => {
    const id = (await call('worker', 'POST', '/api/sharing-agreements', request({ children: { category: '农村留守儿童' } }))).json().id as string;
    const approved = await approveAll(id);
    expect(approved).toMatchObject({ children: { category: 'left_behind' }, granted: { childIds: null, childCount: 2 } });
    const ids = (await call('worker', 'GET', `/api/grants/${id}/children`)).json().items.map((i: { id: string }) => i.id).sort();
    expect(ids).toEqual([kids[0]!.id, kids[3]!.id].sort());
  });
});
