import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { HEADERS } from '../../src/import/import-columns.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIX, name));
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

let ctx: AppContext;
let app: FastifyInstance;
let officer = { cookie: '', userId: '' };
let director = '';
let schoolOfficer = '';
let townshipId = '';

const count = async (table: 'children' | 'ledger_entries' | 'guardians') =>
  Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => [await count('children'), await count('guardians'), await count('ledger_entries')];
const upload = (payload: Record<string, unknown>, cookie: string | null = officer.cookie) =>
  app.inject({ method: 'POST', url: '/api/children/import', headers: cookie ? { cookie } : {}, payload });

/** One row of the valid fixture with a cell changed, as a one-child CSV. */
function editedRow(column: string, value: string, row = 1): string {
  const lines = fixture('children-valid.csv').toString('utf8').split('\r\n');
  const header = lines[0]!.replace(/^\uFEFF/u, '').split(',');
  const cells = lines[row]!.split(',');
  cells[header.indexOf(column)] = value;
  return [lines[0], cells.join(','), ''].join('\r\n');
}

interface Report { file: string; format: string; rows: number; valid: number; invalid: number; imported: number; dryRun: boolean; refused: boolean; problemsOmitted: number; problems: Array<{ row: number; column: string; message: string }> }

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  // 松溪县郑墩镇: the township every fixture row lies in (except the one meant to lie outside).
  const township = await createOrg(ctx, { name: '松溪县郑墩镇民政办', type: 'civil_affairs', regionCode: '350724101000' });
  townshipId = township.id;
  const s = await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: township.id });
  officer = { cookie: s.cookie, userId: s.user.id };
  director = (await signInAs(app, ctx, { role: 'child_director', orgId: township.id })).cookie;
  const school = await createOrg(ctx, { name: '郑墩中心小学', type: 'school', regionCode: '350724101000' });
  schoolOfficer = (await signInAs(app, ctx, { role: 'protection_officer', orgId: school.id })).cookie;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('GET /api/children/import/template', () => {
  it('is a UTF-8 CSV (with BOM) of exactly the headers the importer accepts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/children/import/template', headers: { cookie: officer.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/u);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('儿童名册导入模板.csv')}`);
    expect(res.body).toBe(`\uFEFF${HEADERS.join(',')}\r\n`);
    expect(HEADERS.slice(0, 3)).toEqual(['姓名', '性别', '出生日期']);
  });

  it('is refused to a role without child.import and to nobody signed in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/children/import/template', headers: { cookie: director } });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/儿童主任.*child\.import/u);
    expect((await app.inject({ method: 'GET', url: '/api/children/import/template' })).statusCode).toBe(401);
  });
});

describe('POST /api/children/import', () => {
  it('needs a session, and a role with child.import: a child director is refused (403) and nothing is written', async () => {
    const before = await counts();
    expect((await upload({ filename: 'a.csv', contentBase64: b64(fixture('children-valid.csv')) }, null)).statusCode).toBe(401);
    const res = await upload({ filename: 'a.csv', contentBase64: b64(fixture('children-valid.csv')) }, director);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/u);
    expect(res.json()).toMatchObject({ code: 'HUTONG_FORBIDDEN', detail: expect.stringMatching(/儿童主任/u) });
    expect(await counts()).toEqual(before);
  });

  it('imports an XLSX into the officer’s own org: every child stored, each with a 收集 entry by that user', async () => {
    const res = await upload({ filename: 'C:\\名册\\郑墩镇.xlsx', contentBase64: b64(fixture('children-valid.xlsx')) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ file: '郑墩镇.xlsx', format: 'xlsx', rows: 20, valid: 20, invalid: 0, imported: 20, refused: false, dryRun: false, problems: [] });
    const owners = await ctx.db.selectFrom('children').select('owner_org_id').execute();
    expect(owners).toHaveLength(20);
    expect(owners.every((o) => o.owner_org_id === townshipId)).toBe(true);
    const entries = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'collect').where('reason', '=', 'import').execute();
    expect(entries).toHaveLength(20);
    expect(entries.every((e) => e.actor_user_id === officer.userId && e.accountable_org_id === townshipId && e.outcome === 'succeeded')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('350724');
  });

  it('预检 (dryRun) reports each bad row in Chinese by row and column, and writes nothing', async () => {
    const before = await counts();
    const res = await upload({ filename: 'bad.csv', contentBase64: b64(fixture('children-bad.csv')), dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ file: 'bad.csv', format: 'csv', rows: 10, valid: 4, invalid: 6, imported: 0, dryRun: true, refused: true, problemsOmitted: 0 });
    expect(r.problems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(r.problems[0]).toMatchObject({ column: '身份证号', message: expect.stringContaining('校验码') });
    expect(r.problems.find((p) => p.row === 7)).toMatchObject({ column: '区划代码', message: expect.stringContaining('不在机构“松溪县郑墩镇民政办”') });
    expect(await counts()).toEqual(before);
  });

  it('a bad row without skipInvalid refuses the whole file (400, report attached): children, guardians and ledger unchanged', async () => {
    const before = await counts();
    const res = await upload({ filename: 'bad.csv', contentBase64: b64(fixture('children-bad.csv')) });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; detail: string; fields: Array<{ row: number; message: string }>; report: Report };
    expect(body.code).toBe('HUTONG_IMPORT_REFUSED');
    expect(body.detail).toBe('未导入任何数据：文件中有 6 行有问题。请改正后重新导入，或选择“跳过有问题的行”只导入无误的 4 行');
    expect(body.fields[0]).toMatchObject({ row: 3, message: expect.stringMatching(/^第 3 行 身份证号：.*校验码/u) });
    expect(body.report).toMatchObject({ rows: 10, valid: 4, invalid: 6, imported: 0, refused: true, dryRun: false });
    expect(await counts()).toEqual(before);
  });

  it('skipInvalid imports only the good rows and lists the skipped ones', async () => {
    const children = await count('children');
    const res = await upload({ filename: 'bad.csv', contentBase64: b64(fixture('children-bad.csv')), skipInvalid: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ valid: 4, invalid: 6, imported: 4, refused: false });
    expect((res.json() as Report).problems).toHaveLength(6);
    expect(await count('children')).toBe(children + 4);
    // A second upload of the same roster finds every child already registered (blind index).
    const again = await upload({ filename: 'bad.csv', contentBase64: b64(fixture('children-bad.csv')), dryRun: true });
    expect((again.json() as Report).problems.filter((p) => p.message === '该身份证号已在名册中登记').length).toBeGreaterThanOrEqual(3);
  });

  it('第十一条: a row with disability details is refused by the lawful-basis decision, as on the command line', async () => {
    const before = await counts();
    const res = await upload({ filename: 'd.csv', contentBase64: b64(editedRow('残疾情况', '肢体残疾三级', 5)), skipInvalid: true });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ rows: 1, valid: 0, invalid: 1, imported: 0 });
    expect(r.problems).toEqual([expect.objectContaining({ row: 2, column: '残疾情况', message: expect.stringContaining('残疾情况仅用于') })]);
    expect(await counts()).toEqual(before);
  });

  it('a school (no statutory duty) cannot import a legacy roster without consents: every row refused with the reason', async () => {
    const before = await counts();
    const res = await upload({ filename: 'v.csv', contentBase64: b64(editedRow('就读学校', '郑墩中心小学', 7)), dryRun: true }, schoolOfficer);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ rows: 1, valid: 0, invalid: 1 });
    expect(r.problems[0]).toMatchObject({ column: '整行', message: expect.stringMatching(/^没有合法性基础：.*应当取得其父母或者其他监护人同意/u) });
    expect(await counts()).toEqual(before);
  });

  it('takes no org from the body: the actor’s own org is the only one (谁主管谁负责)', async () => {
    const res = await upload({ filename: 'v.csv', contentBase64: b64(fixture('children-valid.csv')), orgId: 'someone-else' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('HUTONG_VALIDATION');
  });

  it('refuses wrong types with Chinese messages: .xls, .pdf, a renamed file, binary CSV', async () => {
    const before = await counts();
    const xls = await upload({ filename: '名册.xls', contentBase64: b64('x') });
    expect(xls.statusCode).toBe(400);
    expect(xls.json()).toMatchObject({ code: 'HUTONG_VALIDATION', fields: [{ field: 'filename' }] });
    expect(xls.json().detail).toMatch(/不支持旧版 \.xls 文件/u);
    const pdf = await upload({ filename: '名册.pdf', contentBase64: b64('%PDF-1.4') });
    expect(pdf.json().detail).toMatch(/无法识别的文件类型“\.pdf”/u);
    const renamed = await upload({ filename: '名册.xlsx', contentBase64: b64(fixture('children-valid.csv')) });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().detail).toMatch(/“名册\.xlsx”不是有效的 XLSX 工作簿/u);
    const binary = await upload({ filename: '名册.csv', contentBase64: b64(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0x14, 0])) });
    expect(binary.json().detail).toMatch(/不是 CSV 文本/u);
    expect(await counts()).toEqual(before);
  });

  it('a corrupt XLSX is named by the uploaded name, never by the temp path', async () => {
    const broken = Buffer.concat([fixture('children-valid.xlsx').subarray(0, 600), Buffer.alloc(400, 7)]);
    const res = await upload({ filename: '坏文件.xlsx', contentBase64: b64(broken) });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/无法读取 XLSX 文件/u);
    expect(res.body).not.toMatch(/upload\.xlsx|import-|hutong-test/u);
  });

  it('refuses an empty file, a header-only file and content that is not Base64', async () => {
    const empty = await upload({ filename: 'e.csv', contentBase64: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toMatch(/文件是空的/u);
    const header = await upload({ filename: 'h.csv', contentBase64: b64(`\uFEFF${HEADERS.join(',')}\r\n`) });
    expect(header.statusCode).toBe(400);
    expect(header.json().detail).toMatch(/“h\.csv”只有表头，没有儿童数据行/u);
    const notB64 = await upload({ filename: 'a.csv', contentBase64: '不是base64!' });
    expect(notB64.json().detail).toMatch(/Base64/u);
    const odd = await upload({ filename: 'o.csv', contentBase64: b64('姓名,爱好\n张小明,画画\n') });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().detail).toMatch(/无法识别的表头：爱好/u);
  });

  it('refuses a file over 10 MB with 413 in Chinese (decoded size, and a body past the limit)', async () => {
    const big = await upload({ filename: 'big.csv', contentBase64: b64(Buffer.alloc(10 * 1024 * 1024 + 10, 0x61)) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'HUTONG_FILE_TOO_LARGE', detail: expect.stringMatching(/超过 10 MB.*hutong import children/u) });
    const huge = await upload({ filename: 'big.csv', contentBase64: 'a'.repeat(15 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/u);
    expect(huge.json().detail).toMatch(/超过 10 MB/u);
  });

  it('leaves no uploaded file behind in the data dir', () => {
    const tmp = path.join(ctx.config.dataDir, 'tmp');
    expect(fs.existsSync(tmp)).toBe(true);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
