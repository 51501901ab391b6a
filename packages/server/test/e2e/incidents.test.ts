import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeIdNumber } from '@hutong/core';
import { Scanner, ScreeningPackage } from '@hutong/screen';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { actorForUsername } from '../../src/review/index.ts';
import { buildScreeningPackage } from '../../src/screen/index.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { entriesFor, syntheticChild } from '../helpers/registry-fixtures.ts';

/**
 * Leak incidents (第五条; 个人信息保护法 第五十七条; 未成年人网络保护条例 第三十五条), end to end
 * with a real screening package built from registered synthetic children: a county's protection
 * officer builds it, the county cyberspace office scans posts and ingests the hits, the owning
 * township is told, notices go out, follow-ups, closure; an internal leak takes breach handling.
 */
const COUNTY = '350724000000';          // 松溪县
const ZHENGDUN = '350724101000';        // 郑墩镇
const YANGDUN = '350724101202';         // 郑墩镇 洋墩村
const ZHENGDUN_V = '350724101201';      // 郑墩镇 郑墩村
const WEITIAN = '350724102000';         // 渭田镇
const WUCUN = '350724102201';           // 渭田镇 吴村

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const users: Record<string, string> = {};
const kid: Record<string, { id: string; name: string; idNumber: string }> = {};
let pkg: ScreeningPackage;

function call(who: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
}
const count = async (table: 'incidents' | 'incident_notices' | 'incident_follow_ups' | 'incident_breaches' | 'incident_evidence') =>
  Number((await ctx.db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const incidentLedger = async () => Number((await ctx.db.selectFrom('ledger_entries').select((e) => e.fn.countAll<number>().as('n')).where('act', 'like', 'incident_%').executeTakeFirstOrThrow()).n);

/** Scans posts as `hutong screen scan` does and returns hits.jsonl lines as objects. */
function scan(posts: Array<{ id: string | number; text: string }>) {
  const scanner = new Scanner(pkg);
  return posts.flatMap((p) => scanner.scan(p.text).map((h) => ({ id: p.id, child: h.child, evidence: h.evidence, flags: h.flags, score: h.score })));
}

async function register(key: string, regionCode: string, name: string, guardian: string, school: string, n: number, who = 'zdOfficer') {
  const birthDate = '2014-05-06';
  const idNumber = composeIdNumber(regionCode.slice(0, 6), birthDate, 500 + 10 * n, 'female');
  const res = await call(who, 'POST', '/api/children', syntheticChild(regionCode, {
    name, birthDate, idNumber, gender: 'female', school, categories: ['left_behind'], health: undefined,
    guardians: [{ name: guardian, relation: '祖母', phone: `1380000${String(1000 + n)}` }],
  }));
  expect(res.statusCode, res.body).toBe(201);
  kid[key] = { id: res.json().id as string, name, idNumber };
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: COUNTY, name: '松溪县民政局（事件测试）' });
  const zhengdun = await createOrg(ctx, { type: 'civil_affairs', regionCode: ZHENGDUN, name: '郑墩镇民政办（事件测试）' });
  const weitian = await createOrg(ctx, { type: 'civil_affairs', regionCode: WEITIAN, name: '渭田镇民政办（事件测试）' });
  const cac = await createOrg(ctx, { type: 'cyberspace', regionCode: COUNTY, name: '松溪县网信办（事件测试）' });
  const school = await createOrg(ctx, { type: 'school', regionCode: COUNTY });
  const sign = async (key: string, role: string, orgId: string) => {
    const s = await signInAs(app, ctx, { role, orgId } as never);
    cookies[key] = s.cookie;
    users[key] = s.user.username;
  };
  await sign('officer', 'protection_officer', county.id);
  await sign('cac', 'department_staff', cac.id);
  await sign('zdOfficer', 'civil_affairs_officer', zhengdun.id);
  await sign('zdDirector', 'child_director', zhengdun.id);
  await sign('wtOfficer', 'civil_affairs_officer', weitian.id);
  await sign('schoolStaff', 'department_staff', school.id);

  await register('lan', YANGDUN, '蓝若晴', '蓝秀英', '郑墩溪源中学', 1);
  await register('ouyang', ZHENGDUN_V, '欧阳晨曦', '欧阳建华', '郑墩星河中心小学', 2);
  await register('song', WUCUN, '宋可馨', '宋桂芳', '渭田中心小学', 3, 'wtOfficer');
  const { bytes } = await buildScreeningPackage(ctx, await actorForUsername(ctx, users.officer!));
  pkg = ScreeningPackage.fromBytes(bytes).assertCurrent();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const LEAK = { id: 'v-1001', url: 'https://video.example.net/v/1001', text: '【求助】松溪县郑墩镇洋墩村的蓝若晴今年十岁，是留守儿童，奶奶蓝秀英一个人带她，大家帮帮她吧' };
const source = { kind: 'cyberspace_screening', name: '某短视频平台' };

describe('POST /api/incidents/hits: bad input and roles (nothing written)', () => {
  it('the scanner finds the child by name and village in a post', () => {
    const hits = scan([LEAK]);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['name', 'village']));
    expect(hits[0]!.flags).toContain('label');
  });

  it('refuses a malformed hit, too many hits and an unknown source, naming the field', async () => {
    const [hit] = scan([LEAK]);
    const cases: Array<[object, RegExp]> = [
      [{ source, hits: [{ ...hit, child: '蓝若晴' }] }, /child：应为 32 位十六进制/u],
      [{ source, hits: [{ ...hit, evidence: [{ kind: 'name', start: 5, end: 2 }] }] }, /end 应大于 start/u],
      [{ source, hits: [{ ...hit, evidence: [{ kind: 'phone', start: 0, end: 2 }] }] }, /未知的证据类型/u],
      [{ source, hits: Array.from({ length: 1001 }, () => hit) }, /一次最多导入 1000 条命中/u],
      [{ source: { kind: 'rumour', name: '某平台' }, hits: [hit] }, /未知的来源/u],
      [{ source, hits: [] }, /至少提供一条命中/u],
    ];
    for (const [body, message] of cases) {
      const res = await call('cac', 'POST', '/api/incidents/hits', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('HUTONG_VALIDATION');
      expect(res.json().detail).toMatch(message);
    }
    expect(await count('incidents')).toBe(0);
    expect(await incidentLedger()).toBe(0);
  });

  it('a role without incident.manage, and a department outside the cyberspace office, are refused', async () => {
    const hits = scan([LEAK]);
    const director = await call('zdDirector', 'POST', '/api/incidents/hits', { source, hits });
    expect(director.statusCode).toBe(403);
    expect(director.json().article).toContain('第五条');
    const school = await call('schoolStaff', 'POST', '/api/incidents/hits', { source, hits });
    expect(school.statusCode).toBe(403);
    expect(school.json().detail).toContain('网信部门');
    expect(await count('incidents')).toBe(0);
  });
});

