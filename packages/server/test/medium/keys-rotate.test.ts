import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { orgsService } from '../../src/orgs/index.ts';
import { cliActor, exportChildren, importChildren, type ImportOrg } from '../../src/import/index.ts';
import { keyStatus, reloadingKeyring, reloadKeyring, rotateMasterKey } from '../../src/keys/index.ts';
import { applyRewraps } from '../../src/keys/keys.repo.ts';
import { getChild } from '../../src/registry/registry.service.ts';
import { loadOrCreateKeyring, newKeyringJson } from '../../src/shared/crypto/index.ts';
import { createTestContext } from '../helpers/test-context.ts';

const VALID = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/children-valid.csv');

let ctx: AppContext;
let org: ImportOrg;
/** What a running server holds: the keyring loaded at its start, able to re-read the file. */
let server: AppContext;

/** What a separate `hutong keys rotate` process loads: the key file as it is now. */
const cliProcess = (): AppContext => ({ ...ctx, keyring: loadOrCreateKeyring({ keyFile: ctx.config.keyFile, env: {} }) });
const versions = async () => (await ctx.db.selectFrom('children').select('master_key_version').distinct().execute()).map((r) => r.master_key_version);

beforeAll(async () => {
  ctx = await createTestContext();
  org = await orgsService.createOrg(ctx, null, { name: '松溪县郑墩镇民政办（密钥测试）', type: 'civil_affairs', regionCode: '350724101000' });
  expect((await importChildren(ctx, { file: VALID, org, actor: cliActor(org) })).imported).toBe(20);
  server = { ...ctx, keyring: reloadingKeyring(ctx.keyring, ctx.config.keyFile) };
});
afterAll(async () => ctx?.close());

describe('hutong keys rotate', () => {
  it('re-wraps every child to the new version; the running server still reads every child', async () => {
    const before = ctx.keyring;
    const r = await rotateMasterKey(cliProcess(), { actor: cliActor(null), batchSize: 7 });
    expect(r).toMatchObject({ from: 1, to: 2, total: 20, rewrapped: 20, byHolder: { child: 20, publication_record: 0, publication_draft: 0 }, skipped: 0, failed: [], remaining: 0 });
    expect(await versions()).toEqual([2]);

    const status = await keyStatus(cliProcess());
    expect(status).toMatchObject({ currentVersion: 2, versions: [{ version: 1, children: 0, publicationKeys: 0, inKeyFile: true }, { version: 2, children: 20, publicationKeys: 0, inKeyFile: true }] });

    // The context loaded before the rotation knew only version 1; it re-reads the key file when it meets version 2.
    const { id } = await ctx.db.selectFrom('children').select('id').limit(1).executeTakeFirstOrThrow();
    expect(before.versions).toEqual([1]);
    const seen = await getChild(ctx, cliActor(org), id, { purpose: 'social_assistance' });
    expect(seen.groups.flatMap((g) => g.fields).find((f) => f.key === 'name')!.masked).toBe(false);

    const child = await getChild(server, cliActor(org), id, { purpose: 'social_assistance' });
    expect(child.groups.flatMap((g) => g.fields).find((f) => f.key === 'name')!.value).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(server.keyring.currentVersion).toBe(2); // new children from the server now go under v2 as well

    // Every child, guardians included, still decrypts: an unmasked export reads them all.
    const out = path.join(ctx.config.dataDir, 'after-rotate.csv');
    expect((await exportChildren(server, { org, actor: cliActor(org), out, purpose: 'social_assistance' })).children).toBe(20);
    const text = fs.readFileSync(out, 'utf8');
    for (const line of fs.readFileSync(VALID, 'utf8').split(/\r?\n/u).slice(1).filter(Boolean)) expect(text).toContain(line.split(',')[0]!);

    const entry = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'key_rotate').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ category: 'admin', outcome: 'succeeded', reason: 'v1->v2 rewrapped:20 skipped:0 failed:0' });
  });

  it('rotates again and keeps every older version in the key file', async () => {
    const r = await rotateMasterKey(cliProcess(), { actor: cliActor(null) });
    expect(r).toMatchObject({ from: 2, to: 3, rewrapped: 20 });
    expect(JSON.parse(fs.readFileSync(ctx.config.keyFile, 'utf8')).masterKeys).toHaveProperty('1');
    expect((await keyStatus(cliProcess())).versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(reloadKeyring(server.keyring)).toBe(true); // explicit reload (e.g. on SIGHUP) works too
    expect(server.keyring.currentVersion).toBe(3);
  });

  it('never brings back the key of a child shredded during rotation', async () => {
    const row = await ctx.db.selectFrom('children').select(['id', 'data_key_wrapped', 'master_key_version']).limit(1).executeTakeFirstOrThrow();
    await ctx.db.updateTable('children').set({ data_key_wrapped: null, master_key_version: null }).where('id', '=', row.id).execute();
    const applied = await applyRewraps(ctx.db, 'child', [{ id: row.id, oldWrapped: row.data_key_wrapped!, oldVersion: row.master_key_version!, wrapped: Buffer.alloc(40, 1), version: 9 }]);
    expect(applied).toBe(0);
    expect((await ctx.db.selectFrom('children').select('data_key_wrapped').where('id', '=', row.id).executeTakeFirstOrThrow()).data_key_wrapped).toBeNull();
  });

  it('refuses to adopt a key file replaced by an unrelated keyring', () => {
    const ring = reloadingKeyring(loadOrCreateKeyring({ keyFile: ctx.config.keyFile, env: {} }), ctx.config.keyFile);
    fs.writeFileSync(ctx.config.keyFile, JSON.stringify(newKeyringJson('sm4-sm3')), { mode: 0o600 });
    expect(() => ring.masterKey(99)).toThrow(/不相容/u);
  });
});

