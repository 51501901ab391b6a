import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createContext, loadConfig } from '../src/server-api.ts';
import { BIN, FIX, hutongIn, tempDir } from './run-hutong.ts';

const dir = tempDir('hutong-cli-test-');
const hutong = hutongIn(dir);

describe('hutong (executable)', { timeout: 120_000 }, () => {
  it('is executable and prints Chinese help', async () => {
    expect(fs.statSync(BIN).mode & 0o111).not.toBe(0);
    const r = await hutong(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法：');
    for (const c of ['org', 'user', 'import', 'export', 'ledger', 'keys', 'demo']) expect(r.stdout).toContain(`  ${c} `);
    const bad = await hutong(['org', 'add', '--name', 'x', '--bogus']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('错误：');
  });

  let orgId = '';
  it('org add prints the new id (first start prints the admin password on stderr)', async () => {
    const r = await hutong(['org', 'add', '--name', '松溪县郑墩镇民政办（CLI测试）', '--type', '民政', '--region', '350724101000']);
    expect(r.stderr).toContain('首次启动');
    expect(r.code).toBe(0);
    orgId = r.stdout.trim();
    expect(orgId).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it('import refuses the bad file naming rows, then imports the valid one', async () => {
    const bad = await hutong(['import', 'children', '--file', path.join(FIX, 'children-bad.csv'), '--org', '松溪县郑墩镇民政办（CLI测试）']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('第 3 行 身份证号');
    expect(bad.stdout).toContain('未导入任何数据');
    const ok = await hutong(['import', 'children', '--file', path.join(FIX, 'children-valid.csv'), '--org', orgId]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('已导入 20 名儿童');
  });

  it('user add prints a one-time password; a wrong jurisdiction is refused in Chinese', async () => {
    const r = await hutong(['user', 'add', '--username', 'zd.zhuren', '--name', '张主任', '--org', orgId, '--role', 'child_director', '--jurisdiction', '350724101201']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/一次性密码：\S{19}/u);
    const bad = await hutong(['user', 'add', '--username', 'zd.other', '--name', '李', '--org', orgId, '--role', 'child_director', '--jurisdiction', '110101']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--jurisdiction：');
  });

  it('ledger verify passes, then names the entry someone altered', async () => {
    const ok = await hutong(['ledger', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('台账校验通过');
    expect(ok.stdout).toMatch(/已核验条目：\d+/u);

    // A database administrator alters one sequenced entry behind the ledger's back (the CLI has
    // exited and freed the data dir); the append-only trigger has to be switched off for that.
    const ctx = await createContext({ config: loadConfig({ HUTONG_DATA_DIR: dir }) });
    try {
      await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(ctx.db);
      const r = await ctx.db.updateTable('ledger_entries').set({ reason: 'edited' }).where('seq', '=', 3).executeTakeFirst();
      expect(Number(r.numUpdatedRows)).toBe(1);
      await sql`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`.execute(ctx.db);
    } finally {
      await ctx.close();
    }
    const bad = await hutong(['ledger', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('台账校验失败');
    expect(bad.stderr).toContain('第 3 号条目');
  });

  it('demo seed refuses a database that already holds children', async () => {
    const r = await hutong(['demo', 'seed', '--children', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('演示数据只能写入空数据库');
  });
});