describe('ingest → the owning org is told', () => {
  let incidentId = '';

  it('creates one incident per (post, child), counts unknown references, keeps no copy of the post', async () => {
    const hits = scan([LEAK]);
    const unknown = { ...hits[0]!, id: 'v-2', child: randomBytes(16).toString('hex') };
    const res = await call('cac', 'POST', '/api/incidents/hits', { source, packageVersion: String(pkg.header.version), hits: [...hits, unknown], posts: [LEAK] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: 1, duplicates: 0, unresolved: 1 });
    incidentId = res.json().incidents[0];
    const stored = JSON.stringify(await ctx.db.selectFrom('incident_evidence').selectAll().execute()) + JSON.stringify(await ctx.db.selectFrom('incidents').selectAll().execute());
    for (const v of ['蓝若晴', '蓝秀英', '洋墩村', '郑墩镇洋墩村', kid.lan!.idNumber]) expect(stored).not.toContain(v);
  });

  it('the same hits again are duplicates: idempotent', async () => {
    const res = await call('cac', 'POST', '/api/incidents/hits', { source, hits: scan([LEAK]), posts: [LEAK] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: 0, duplicates: 1, unresolved: 0, incidents: [] });
    expect(await count('incidents')).toBe(1);
  });

  it('the owning township and its county see it with a masked name; another township gets 404', async () => {
    for (const who of ['zdOfficer', 'zdDirector', 'officer', 'cac']) {
      const list = await call(who, 'GET', '/api/incidents');
      expect(list.statusCode, `${who} ${list.body}`).toBe(200);
      expect(list.json().total, who).toBe(1);
      expect(list.json().items[0]).toMatchObject({
        id: incidentId, status: 'open', child: { maskedName: '蓝**', ownerOrgName: '郑墩镇民政办（事件测试）' },
        source: { kind: 'cyberspace_screening', name: '某短视频平台' }, url: LEAK.url, overdue: false, breach: false,
      });
    }
    const other = await call('wtOfficer', 'GET', `/api/incidents/${incidentId}`);
    expect(other.statusCode).toBe(404);
    expect((await call('wtOfficer', 'GET', '/api/incidents')).json()).toEqual({ items: [], total: 0 });
    expect((await call('wtOfficer', 'GET', `/api/incidents/${incidentId}/notices/${incidentId}/letter`)).statusCode).toBe(404);
  });

  it('detail: evidence is the post SM3 and an excerpt with the name, village and labels processed', async () => {
    const d = (await call('zdOfficer', 'GET', `/api/incidents/${incidentId}`)).json();
    expect(d.evidence).toHaveLength(1);
    expect(d.evidence[0].postSm3).toMatch(/^[0-9a-f]{64}$/u);
    expect(d.evidence[0].kinds).toEqual(expect.arrayContaining(['name', 'village']));
    const excerpt = d.evidence[0].excerpt as string;
    expect(excerpt.length).toBeGreaterThan(10);
    for (const v of ['蓝若晴', '蓝秀英', '洋墩村', '留守儿童']) expect(excerpt).not.toContain(v);
    expect(d.timeline.map((t: { act: string }) => t.act)).toEqual(['incident_open', 'incident_owner_told']);
    expect(d.abilities).toEqual({ notify: true, followUp: true, close: true, breach: false });
    const director = (await call('zdDirector', 'GET', `/api/incidents/${incidentId}`)).json();
    expect(director.abilities).toEqual({ notify: false, followUp: false, close: false, breach: false });
  });

  it('the home page of the owning org lists it under 待办 (openIncidents)', async () => {
    const dash = (await call('zdOfficer', 'GET', '/api/dashboard')).json();
    const todo = dash.todo.find((t: { kind: string }) => t.kind === 'openIncidents');
    expect(todo).toMatchObject({ count: 1, items: [{ id: incidentId, title: '某短视频平台' }] });
    expect(JSON.stringify(todo)).not.toContain('蓝');
    const other = (await call('wtOfficer', 'GET', '/api/dashboard')).json();
    expect(other.todo.map((t: { kind: string }) => t.kind)).not.toContain('openIncidents');
  });

  it('notice: dueDays 0 is refused with nothing written; a child director may not notify', async () => {
    const bad = await call('cac', 'POST', `/api/incidents/${incidentId}/notices`, { recipient: '某短视频平台', recipientKind: 'platform', dueDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('处理期限至少 1 天');
    const director = await call('zdDirector', 'POST', `/api/incidents/${incidentId}/notices`, { recipient: '某短视频平台', recipientKind: 'platform', dueDays: 3 });
    expect(director.statusCode).toBe(403);
    expect(await count('incident_notices')).toBe(0);
  });

  let noticeId = '';
  it('notice: the letter cites 第五、十四、十五条, carries the excerpt and SM3, and no ID number or full name', async () => {
    const res = await call('cac', 'POST', `/api/incidents/${incidentId}/notices`, { recipient: '某短视频平台', recipientKind: 'platform', dueDays: 3, contact: '0599-0000000（松溪县网信办）' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ recipient: '某短视频平台', recipientKind: 'platform', request: 'remove', articles: ['第五条', '第十四条', '第十五条'] });
    noticeId = res.json().id;
    const letter = await call('cac', 'GET', `/api/incidents/${incidentId}/notices/${noticeId}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(letter.headers['x-hutong-sm3']).toMatch(/^[0-9a-f]{64}$/u);
    const text = letter.body;
    for (const a of ['第五条', '第十四条', '第十五条', '《网络安全法》第四十七条']) expect(text).toContain(a);
    expect(text).toContain(LEAK.url);
    expect(text).toContain('0599-0000000');
    expect(text).toContain('标签化');
    const d = (await call('cac', 'GET', `/api/incidents/${incidentId}`)).json();
    expect(text).toContain(d.evidence[0].excerpt);
    expect(text).toContain(d.evidence[0].postSm3);
    for (const v of ['蓝若晴', '蓝秀英', '洋墩村', kid.lan!.idNumber]) expect(text).not.toContain(v);
    expect(text).not.toMatch(/\d{17}[\dXx]/u);
    expect(d).toMatchObject({ status: 'notified', overdue: false, notices: [{ id: noticeId }] });
    expect(new Date(d.dueAt).getTime() - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
  });

  it('overdue: a notice past its deadline shows in ?overdue=true', async () => {
    expect((await call('zdOfficer', 'GET', '/api/incidents?overdue=true')).json().total).toBe(0);
    await sql`UPDATE incidents SET due_at = now() - interval '1 day' WHERE id = ${incidentId}`.execute(ctx.db);
    const late = (await call('zdOfficer', 'GET', '/api/incidents?overdue=true')).json();
    expect(late).toMatchObject({ total: 1, items: [{ id: incidentId, overdue: true }] });
    expect((await call('zdOfficer', 'GET', '/api/incidents?status=closed')).json().total).toBe(0);
  });

  it('follow-up by the owning township, then closure; a closed incident takes no further step', async () => {
    const f = await call('zdOfficer', 'POST', `/api/incidents/${incidentId}/follow-ups`, { note: '平台回复已下架该视频', outcome: 'removed' });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json().followUps).toMatchObject([{ note: '平台回复已下架该视频', outcome: 'removed' }]);
    const badClose = await call('cac', 'POST', `/api/incidents/${incidentId}/close`, { resolution: 'gone' });
    expect(badClose.statusCode).toBe(400);
    const c = await call('cac', 'POST', `/api/incidents/${incidentId}/close`, { resolution: 'removed', note: '复核确认已删除' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'closed', closure: { resolution: 'removed', note: '复核确认已删除' }, abilities: { notify: false, close: false } });
    const again = await call('cac', 'POST', `/api/incidents/${incidentId}/notices`, { recipient: '某短视频平台', recipientKind: 'platform', dueDays: 3 });
    expect(again.statusCode).toBe(409);
    expect(await count('incident_notices')).toBe(1);
    const breach = await call('cac', 'POST', `/api/incidents/${incidentId}/breach`, { cause: '测试原因', infoTypes: ['姓名'], harm: '可能被骚扰', measures: '已删除该内容', contact: '0599-0000000', authority: '松溪县网信办' });
    expect(breach.statusCode).toBe(409);
  });

  it('every step is in the ledger, with the child and the owning org, and no value', async () => {
    const entries = await ctx.db.selectFrom('ledger_entries').selectAll().where('reason', 'like', `incident:${incidentId}%`).orderBy('id').execute();
    const acts = entries.map((e) => e.act);
    for (const a of ['incident_open', 'incident_owner_told', 'incident_notice', 'incident_letter', 'incident_follow_up', 'incident_close']) expect(acts).toContain(a);
    expect(acts).toContain('provide');
    const admin = entries.filter((e) => e.category === 'admin');
    expect(admin.every((e) => e.child_ids.includes(kid.lan!.id) && e.accountable_org_id !== null)).toBe(true);
    const child = await entriesFor(ctx, kid.lan!.id).execute();
    expect(child.some((e) => e.reason === 'incident_resolve' && e.act === 'use')).toBe(true);
    expect(child.some((e) => e.act === 'use' && e.fields.includes('name') && e.reason === 'incident_list')).toBe(true);
    expect((await ctx.db.selectFrom('ledger_entries').select('reason').where('act', '=', 'incident_ingest').execute()).map((e) => e.reason))
      .toEqual(expect.arrayContaining([expect.stringContaining('created:1;duplicates:0;unresolved:1')]));
    const text = JSON.stringify(await ctx.db.selectFrom('ledger_entries').selectAll().where('act', 'like', 'incident_%').execute());
    for (const v of ['蓝若晴', '蓝秀英', '洋墩村', '某短视频平台', '平台回复已下架该视频', kid.lan!.idNumber]) expect(text).not.toContain(v);
  });
});

describe('internal leak → breach handling (个人信息保护法 第五十七条)', () => {
  const INTERNAL = { id: 'dump-7', text: `网盘里有一份名单：欧阳晨曦，身份证号${'ID'}，住郑墩村` };
  let incidentId = '';

  it('an ID number in a leaked file is a hit; ingested as an internal leak', async () => {
    const post = { ...INTERNAL, text: INTERNAL.text.replace('ID', kid.ouyang!.idNumber) };
    const hits = scan([post]);
    expect(hits.map((h) => h.evidence.map((e) => e.kind)).flat()).toContain('id_number');
    const res = await call('officer', 'POST', '/api/incidents/hits', { source: { kind: 'internal', name: '本平台导出文件' }, hits, posts: [post] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().created).toBe(1);
    incidentId = res.json().incidents[0];
    const d = (await call('zdOfficer', 'GET', `/api/incidents/${incidentId}`)).json();
    expect(d.abilities.breach).toBe(true);
    expect(JSON.stringify(d.evidence)).not.toContain(kid.ouyang!.idNumber);
    expect(JSON.stringify(d.evidence)).not.toContain('欧阳晨曦');
  });

  it('cannot be closed as handled before the breach is recorded', async () => {
    const res = await call('officer', 'POST', `/api/incidents/${incidentId}/close`, { resolution: 'removed', note: '已删除网盘文件' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'HUTONG_BREACH_REQUIRED', article: '《个人信息保护法》第五十七条' });
  });

  it('breach: bad input refused; recorded once; letters carry the 第五十七条 contents and no full name or ID number', async () => {
    const bad = await call('officer', 'POST', `/api/incidents/${incidentId}/breach`, { cause: '', infoTypes: [], harm: '', measures: '', contact: '', authority: '' });
    expect(bad.statusCode).toBe(400);
    expect(await count('incident_breaches')).toBe(0);
    const body = {
      cause: '工作人员将导出的名单误传至公开网盘', infoTypes: ['姓名', '身份证号', '住址'], harm: '可能被冒用身份或遭受骚扰',
      measures: '已删除网盘文件并吊销该账号的导出权限', contact: '松溪县民政局 0599-1111111', authority: '松溪县网信办',
    };
    const res = await call('officer', 'POST', `/api/incidents/${incidentId}/breach`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ breach: true, breachRecord: { authority: '松溪县网信办', infoTypes: body.infoTypes }, abilities: { breach: false } });
    expect((await call('officer', 'POST', `/api/incidents/${incidentId}/breach`, body)).statusCode).toBe(409);

    for (const kind of ['authority', 'guardian']) {
      const letter = await call('officer', 'GET', `/api/incidents/${incidentId}/breach/letters/${kind}`);
      expect(letter.statusCode, letter.body).toBe(200);
      expect(letter.headers['content-type']).toBe('text/markdown; charset=utf-8');
      const text = letter.body;
      for (const item of ['信息种类', '原因', '可能造成的危害', '补救措施', '减轻危害的措施', '联系方式', '第五十七条', '第三十五条']) expect(text, `${kind} ${item}`).toContain(item);
      for (const v of [body.cause, body.harm, body.measures, body.contact]) expect(text).toContain(v);
      expect(text).not.toContain('欧阳晨曦');
      expect(text).not.toContain(kid.ouyang!.idNumber);
    }
    expect((await call('officer', 'GET', `/api/incidents/${incidentId}/breach/letters/authority`)).body).toContain('致：松溪县网信办');
    expect((await call('officer', 'GET', `/api/incidents/${incidentId}/breach/letters/guardian`)).body).toContain('欧**');
  });

  it('an external incident takes no breach record; the internal one closes once it has one', async () => {
    const close = await call('officer', 'POST', `/api/incidents/${incidentId}/close`, { resolution: 'removed', note: '已删除并完成报告与告知' });
    expect(close.statusCode, close.body).toBe(200);
    const entries = await ctx.db.selectFrom('ledger_entries').select(['act', 'reason']).where('reason', 'like', `incident:${incidentId}%`).execute();
    expect(entries.map((e) => e.act)).toEqual(expect.arrayContaining(['incident_breach', 'incident_letter', 'incident_close']));
    expect(entries.filter((e) => e.act === 'incident_letter').map((e) => e.reason)).toEqual(expect.arrayContaining([
      expect.stringMatching(/letter:authority;sm3:[0-9a-f]{64}$/u), expect.stringMatching(/letter:guardian;sm3:[0-9a-f]{64}$/u),
    ]));
  });
});

describe('OpenAPI', () => {
  it('documents every incident route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining([
      '/api/incidents/hits', '/api/incidents/', '/api/incidents/{id}', '/api/incidents/{id}/notices', '/api/incidents/{id}/notices/{noticeId}/letter',
      '/api/incidents/{id}/follow-ups', '/api/incidents/{id}/close', '/api/incidents/{id}/breach', '/api/incidents/{id}/breach/letters/{kind}',
    ]));
  });
});
