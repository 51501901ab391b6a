import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { syntheticChild } from '../helpers/registry-fixtures.ts';

const COUNTY = '350102000000';
const TOWNSHIP = '350102001000';
const VILLAGE = '350102001001';
/** Synthetic: a made-up child whose name no tagger is expected to know. */
const CHILD = '司马晨曦';
const SCHOOL = '鼓楼区示例第九中心小学';

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let childId = '';

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const township = await createOrg(ctx, { type: 'civil_affairs', regionCode: TOWNSHIP });
  const otherCounty = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350103000000' });
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: COUNTY });
  const users = {
    director: { role: 'child_director', orgId: township.id, jurisdiction: VILLAGE },
    reviewer: { role: 'reviewer', orgId: county.id },
    otherOfficer: { role: 'civil_affairs_officer', orgId: otherCounty.id },
  } as const;
  for (const [k, u] of Object.entries(users)) cookies[k] = (await signInAs(app, ctx, u as never)).cookie;
  const res = await app.inject({ method: 'POST', url: '/api/children', headers: { cookie: cookies.director! }, payload: syntheticChild(VILLAGE, { name: CHILD, school: SCHOOL }) });
  expect(res.statusCode, res.body).toBe(201);
  childId = res.json().id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const post = (who: string | null, url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, headers: who ? { cookie: cookies[who]! } : {}, payload: payload as object });

const termEntries = () => ctx.db.selectFrom('ledger_entries').selectAll().where('reason', '=', 'redact_registry_terms').orderBy('id').execute();

interface FindingOut { type: string; start: number; end: number; text: string; score: number; source: string }

describe('POST /api/redact/detect', () => {
  it('needs a signed-in account (401 problem+json in Chinese)', async () => {
    const res = await post(null, '/api/redact/detect', { text: '张三的电话是13912345678' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/u);
    expect(res.json().detail).toMatch(/登录/u);
  });

  it('lets a reviewer (no registry permission) detect; offsets are code points, end exclusive', async () => {
    const text = '🎉联系电话：13912345678，请转告家长。';
    const res = await post('reviewer', '/api/redact/detect', { text });
    expect(res.statusCode, res.body).toBe(200);
    const findings = res.json().findings as FindingOut[];
    const chars = [...text];
    for (const f of findings) expect(chars.slice(f.start, f.end).join('')).toBe(f.text);
    expect(findings.find((f) => f.type === 'PHONE')).toMatchObject({ start: 6, end: 17, text: '13912345678' });
  });

  it('with useRegistry finds the org’s registered child by name and ledgers the read (field names only)', async () => {
    const before = (await termEntries()).length;
    const text = `😀${CHILD}今天在${SCHOOL}领奖。`;
    const res = await post('director', '/api/redact/detect', { text, useRegistry: true });
    expect(res.statusCode, res.body).toBe(200);
    const name = (res.json().findings as FindingOut[]).find((f) => f.text === CHILD);
    expect(name).toMatchObject({ type: 'PERSON', start: 1, end: 5, source: 'registry', score: 1 });
    const entries = await termEntries();
    expect(entries.length).toBe(before + 1);
    const e = entries.at(-1)!;
    expect(e).toMatchObject({ act: 'use', outcome: 'allowed', category: 'processing' });
    expect(e.child_ids).toContain(childId);
    expect(e.fields).toEqual(['guardianName', 'name', 'regionCode', 'school']);
    expect(JSON.stringify(e)).not.toContain(CHILD);
  });

  it('without useRegistry the registry is not read', async () => {
    const before = (await termEntries()).length;
    expect((await post('director', '/api/redact/detect', { text: `${CHILD}今天领奖。` })).statusCode).toBe(200);
    expect((await termEntries()).length).toBe(before);
  });

  it('refuses useRegistry to a reviewer (a match would reveal who is registered) and ledgers the refusal', async () => {
    const res = await post('reviewer', '/api/redact/detect', { text: `${CHILD}今天领奖。`, useRegistry: true });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/名册/u);
    expect((await termEntries()).at(-1)).toMatchObject({ outcome: 'denied', act: 'use' });
  });

  it('another county’s officer gets no match from this registry', async () => {
    const res = await post('otherOfficer', '/api/redact/detect', { text: `${CHILD}今天领奖。`, useRegistry: true });
    expect(res.statusCode).toBe(200);
    expect((res.json().findings as FindingOut[]).some((f) => f.source === 'registry')).toBe(false);
  });

  it('rejects a text over 100 万字 (400) and a body over the limit (413), in Chinese', async () => {
    const long = await post('reviewer', '/api/redact/detect', { text: 'a'.repeat(1_000_001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().detail).toMatch(/文本过长/u);
    const huge = await post('reviewer', '/api/redact/detect', { text: '汉'.repeat(1_500_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toBe('请求体过大');
  });
});

describe('POST /api/redact/text', () => {
  it('processes a text with a preset: the phone number and the registered name are gone, the report masks originals', async () => {
    const text = `记者走访了${CHILD}家，联系电话13912345678。${CHILD}说想当老师。`;
    const res = await post('director', '/api/redact/text', { text, preset: 'news', useRegistry: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { text: string; findings: FindingOut[]; report: Array<{ type: string; original?: string; article: string; operator: string }> };
    expect(body.text).not.toContain(CHILD);
    expect(body.text).not.toContain('13912345678');
    expect(body.findings.filter((f) => f.type === 'PERSON').length).toBe(2);
    expect(body.report.length).toBe(body.findings.length);
    for (const r of body.report) {
      expect(r.article).toBeTruthy();
      expect(r.original ?? '').not.toContain(CHILD);
    }
  });

  it('answers an unknown preset with 400 naming the choices in Chinese', async () => {
    const res = await post('reviewer', '/api/redact/text', { text: '测试', preset: 'tabloid' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/u);
    const body = res.json();
    expect(body.fields[0].field).toBe('preset');
    expect(body.fields[0].message).toMatch(/未知的预设.*news/u);
  });

  it('answers a bad policy operator with 400 naming the key', async () => {
    const res = await post('reviewer', '/api/redact/text', { text: '测试', preset: 'news', policy: { operators: { PHONE: 'shred' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/operators\.PHONE/u);
  });
});
