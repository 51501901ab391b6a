import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChild } from '../../src/registry/registry.service.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { actorFor, insertOrg, syntheticChild } from '../helpers/registry-fixtures.ts';

/** 个人信息保护法 第五十一条: identifying values never reach the database files in clear. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

function pgDumpBin(): string {
  const dirs = fs.readdirSync('/usr/lib/postgresql').sort();
  return `/usr/lib/postgresql/${dirs.at(-1)}/bin/pg_dump`;
}

describe('encryption at rest', () => {
  it('no name, ID number or phone of an imported child appears in the database files or a pg_dump', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-at-rest-'));
    const onServer = Boolean(process.env.HUTONG_TEST_DATABASE_URL);
    const ctx = await createTestContext(onServer ? {} : { dataDir });
    const org = await insertOrg(ctx, { type: 'civil_affairs', region: '350102000000', name: '鼓楼区民政局（明文对照）' });
    const actor = await actorFor(ctx, org, 'civil_affairs_officer');
    const secrets: string[] = [];
    for (let i = 0; i < 20; i++) {
      const c = syntheticChild('350102001001', { name: `司马测${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 2) % 10]}` });
      await createChild(ctx, actor, c);
      secrets.push(c.name, c.idNumber, c.phone, c.guardians[0]!.name, c.guardians[0]!.phone, c.residenceAddress);
    }
    await ctx.ledger.flush();
    let haystack: Buffer;
    if (onServer) {
      haystack = execFileSync(pgDumpBin(), ['--no-owner', ctx.config.databaseUrl!], { maxBuffer: 512 * 1024 * 1024 });
      await ctx.close();
    } else {
      await ctx.close();
      haystack = Buffer.concat(filesUnder(path.join(dataDir, 'pgdata')).map((f) => fs.readFileSync(f)));
    }
    // The scan must be able to fail: a value stored in clear (the org name) is found.
    expect(haystack.includes(Buffer.from('鼓楼区民政局（明文对照）'))).toBe(true);
    const leaked = secrets.filter((s) => haystack.includes(Buffer.from(s, 'utf8')));
    expect(leaked).toEqual([]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
