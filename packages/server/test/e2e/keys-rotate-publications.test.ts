import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/import/index.ts';
import { keyStatus, rotateMasterKey } from '../../src/keys/index.ts';
import { applyRewraps } from '../../src/keys/keys.repo.ts';
import { loadOrCreateKeyring } from '../../src/shared/crypto/index.ts';
import { publicationDesk, type PublicationDesk } from '../helpers/publication-desk.ts';

/**
 * `hutong keys rotate` moves publications' keys too (等保2.0 密钥管理): otherwise an old
 * master-key version could never be retired while a draft or a review record still needs it.
 */
const TEXT = '县里开展暑期关爱活动，志愿者陪伴孩子们读书、游戏。';

let desk: PublicationDesk;
const ids: Record<'pending' | 'approved', string> = { pending: '', approved: '' };
let fileName = '';

const keysOf = (id: string) => desk.ctx.db.selectFrom('publications')
  .select(['record_key_wrapped', 'record_key_version', 'draft_key_wrapped', 'draft_key_version']).where('id', '=', id).executeTakeFirstOrThrow();
/** As a separate `hutong keys rotate` process sees things: the key file as it is now. */
const cliProcess = () => ({ ...desk.ctx, keyring: loadOrCreateKeyring({ keyFile: desk.ctx.config.keyFile, env: {} }) });

beforeAll(async () => {
  desk = await publicationDesk();
  const pending = await desk.submitText(TEXT);
  ids.pending = pending.id;
  fileName = pending.files[0]!.name;
  ids.approved = (await desk.submitText(TEXT)).id;
  const ok = await desk.call('reviewer', 'POST', `/api/publications/${ids.approved}/approve`, { note: '同意发布' });
  expect(ok.statusCode, ok.body).toBe(200);
});
afterAll(async () => desk?.close());

describe('key rotation and publications', () => {
  it('re-wraps every record key and every draft key still held; a destroyed draft key stays destroyed', async () => {
    expect((await keysOf(ids.approved)).draft_key_wrapped).toBeNull(); // approval destroyed the draft
    const before = await keysOf(ids.pending);

    const r = await rotateMasterKey(cliProcess(), { actor: cliActor(null) });
    expect(r).toMatchObject({ from: 1, to: 2, total: 3, rewrapped: 3, skipped: 0, failed: [], remaining: 0 });
    expect(r.byHolder).toEqual({ child: 0, publication_record: 2, publication_draft: 1 });

    const after = await keysOf(ids.pending);
    expect(after).toMatchObject({ record_key_version: 2, draft_key_version: 2 });
    expect(after.record_key_wrapped.equals(before.record_key_wrapped)).toBe(false);
    expect(after.draft_key_wrapped!.equals(before.draft_key_wrapped!)).toBe(false);
    expect(await keysOf(ids.approved)).toMatchObject({ record_key_version: 2, draft_key_wrapped: null, draft_key_version: null });

    const status = await keyStatus(cliProcess());
    expect(status.versions).toEqual([
      { version: 1, children: 0, publicationKeys: 0, inKeyFile: true },
      { version: 2, children: 0, publicationKeys: 3, inKeyFile: true },
    ]);
  });

  it('the running server opens the re-wrapped keys: the review record, the original draft and the approved file', async () => {
    const detail = await desk.call('reviewer', 'GET', `/api/publications/${ids.pending}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ status: 'in_review', draft: { available: true } });
    const original = await desk.call('reviewer', 'GET', `/api/publications/${ids.pending}/files/${encodeURIComponent(fileName)}?version=original`);
    expect(original.statusCode, original.body).toBe(200);
    expect(original.body).toBe(TEXT);
    const approved = await desk.call('media', 'GET', `/api/publications/${ids.approved}/files/${encodeURIComponent(fileName)}`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.headers['x-hutong-approval']).toBe('approved');
  });

  it('never brings back a draft key destroyed while rotation ran', async () => {
    const row = await keysOf(ids.pending);
    await desk.ctx.db.updateTable('publications').set({ draft_key_wrapped: null, draft_key_version: null, draft_enc: null, draft_purged_at: new Date() })
      .where('id', '=', ids.pending).execute();
    const applied = await applyRewraps(desk.ctx.db, 'publication_draft', [{ id: ids.pending, oldWrapped: row.draft_key_wrapped!, oldVersion: row.draft_key_version!, wrapped: Buffer.alloc(40, 1), version: 9 }]);
    expect(applied).toBe(0);
    expect((await keysOf(ids.pending)).draft_key_wrapped).toBeNull();
  });
});
