import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { cliActor } from '../../src/import/index.ts';
import { keyStatus, rotateMasterKey } from '../../src/keys/index.ts';
import { applyRewraps } from '../../src/keys/keys.repo.ts';
import { loadOrCreateKeyring } from '../../src/shared/crypto/index.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';

/**
 * `hutong keys rotate` moves publications' keys too (等保2.0 密钥管理): otherwise an old
 * master-key version could never be retired while a draft or a review record still needs it.
 */
const COUNTY = '350102000000';
const TEXT = '县里开展暑期关爱活动，志愿者陪伴孩子们读书、游戏。';

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ids: Record<'pending' | 'approved', string> = { pending: '', approved: '' };
let fileName = '';

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
const submit = async () => {
  const res = await call('media', 'POST', '/api/publications', {
    title: '暑期关爱活动', kind: 'news', channel: 'newspaper', audience: 'public',
    files: [{ filename: '通讯稿.txt', contentBase64: Buffer.from(TEXT).toString('base64') }],
  });
  expect(res.statusCode, res.body).toBe(201);
  fileName = res.json().files[0].name as string;
  return res.json().id as string;
};
const keysOf = (id: string) => ctx.db.selectFrom('publications')
  .select(['record_key_wrapped', 'record_key_version', 'draft_key_wrapped', 'draft_key_version']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const media = await createOrg(ctx, { type: 'media', regionCode: COUNTY });
  const publicity = await createOrg(ctx, { type: 'publicity', regionCode: COUNTY });
  cookies.media = (await signInAs(app, ctx, { role: 'department_staff', orgId: media.id } as never)).cookie;
  cookies.reviewer = (await signInAs(app, ctx, { role: 'reviewer', orgId: publicity.id } as never)).cookie;
  ids.pending = await submit();
  ids.approved = await submit();
  const ok = await call('reviewer', 'POST', `/api/publications/${ids.approved}/approve`, { note: '同意发布' });
  expect(ok.statusCode, ok.body).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('key rotation and publications', () => {
  it('re-wraps every record key and every draft key still held; a destroyed draft key stays destroyed', async () => {
    expect((await keysOf(ids.approved)).draft_key_wrapped).toBeNull(); // approval destroyed the draft
    const before = await keysOf(ids.pending);

    // As a separate `hutong keys rotate` process would: the key file as it is now.
    const r = await rotateMasterKey({ ...ctx, keyring: loadOrCreateKeyring({ keyFile: ctx.config.keyFile, env: {} }) }, { actor: cliActor(null) });
    expect(r).toMatchObject({ from: 1, to: 2, total: 3, rewrapped: 3, skipped: 0, failed: [], remaining: 0 });
    expect(r.byHolder).toEqual({ child: 0, publication_record: 2, publication_draft: 1 });

    const after = await keysOf(ids.pending);
    expect(after).toMatchObject({ record_key_version: 2, draft_key_version: 2 });
    expect(after.record_key_wrapped.equals(before.record_key_wrapped)).toBe(false);
    expect(after.draft_key_wrapped!.equals(before.draft_key_wrapped!)).toBe(false);
    expect(await keysOf(ids.approved)).toMatchObject({ record_key_version: 2, draft_key_wrapped: null, draft_key_version: null });

    const status = await keyStatus({ ...ctx, keyring: loadOrCreateKeyring({ keyFile: ctx.config.keyFile, env: {} }) });
    expect(status.versions).toEqual([
      { version: 1, children: 0, publicationKeys: 0, inKeyFile: true },
      { version: 2, children: 0, publicationKeys: 3, inKeyFile: true },
    ]);
  });

  it('the running server opens the re-wrapped keys: the review record, the original draft and the approved file', async () => {
    const detail = await call('reviewer', 'GET', `/api/publications/${ids.pending}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ status: 'in_review', draft: { available: true } });
    const original = await call('reviewer', 'GET', `/api/publications/${ids.pending}/files/${encodeURIComponent(fileName)}?version=original`);
    expect(original.statusCode, original.body).toBe(200);
    expect(original.body).toBe(TEXT);
    const approved = await call('media', 'GET', `/api/publications/${ids.approved}/files/${encodeURIComponent(fileName)}`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.headers['x-hutong-approval']).toBe('approved');
  });

  it('never brings back a draft key destroyed while rotation ran', async () => {
    const row = await keysOf(ids.pending);
    await ctx.db.updateTable('publications').set({ draft_key_wrapped: null, draft_key_version: null, draft_enc: null, draft_purged_at: new Date() })
      .where('id', '=', ids.pending).execute();
    const applied = await applyRewraps(ctx.db, 'publication_draft', [{ id: ids.pending, oldWrapped: row.draft_key_wrapped!, oldVersion: row.draft_key_version!, wrapped: Buffer.alloc(40, 1), version: 9 }]);
    expect(applied).toBe(0);
    expect((await keysOf(ids.pending)).draft_key_wrapped).toBeNull();
  });
});
