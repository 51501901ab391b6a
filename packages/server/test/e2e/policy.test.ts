import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';

let ctx: AppContext;
let app: FastifyInstance;
let cookie = '';
const EXAMPLES = path.resolve(import.meta.dirname, '../../../../docs/policy-scenarios.example.jsonl');

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const org = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102000000' });
  cookie = (await signInAs(app, ctx, { role: 'auditor', orgId: org.id } as never)).cookie;
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('GET /api/purposes', () => {
  it('lists the catalogue, forbidden purposes marked (第十五条)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/purposes', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const byCode = Object.fromEntries(res.json().map((p: { code: string }) => [p.code, p]));
    expect(byCode.fundraising.forbidden).toBe(true);
    expect(byCode.social_assistance.forbidden).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/purposes' })).statusCode).toBe(401);
  });
});

describe('POST /api/policy/check', () => {
  it('answers every example scenario with a decision whose reasons cite articles', async () => {
    const lines = fs.readFileSync(EXAMPLES, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const res = await app.inject({ method: 'POST', url: '/api/policy/check', headers: { cookie }, payload: lines });
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out).toHaveLength(lines.length);
    for (const r of out) {
      expect(['allow', 'deny']).toContain(r.decision);
      for (const reason of r.reasons) expect(reason.article).toMatch(/《.+》第.+条/u);
    }
    const denied = out.filter((r: { decision: string }) => r.decision === 'deny');
    expect(denied.length).toBeGreaterThan(0);
  });

  it('reports a malformed scenario by field without failing the others', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/policy/check', headers: { cookie }, payload: [{ id: 'x', date: '2026-02-30' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0].error.fields.length).toBeGreaterThan(0);
  });
});
