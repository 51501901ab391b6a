import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { rotateMasterKey } from '../../src/keys/index.ts';
import { cliActor } from '../../src/import/cli-actor.ts';
import { loadOrCreateKeyring } from '../../src/shared/crypto/index.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { syntheticChild } from '../helpers/registry-fixtures.ts';

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102000000' });
  cookies.admin = (await signInAs(app, ctx, { role: 'admin' } as never)).cookie;
  cookies.civil = (await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: county.id } as never)).cookie;
  const res = await app.inject({ method: 'POST', url: '/api/children', headers: { cookie: cookies.civil }, payload: syntheticChild('350102001001') });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const status = (who: string) => app.inject({ method: 'GET', url: '/api/keys/status', headers: { cookie: cookies[who]! } });

describe('GET /api/keys/status (等保2.0 三级 密钥管理)', () => {
  it('shows the administrator which key versions wrap how many children, and no key material', async () => {
    const res = await status('admin');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ currentVersion: 1, lastRotation: null });
    expect(body.versions).toEqual([{ version: 1, children: 1, publicationKeys: 0, inKeyFile: true }]);
    expect(res.body).not.toMatch(/"key"|secret|material/iu);
  });

  it('after a rotation the new version is current, every child rewrapped, and the rotation dated', async () => {
    // As `hutong keys rotate` does it: another process, loading the key file itself.
    await rotateMasterKey({ ...ctx, keyring: loadOrCreateKeyring({ keyFile: ctx.config.keyFile, env: {} }) }, { actor: cliActor(null) });
    const body = (await status('admin')).json();
    expect(body.currentVersion).toBe(2);
    expect(body.versions).toEqual([{ version: 1, children: 0, publicationKeys: 0, inKeyFile: true }, { version: 2, children: 1, publicationKeys: 0, inKeyFile: true }]);
    expect(body.lastRotation).toMatchObject({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/u), by: expect.stringMatching(/^cli:/u) });
  });

  it('is refused to staff who do not manage the system (最小授权)', async () => {
    const res = await status('civil');
    expect(res.statusCode).toBe(403);
    expect(res.json().title).toContain('管理机构');
  });

  it('needs a login', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/keys/status' })).statusCode).toBe(401);
  });
});
