import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import type { Actor } from '../../src/shared/http/actor.ts';
import { orgsService } from '../../src/orgs/index.ts';
import { cliActor, exportChildren, importChildren, type ImportOrg } from '../../src/import/index.ts';
import { createTestContext } from '../helpers/test-context.ts';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const fixture = (name: string) => path.join(FIX, name);
const readCsv = (file: string) => parse(fs.readFileSync(file), { bom: true, columns: true }) as Array<Record<string, string>>;

let ctx: AppContext;
let org: ImportOrg;
let actor: Actor;
let tmp: string;

const count = async (table: 'children' | 'ledger_entries' | 'guardians') =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const collectEntries = () => ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'collect').where('reason', '=', 'import').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-import-'));
  // 松溪县郑墩镇: the township every fixture row lies in (except the one meant to lie outside).
  org = await orgsService.createOrg(ctx, null, { name: '松溪县郑墩镇民政办（测试）', type: 'civil_affairs', regionCode: '350724101000' });
  actor = cliActor(org);
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await ctx?.close();
});

describe('hutong import children', () => {
  it('imports a valid CSV: every row stored, each with its own 收集 entry naming fields only', async () => {
    const r = await importChildren(ctx, { file: fixture('children-valid.csv'), org, actor });
    expect(r).toMatchObject({ rows: 20, valid: 20, invalid: 0, imported: 20, refused: false, format: 'csv' });
    expect(await count('children')).toBe(20);
    const entries = await collectEntries();
    expect(entries).toHaveLength(20);
    expect(new Set(entries.map((e) => e.child_ids[0])).size).toBe(20);
    expect(entries.every((e) => e.child_ids.length === 1 && e.accountable_org_id === org.id && e.actor_user_id === actor.userId)).toBe(true);
    expect(entries[0]!.fields).toEqual(expect.arrayContaining(['name', 'idNumber', 'categories', 'guardianName']));
    const first = readCsv(fixture('children-valid.csv'))[0]!;
    expect(JSON.stringify(entries)).not.toContain(first['身份证号']);
    expect(JSON.stringify(entries)).not.toContain(first['姓名']);
  });

  it('imports the XLSX fixture (text ID column, date cells) the same way', async () => {
    const before = await count('children');
    const r = await importChildren(ctx, { file: fixture('children-valid.xlsx'), org, actor });
    expect(r).toMatchObject({ rows: 20, valid: 20, imported: 20, format: 'xlsx' });
    expect(await count('children')).toBe(before + 20);
    expect(await collectEntries()).toHaveLength(40);
  });

  it('第十一条: a roster row with disability details is refused — civil affairs holds them only under a disability-service consent', async () => {
    const text = fs.readFileSync(fixture('children-valid.csv'), 'utf8');
    const lines = text.split('\r\n');
    const header = lines[0]!.replace(/^\uFEFF/u, '').split(',');
    const cells = lines[1]!.split(',');
    cells[header.indexOf('残疾情况')] = '肢体残疾三级';
    const file = path.join(tmp, 'disability.csv');
    fs.writeFileSync(file, [lines[0], cells.join(','), ''].join('\r\n'));
    const before = await count('children');
    const r = await importChildren(ctx, { file, org, actor });
    expect(r).toMatchObject({ rows: 1, valid: 0, invalid: 1, imported: 0 });
    expect(r.problems).toEqual([expect.objectContaining({ row: 2, column: '残疾情况', message: expect.stringContaining('残疾情况仅用于') })]);
    expect(await count('children')).toBe(before);
  });

  it('refuses a file with any bad row and writes nothing; the report names row and column in Chinese', async () => {
    const [children, ledger, guardians] = [await count('children'), await count('ledger_entries'), await count('guardians')];
    const r = await importChildren(ctx, { file: fixture('children-bad.csv'), org, actor });
    expect(r).toMatchObject({ rows: 10, valid: 4, invalid: 6, imported: 0, refused: true });
    expect([await count('children'), await count('ledger_entries'), await count('guardians')]).toEqual([children, ledger, guardians]);
    const byRow = (row: number) => r.problems.filter((p) => p.row === row);
    expect(byRow(3)).toEqual([expect.objectContaining({ column: '身份证号', message: expect.stringContaining('校验码') })]);
    expect(byRow(4)).toEqual([expect.objectContaining({ column: '身份证号', message: expect.stringContaining('不一致') })]);
    expect(byRow(5)).toEqual([expect.objectContaining({ column: '儿童类别', message: expect.stringContaining('特困儿童') })]);
    expect(byRow(6)).toEqual([expect.objectContaining({ column: '姓名', message: '必填' })]);
    expect(byRow(7)).toEqual([expect.objectContaining({ column: '区划代码', message: expect.stringContaining('不在机构') })]);
    expect(byRow(8)).toEqual([expect.objectContaining({ column: '身份证号', message: expect.stringContaining('第 2 行') })]);
    expect(r.problems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('--skip-invalid imports only the good rows', async () => {
    const before = await count('children');
    const r = await importChildren(ctx, { file: fixture('children-bad.csv'), org, actor, skipInvalid: true });
    expect(r).toMatchObject({ valid: 4, invalid: 6, imported: 4, refused: false });
    expect(await count('children')).toBe(before + 4);
  });

  it('finds rows already in the registry by blind index', async () => {
    const r = await importChildren(ctx, { file: fixture('children-valid.csv'), org, actor });
    expect(r.refused).toBe(true);
    expect(r.problems.filter((p) => p.message.includes('已在名册中登记')).length).toBe(r.problems.length);
    expect(r.invalid).toBe(20 - readCsv(fixture('children-valid.csv')).filter((x) => !x['身份证号']).length);
  });

  it('a dry run validates and writes nothing; GB18030 files decode', async () => {
    const before = [await count('children'), await count('ledger_entries')];
    const dry = await importChildren(ctx, { file: fixture('children-gb18030.csv'), org, actor, dryRun: true });
    expect(dry).toMatchObject({ rows: 5, valid: 5, imported: 0, dryRun: true });
    expect([await count('children'), await count('ledger_entries')]).toEqual(before);
    expect((await importChildren(ctx, { file: fixture('children-gb18030.csv'), org, actor })).imported).toBe(5);
  });

  it('encrypts batches on a worker thread with the very same keys (a child written that way reads back)', async () => {
    const { openBatchBuilder } = await import('../../src/import/child-rows.pool.ts');
    const { validateChildInput } = await import('../../src/registry/child-input.ts');
    const { getChild } = await import('../../src/registry/registry.service.ts');
    const { writeChildBatch } = await import('../../src/import/child-batch.ts');
    const raw = { name: '测试线程', gender: '女', birthDate: '2016-05-04', regionCode: '350724101203', categories: '孤儿', guardians: [{ name: '某某', relation: '祖母' }] };
    const input = validateChildInput(raw).value!;
    const builder = openBatchBuilder(ctx.keyring, { threaded: true });
    const built = await builder.build(org.id, [input]);
    await builder.close();
    // Bytes that crossed a thread boundary arrive as plain Uint8Array: proof the worker built it.
    expect(built.queries.some((q) => q.parameters.some((p) => p instanceof Uint8Array && !Buffer.isBuffer(p)))).toBe(true);
    const [id] = await writeChildBatch(ctx, actor, org.id, [input], [{ purpose: 'social_assistance', basis: 'test' }], 'import', built);
    const child = await getChild(ctx, actor, id!, { purpose: 'social_assistance' });
    expect(child.groups.flatMap((g) => g.fields).find((f) => f.key === 'name')!.value).toBe('测试线程');
    expect(child.guardians[0]!.fields.find((f) => f.key === 'guardianName')!.value).toBe('某某');
    await ctx.db.deleteFrom('child_index_tokens').where('child_id', '=', id!).execute();
    await ctx.db.deleteFrom('guardians').where('child_id', '=', id!).execute();
    await ctx.db.deleteFrom('children').where('id', '=', id!).execute(); // keep the export counts below exact
  });

  it('reads large XLSX files without breaking Chinese characters at stream chunk boundaries', async () => {
    const { fixtureRows } = await import('../fixtures/make-fixtures.ts');
    const { readSheet } = await import('../../src/import/sheet-reader.ts');
    const rows = fixtureRows(99, 3000).map((r) => Object.values(r));
    const file = path.join(tmp, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('名册');
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    let mismatches = 0;
    for await (const r of readSheet(file)) if (r.cells.join('|') !== rows[r.row - 1]!.join('|').replace(/\|+$/u, '')) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('names unknown headers and refuses the file', async () => {
    const file = path.join(tmp, 'odd.csv');
    fs.writeFileSync(file, '姓名,性别,出生日期,区划代码,儿童类别,爱好\n张小明,男,2015-01-01,350724101201,孤儿,画画\n');
    await expect(importChildren(ctx, { file, org, actor })).rejects.toMatchObject({ code: 'HUTONG_VALIDATION', message: expect.stringContaining('爱好') });
  });
});

describe('hutong export children', () => {
  it('masks identifying and sensitive fields without a purpose, and ledgers one 使用 entry', async () => {
    const out = path.join(tmp, 'masked.csv');
    const r = await exportChildren(ctx, { org, actor, out });
    const rows = readCsv(out);
    expect(r).toMatchObject({ children: 49, masked: true, purpose: null });
    expect(rows).toHaveLength(49);
    expect(Object.keys(rows[0]!)).toContain('监护人电话');
    const idRow = rows.find((x) => x['身份证号'])!;
    expect(idRow['身份证号']).toMatch(/^3507\*{10}\d{3}[\dX]$/u);
    expect(idRow['姓名']).toMatch(/^.\*+$/u);
    expect(idRow['儿童类别']).toBe('***');
    expect(idRow['性别']).toMatch(/^[男女]$/u);
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');
    const [entry] = await ctx.db.selectFrom('ledger_entries').selectAll().where('reason', '=', 'export').execute();
    expect(entry).toMatchObject({ act: 'use', purpose: null, accountable_org_id: org.id });
    expect(entry!.child_ids).toHaveLength(49);
    expect(entry!.fields).toContain('name');
    // Birth date and categories are read to decide (a 使用); hidden fields were never decrypted.
    expect(entry!.fields).toEqual(expect.arrayContaining(['birthDate', 'categories']));
    expect(entry!.fields).not.toContain('health');
  });

  it('with a purpose writes full values (XLSX too) and records the purpose', async () => {
    const out = path.join(tmp, 'full.xlsx');
    const r = await exportChildren(ctx, { org, actor, out, purpose: 'social_assistance' });
    expect(r).toMatchObject({ children: 49, masked: false, purpose: 'social_assistance' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const ids = new Set<string>();
    ws.eachRow((row, n) => { if (n > 1) ids.add(String(row.getCell(header.indexOf('身份证号') + 1).value ?? '')); });
    for (const x of readCsv(fixture('children-valid.csv'))) if (x['身份证号']) expect(ids).toContain(x['身份证号']);
    const entry = await ctx.db.selectFrom('ledger_entries').selectAll().where('reason', '=', 'export').where('purpose', '=', 'social_assistance').executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(expect.arrayContaining(['categories', 'idNumber', 'guardianPhone']));
    // Minimum necessary per child: disability is outside social assistance (第十一条), so it was never decrypted.
    expect(entry.fields).not.toContain('disability');
    expect(entry.basis).toMatch(/第十三条第一款第三项/u);
    expect(r.withheld).toBe(0);
  });

  it('refuses a forbidden purpose citing 第十五条, writes no file and records the refusal', async () => {
    const out = path.join(tmp, 'never.csv');
    await expect(exportChildren(ctx, { org, actor, out, purpose: 'fundraising' }))
      .rejects.toMatchObject({ statusCode: 403, details: { article: expect.stringContaining('第十五条') } });
    expect(fs.existsSync(out)).toBe(false);
    const denied = await ctx.db.selectFrom('ledger_entries').selectAll().where('outcome', '=', 'denied').where('purpose', '=', 'fundraising').execute();
    expect(denied).toHaveLength(1);
    await expect(exportChildren(ctx, { org, actor, out, purpose: 'whatever' })).rejects.toMatchObject({ code: 'HUTONG_VALIDATION' });
  });
});
