import type { FastifyInstance } from 'fastify';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeIdNumber } from '@hutong/core';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { today } from '../../src/registry/registry.service.ts';
import { sm3 } from '../../src/shared/crypto/index.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';
import { entriesFor, syntheticChild } from '../helpers/registry-fixtures.ts';

/**
 * Publication review (第八、十二、十三、十四、十五条), synthetic people only. Children are registered
 * by a county civil-affairs bureau; a county newspaper submits; the county publicity department
 * reviews; a reviewer of the neighbouring county sees nothing.
 */
const require = createRequire(import.meta.url);
const M = '《困境儿童个人信息保护工作办法》';
const COUNTY = '350102000000', V1 = '350102001001', OTHER = '350103000000';
const T = today();
const YEAR = Number(T.slice(0, 4));
const notice = { purpose: '宣传报道', method: '报纸刊发', categories: '年级、事迹', retention: '发布后删除原稿', rights: '可随时撤回', contact: '0591-00000000', necessityAndImpact: '报道关爱活动，化名发布，不影响儿童权益' };

let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const org: Record<string, { id: string }> = {};
const kid: Record<string, { id: string; name: string; idNumber: string; guardianId: string }> = {};

function call(who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
}
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const submission = (text: string, over: Record<string, unknown> = {}) => ({
  title: '县里开展暑期关爱活动', kind: 'news', channel: 'newspaper', audience: 'public',
  files: [{ filename: '通讯稿.txt', contentBase64: b64(text) }], ...over,
});
const submit = (text: string, over: Record<string, unknown> = {}, who = 'media') => call(who, 'POST', '/api/publications', submission(text, over));
const count = async (table: 'publications' | 'publication_files' | 'publication_children') => Number((await ctx.db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const checksOf = (res: { json(): { checks: Array<{ code: string; clause: string; message: string; childRef?: string }> } }) => res.json().checks;

async function register(key: string, name: string, birthDate: string, n: number) {
  const idNumber = composeIdNumber('350102', birthDate, 300 + n, 'female');
  const made = await call('officer', 'POST', '/api/children', syntheticChild(V1, { name, birthDate, idNumber, gender: 'female', health: undefined, categories: ['left_behind'] }));
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  const guardianId = (await call('officer', 'GET', `/api/children/${id}`)).json().guardians[0].id as string;
  kid[key] = { id, name, idNumber, guardianId };
}

async function publicityConsent(key: string, givenBy: 'guardian' | 'child') {
  const res = await call('officer', 'POST', `/api/children/${kid[key]!.id}/consents`, {
    givenBy, ...(givenBy === 'guardian' ? { guardianId: kid[key]!.guardianId } : {}), purposes: ['publicity'], recipientOrgTypes: ['media'],
    givenOn: T, method: 'in_person', notice, noticeOfNecessityAndImpact: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  org.civil = await createOrg(ctx, { type: 'civil_affairs', regionCode: COUNTY });
  org.media = await createOrg(ctx, { type: 'media', regionCode: COUNTY });
  org.publicity = await createOrg(ctx, { type: 'publicity', regionCode: COUNTY });
  org.otherPublicity = await createOrg(ctx, { type: 'publicity', regionCode: OTHER });
  org.volunteers = await createOrg(ctx, { type: 'volunteer_team', regionCode: COUNTY });
  org.school = await createOrg(ctx, { type: 'school', regionCode: COUNTY });
  const sign = async (key: string, role: string, orgId: string) => {
    cookies[key] = (await signInAs(app, ctx, { role, orgId } as never)).cookie;
  };
  await sign('officer', 'civil_affairs_officer', org.civil.id);
  await sign('media', 'department_staff', org.media.id);
  await sign('reviewer', 'reviewer', org.publicity.id);
  await sign('otherReviewer', 'reviewer', org.otherPublicity.id);
  await sign('volunteer', 'volunteer', org.volunteers.id);
  await sign('school', 'department_staff', org.school.id);

  await register('young', '林小雨', `${YEAR - 9}-03-08`, 1);
  await register('teen', '郑思远', `${YEAR - 16}-01-02`, 2);
  await register('unnoticed', '黄梓萱', `${YEAR - 10}-05-05`, 3);
  await register('consented', '周一诺', `${YEAR - 11}-07-07`, 4);
  await publicityConsent('teen', 'guardian');
  await publicityConsent('consented', 'guardian');
  // A publicity consent recorded before the notice rule (the API now refuses one without it).
  await ctx.db.insertInto('consents').values({
    id: randomUUID(), child_id: kid.unnoticed!.id, given_by: 'guardian', guardian_id: kid.unnoticed!.guardianId, guardian_relation: '祖母',
    purposes: ['publicity'], recipient_org_types: ['media'], recipient_org_ids: [], field_classes: [], separate: false, given_on: T, valid_until: null,
    method: 'in_person', evidence_sm3: null, notice: JSON.stringify(notice), notice_of_necessity_and_impact: false, recorded_by: null, recorded_org_id: org.civil.id,
  }).execute();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('POST /api/publications: who may submit, and bad input', () => {
  it('a volunteer or a reviewer cannot submit; nothing is written', async () => {
    const vol = await submit('志愿者看望了孩子们。', {}, 'volunteer');
    expect(vol.statusCode).toBe(403);
    expect(vol.json().detail).toMatch(/志愿者.*不能提交发布审核/u);
    expect((await submit('稿件', {}, 'reviewer')).statusCode).toBe(403);
    expect(await count('publications')).toBe(0);
  });

  it('refuses unsupported, empty and corrupt files and an orphan transcript, naming each file; nothing is written', async () => {
    const cases: Array<[Array<{ filename: string; contentBase64: string }>, RegExp]> = [
      [[{ filename: '宣传片.mp4', contentBase64: b64('x') }], /“宣传片\.mp4”：不支持的文件类型“\.mp4”/u],
      [[{ filename: '空白.txt', contentBase64: '' }], /“空白\.txt”：文件是空的/u],
      [[{ filename: '通讯.docx', contentBase64: b64('PK\u0003\u0004 这不是一个完整的压缩包') }], /通讯\.docx/u],
      [[{ filename: '采访.vtt', contentBase64: b64('WEBVTT\n\n00:00.000 --> 00:01.000\n你好') }], /转写稿须与同名录音一起送审/u],
      [[{ filename: 'a.txt', contentBase64: '%%%' }], /不是有效的 Base64/u],
    ];
    for (const [files, message] of cases) {
      const res = await call('media', 'POST', '/api/publications', submission('', { files }));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('HUTONG_VALIDATION');
      expect(JSON.stringify(res.json().fields), files[0]!.filename).toMatch(message);
    }
    const badKind = await call('media', 'POST', '/api/publications', submission('正文', { kind: 'leaflet' }));
    expect(badKind.statusCode).toBe(400);
    expect(await count('publications')).toBe(0);
    expect(await count('publication_files')).toBe(0);
    expect(await ctx.db.selectFrom('ledger_entries').select('id').where('act', 'like', 'publication_%').execute()).toEqual([]);
  });
});

describe('the checks, article by article', () => {
  it('第十五条: a fundraising cue blocks the submission outright, with the reason; it can never be approved', async () => {
    const res = await submit(`为留守儿童发起水滴筹，孩子身份证号${kid.consented!.idNumber}。`);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ status: 'blocked', outcome: 'blocked', abilities: { approve: false, resubmit: true } });
    const cue = checksOf(res).find((c) => c.code === 'exploit_cue')!;
    expect(cue.clause).toBe(`${M}第十五条`);
    expect(cue.message).toContain('“水滴筹”（募捐）');
    const approve = await call('reviewer', 'POST', `/api/publications/${p.id}/approve`, { note: '同意发布' });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().detail).toMatch(/第十五条被拦截/u);
    const file = await call('media', 'GET', `/api/publications/${p.id}/files/${encodeURIComponent(p.files[0].name)}`);
    expect(file.headers['x-hutong-approval']).toBe('draft');
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain('未批准-');
    const [entry] = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'publication_submit').where('reason', 'like', `publication:${p.id}%`).execute();
    expect(entry).toMatchObject({ outcome: 'denied', category: 'admin' });
    expect(entry!.reason).toContain(`blocked:${M}第十五条`);
  });

  it('a live-stream channel or a fundraising purpose blocks too (第十五条)', async () => {
    expect((await submit('关爱活动报道。', { channel: 'livestream' })).json().status).toBe('blocked');
    expect((await submit('关爱活动报道。', { purpose: 'fundraising' })).json().checks[0].clause).toBe(`${M}第十五条`);
  });

  it('第十二条第二款: under 14 without the guardian’s publicity consent needs consent; the submitter sees only a masked reference', async () => {
    const res = await submit(`林小雨（身份证号${kid.young!.idNumber}）参加了夏令营。`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'in_review', outcome: 'needs_consent', viewer: 'submitter', linkedChildren: 1 });
    expect(res.json().children).toEqual([{ ref: 'C1', maskedName: '林**', matchedBy: 'id_number', ageBand: 'under14', consented: false, needs: [{ by: 'guardian', satisfied: false }] }]);
    const c = checksOf(res).find((x) => x.code === 'guardian_consent_missing')!;
    expect(c).toMatchObject({ clause: `${M}第十二条第二款`, childRef: 'C1' });
    expect(c.message).toMatch(/儿童 C1 于 .* 未满十四周岁/u);
    // Never a clear value to the submitter: no name, no number, no raw terms.
    expect(res.body).not.toContain(kid.young!.idNumber);
    expect(res.body).not.toContain('林小雨');
    expect(res.json().terms).toBeUndefined();
    // The registry read is a 使用 per matched child, reason 发布审核.
    const uses = await entriesFor(ctx, kid.young!.id).where('act', '=', 'use').where('reason', '=', `发布审核:${res.json().id}`).execute();
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ purpose: 'publicity', fields: ['birthDate', 'name'], outcome: 'allowed' });
  });

  it('第十三条: a 15-year-old with the guardian’s consent only is missing the child’s own consent', async () => {
    const res = await submit(`学生代表（身份证号${kid.teen!.idNumber}）发言。`);
    expect(res.json().outcome).toBe('needs_consent');
    const c = checksOf(res).find((x) => x.code === 'child_consent_missing')!;
    expect(c.clause).toBe(`${M}第十三条`);
    expect(c.message).toMatch(/已满十四周岁.*儿童本人同意/u);
    expect(res.json().children[0].needs).toEqual([{ by: 'child', satisfied: false }, expect.objectContaining({ by: 'guardian', satisfied: true })]);
  });

  it('第十三条: a consent without the notice of necessity and impact is not enough', async () => {
    const res = await submit(`受助学生（身份证号${kid.unnoticed!.idNumber}）的故事。`);
    expect(res.json().outcome).toBe('needs_consent');
    const c = checksOf(res).find((x) => x.code === 'notice_missing')!;
    expect(c.clause).toBe(`${M}第十三条`);
    expect(c.message).toMatch(/告知必要性以及对个人权益的影响/u);
  });

  it('第十五条: a label next to an identifiable child is flagged; the processed text says it neutrally', async () => {
    const res = await submit(`留守儿童周一诺（身份证号${kid.consented!.idNumber}）获得表彰。`);
    expect(res.json().outcome).toBe('flagged');
    const c = checksOf(res).find((x) => x.code === 'label_near_child')!;
    expect(c.clause).toBe(`${M}第十五条`);
    expect(c.message).toContain('“留守儿童”紧邻可识别的');
    const file = await call('reviewer', 'GET', `/api/publications/${res.json().id}/files/${encodeURIComponent(res.json().files[0].name)}`);
    const text = file.body;
    expect(text).not.toContain('留守儿童');
    expect(text).not.toContain(kid.consented!.idNumber);
  });
});

describe(`${M}第八条: a school's aid list`, () => {
  it('names masked, numbers and categories gone; a media-only consent does not cover the school', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('资助名单');
    ws.addRow(['姓名', '身份证号', '儿童类别', '资助金额']);
    ws.addRow([kid.consented!.name, kid.consented!.idNumber, '孤儿', '1000']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await submit('', { kind: 'aid_list', channel: 'school_notice', audience: 'school', files: [{ filename: '2024年秋季资助名单.xlsx', contentBase64: b64(xlsx) }] }, 'school');
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.checks.find((c: { code: string }) => c.code === 'list_processed').clause).toBe(`${M}第八条`);
    // The 儿童类别 column labels the child named in the same row (第十五条).
    expect(p.checks.find((c: { code: string }) => c.code === 'label_near_child').message).toContain('“孤儿”紧邻可识别的');
    // The guardian consented to publicity by media only (recipientOrgTypes): not by the school.
    expect(p.outcome).toBe('needs_consent');
    expect(p.checks.find((c: { code: string }) => c.code === 'guardian_consent_missing').message).toMatch(/接收方为新闻媒体\/网络平台，不包括学校/u);
    const file = await call('school', 'GET', `/api/publications/${p.id}/files/${encodeURIComponent(p.files[0].name)}`);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(file.rawPayload as never);
    const row = out.worksheets[0]!.getRow(2).values as unknown[];
    expect(String(row[1])).toBe('周**');
    expect(row).not.toContain(kid.consented!.idNumber);
    expect(row).not.toContain('孤儿');
    expect(row[4]).toBe('1000');
  });
});

describe('review: boundaries, adjustments, approval and return', () => {
  let pendingId = '';

  it('a reviewer of another region sees nothing; the submitter cannot approve their own', async () => {
    const res = await submit(`林小雨（身份证号${kid.young!.idNumber}）在夏令营。`);
    pendingId = res.json().id;
    const list = await call('otherReviewer', 'GET', '/api/publications?box=review');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: [], total: 0 });
    expect((await call('otherReviewer', 'GET', `/api/publications/${pendingId}`)).statusCode).toBe(404);
    expect((await call('otherReviewer', 'POST', `/api/publications/${pendingId}/approve`, { note: '同意' })).statusCode).toBe(404);
    expect((await call('otherReviewer', 'GET', `/api/publications/${pendingId}/files/x.txt?version=original`)).statusCode).toBe(404);
    const own = await call('media', 'POST', `/api/publications/${pendingId}/approve`, { note: '同意' });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toMatch(/提交人不能审核自己提交的稿件/u);
    expect((await call('volunteer', 'GET', `/api/publications/${pendingId}`)).statusCode).toBe(404);
    const review = (await call('reviewer', 'GET', '/api/publications?box=review&status=in_review')).json().items.map((i: { id: string }) => i.id);
    expect(review).toContain(pendingId);
    expect((await call('media', 'GET', '/api/publications?box=review')).statusCode).toBe(403);
  });

  it('missing consent refuses approval until the consent is on file; then approval decides again and succeeds', async () => {
    const refused = await call('reviewer', 'POST', `/api/publications/${pendingId}/approve`, { note: '同意发布' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'HUTONG_PUBLICATION_NOT_READY', article: `${M}第十二条第二款` });
    expect(await ctx.db.selectFrom('ledger_entries').select('id').where('act', '=', 'disclose').execute()).toEqual([]);
    await publicityConsent('young', 'guardian');
    const ok = await call('reviewer', 'POST', `/api/publications/${pendingId}/approve`, { note: '已取得监护人同意，化名发布' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', outcome: 'ok', decision: { note: '已取得监护人同意，化名发布' }, draft: { available: false } });
  });

  it('approval: only the processed version downloads, as approved; its SM3 is in a 公开 ledger entry per child and an admin entry', async () => {
    const p = (await call('media', 'GET', `/api/publications/${pendingId}`)).json();
    const name = p.files[0].name as string;
    const file = await call('media', 'GET', `/api/publications/${pendingId}/files/${encodeURIComponent(name)}?version=processed`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-hutong-approval']).toBe('approved');
    expect(String(file.headers['content-disposition'])).not.toContain(encodeURIComponent('未批准'));
    expect(file.body).not.toContain(kid.young!.idNumber);
    expect(file.body).not.toContain('林小雨');
    const hash = sm3(file.rawPayload).toString('hex');
    expect(file.headers['x-hutong-sm3']).toBe(hash);
    expect(p.files[0].processedSm3).toBe(hash);
    expect(p.manifestSm3).toBe(sm3(Buffer.from(`${hash}  ${name}\n`, 'utf8')).toString('hex'));

    const original = await call('reviewer', 'GET', `/api/publications/${pendingId}/files/${encodeURIComponent(name)}?version=original`);
    expect(original.statusCode).toBe(410);
    expect(original.json().code).toBe('HUTONG_DRAFT_DESTROYED');

    const disclose = await entriesFor(ctx, kid.young!.id).where('act', '=', 'disclose').execute();
    expect(disclose).toHaveLength(1);
    expect(disclose[0]).toMatchObject({ category: 'processing', purpose: 'publicity', outcome: 'allowed', reason: `publication:${pendingId};sm3:${p.manifestSm3}` });
    expect(disclose[0]!.basis).toMatch(/^consent:[0-9a-f-]{36}$/u);
    const admin = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'publication_approve').where('reason', 'like', `publication:${pendingId};%`).execute();
    expect(admin).toHaveLength(1);
    expect(admin[0]!.reason).toContain(`sm3:${p.manifestSm3}`);
    // The draft key is gone: no original bytes remain.
    const rows = await ctx.db.selectFrom('publication_files').select(['original_enc']).where('publication_id', '=', pendingId).execute();
    expect(rows.every((r) => r.original_enc === null)).toBe(true);
  });

  it('before approval the processed version is a draft and the original is labelled as such, for submitter and reviewer only', async () => {
    const res = await submit(`周一诺（身份证号${kid.consented!.idNumber}）参加了书法比赛。`);
    const p = res.json();
    expect(p.outcome).toBe('ok');
    const name = encodeURIComponent(p.files[0].name);
    const processed = await call('reviewer', 'GET', `/api/publications/${p.id}/files/${name}`);
    expect(processed.headers['x-hutong-approval']).toBe('draft');
    expect(decodeURIComponent(String(processed.headers['content-disposition']))).toContain(`未批准-${p.files[0].name}`);
    const original = await call('media', 'GET', `/api/publications/${p.id}/files/${name}?version=original`);
    expect(original.statusCode).toBe(200);
    expect(original.headers['x-hutong-version']).toBe('original');
    expect(original.headers['x-hutong-approval']).toBe('draft');
    expect(decodeURIComponent(String(original.headers['content-disposition']))).toContain('原稿-未经技术处理-');
    expect(original.body).toContain(kid.consented!.idNumber);
    expect((await call('otherReviewer', 'GET', `/api/publications/${p.id}/files/${name}?version=original`)).statusCode).toBe(404);
  });

  it('PUT findings: the reviewer sees the raw terms, may keep a name with a reason (flagged, 第十四条), never an ID number', async () => {
    const res = await submit(`周一诺（身份证号${kid.consented!.idNumber}）参加了书法比赛。`);
    const id = res.json().id as string;
    const seen = (await call('reviewer', 'GET', `/api/publications/${id}`)).json();
    expect(seen.viewer).toBe('reviewer');
    const idTerm = seen.terms.find((t: { type: string }) => t.type === 'ID_CARD');
    expect(idTerm.text).toBe(kid.consented!.idNumber);
    const refused = await call('reviewer', 'PUT', `/api/publications/${id}/findings`, { keep: [{ id: idTerm.id, reason: '需要' }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0]).toMatchObject({ field: 'keep[0].id' });
    expect(refused.json().fields[0].message).toMatch(/《个人信息保护法》第六条/u);
    expect((await call('reviewer', 'PUT', `/api/publications/${id}/findings`, { keep: [{ id: 'k-nonexistent', reason: '需要' }] })).statusCode).toBe(400);
    expect((await call('media', 'PUT', `/api/publications/${id}/findings`, { add: [] })).statusCode).toBe(403);

    const nameTerm = seen.terms.find((t: { type: string; text: string }) => t.type === 'PERSON' && t.text === '周一诺');
    const adjusted = await call('reviewer', 'PUT', `/api/publications/${id}/findings`, {
      keep: [{ id: nameTerm.id, reason: '获奖报道，儿童及监护人同意署名' }], add: [{ type: 'PERSON', text: '书法比赛', reason: '活动名称可识别儿童' }],
    });
    expect(adjusted.statusCode, adjusted.body).toBe(200);
    const a = adjusted.json();
    expect(a.outcome).toBe('flagged');
    expect(a.checks.find((c: { code: string }) => c.code === 'identifier_kept').clause).toBe(`${M}第十四条`);
    expect(a.terms.find((t: { id: string }) => t.id === nameTerm.id)).toMatchObject({ action: 'keep', reason: '获奖报道，儿童及监护人同意署名' });
    expect(a.adjustments.map((x: { action: string; type: string }) => `${x.action}:${x.type}`)).toEqual(['keep:PERSON', 'add:PERSON']);
    expect(JSON.stringify(a.adjustments)).not.toMatch(/书法比赛|周一诺/u);
    const file = await call('reviewer', 'GET', `/api/publications/${id}/files/${encodeURIComponent(a.files[0].name)}`);
    expect(file.body).toContain('周一诺');
    expect(file.body).not.toContain('书法比赛');
    expect(file.body).not.toContain(kid.consented!.idNumber);
    const [entry] = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'publication_adjust').where('reason', 'like', `publication:${id};%`).execute();
    expect(entry!.reason).toContain('outcome:flagged;keep:1;remove:0;add:1');
  });

  it('return with reasons, then the submitter resubmits a revision', async () => {
    const first = (await submit(`林小雨（身份证号${kid.young!.idNumber}）的事迹。`)).json();
    expect((await call('reviewer', 'POST', `/api/publications/${first.id}/return`, { reasons: [] })).statusCode).toBe(400);
    const returned = await call('reviewer', 'POST', `/api/publications/${first.id}/return`, { reasons: ['请删去儿童就读学校的描述'] });
    expect(returned.json()).toMatchObject({ status: 'returned', decision: { reasons: ['请删去儿童就读学校的描述'] }, draft: { available: true } });
    expect(returned.json().draft.destroyAfter).not.toBeNull();
    expect((await call('reviewer', 'POST', `/api/publications/${first.id}/approve`, { note: '同意' })).statusCode).toBe(409);
    const pending = (await submit('另一篇稿件。')).json();
    expect((await submit('修改稿', { revisionOf: pending.id })).statusCode).toBe(409);
    expect((await submit('修改稿', { revisionOf: randomUUID() })).statusCode).toBe(404);
    const again = await submit('夏令营活动圆满结束。', { revisionOf: first.id });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ revisionOf: first.id, status: 'in_review', outcome: 'ok', linkedChildren: 0 });
    const mine = (await call('media', 'GET', '/api/publications?box=mine')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([first.id, again.json().id]));
    const ledger = await ctx.db.selectFrom('ledger_entries').select(['act']).where('reason', 'like', `publication:${first.id}%`).orderBy('id').execute();
    expect(ledger.map((l) => l.act)).toEqual(['publication_submit', 'publication_return']);
  });

  it('a returned draft is destroyed once its 30 days have passed: no original, no raw words', async () => {
    const p = (await submit(`林小雨（身份证号${kid.young!.idNumber}）的画。`)).json();
    await call('reviewer', 'POST', `/api/publications/${p.id}/return`, { reasons: ['请改用化名'] });
    await ctx.db.updateTable('publications').set({ draft_purge_after: new Date(Date.now() - 1000) }).where('id', '=', p.id).execute();
    const after = (await call('reviewer', 'GET', `/api/publications/${p.id}`)).json();
    expect(after.draft).toMatchObject({ available: false });
    expect(after.terms).toBeUndefined();
    expect(after.files[0].downloads).toEqual({ processed: true, original: false });
    expect((await call('media', 'GET', `/api/publications/${p.id}/files/${encodeURIComponent(p.files[0].name)}?version=original`)).statusCode).toBe(410);
    const row = await ctx.db.selectFrom('publications').select(['draft_key_wrapped', 'draft_enc']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ draft_key_wrapped: null, draft_enc: null });
    // A 删除 by the platform, in the history of the child the draft named.
    const destroyed = await ctx.db.selectFrom('ledger_entries').select(['act', 'actor_user_id', 'child_ids']).where('reason', '=', `publication:${p.id};kept_days:30`).execute();
    expect(destroyed).toEqual([{ act: 'publication_draft_destroy', actor_user_id: 'system', child_ids: [kid.young!.id] }]);
  });

  it('a civil-affairs officer’s submission also runs the registry detector over their own children', async () => {
    const res = await submit('黄梓萱同学在比赛中表现突出。', {}, 'officer');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().children).toEqual([expect.objectContaining({ ref: 'C1', matchedBy: 'name', maskedName: '黄**' })]);
    const terms = (await call('reviewer', 'GET', `/api/publications/${res.json().id}`)).json().terms;
    expect(terms.find((t: { text: string }) => t.text === '黄梓萱').sources).toContain('registry');
    const reads = await entriesFor(ctx, kid.unnoticed!.id).where('reason', '=', 'redact_registry_terms').execute();
    expect(reads.length).toBeGreaterThan(0);
  });
});

describe('pictures and recordings (第十四条: 肖像、声音)', () => {
  it('a photo: faces blurred, EXIF removed; a face the reviewer keeps stays and is flagged; approved output carries no metadata', async () => {
    const photo = await sharp(readFileSync(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg')))
      .resize({ width: 800 }).withExif({ IFD0: { ImageDescription: '王小明在夏令营', Copyright: '县融媒体中心' } }).jpeg().toBuffer();
    const res = await call('media', 'POST', '/api/publications', submission('', { kind: 'poster', channel: 'print', files: [{ filename: '王小明.jpg', contentBase64: b64(photo) }] }));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.files[0].name).not.toContain('王小明');
    expect(p.files[0].metadataRemoved).toContain('EXIF');
    const faces = p.files[0].findings.filter((f: { type: string }) => f.type === 'FACE');
    expect(faces.length).toBeGreaterThanOrEqual(3);
    expect(faces.every((f: { action: string; article: string }) => f.action === 'blurred' && f.article === `${M}第十四条`)).toBe(true);

    const kept = await call('reviewer', 'PUT', `/api/publications/${p.id}/findings`, { keep: [{ id: faces[0].id, reason: '获奖学生本人及监护人同意使用正面照片' }] });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().outcome).toBe('flagged');
    expect(kept.json().files[0].findings.find((f: { id: string }) => f.id === faces[0].id).action).toBe('kept');
    expect(kept.json().files[0].findings.filter((f: { type: string; action: string }) => f.type === 'FACE' && f.action === 'blurred')).toHaveLength(faces.length - 1);
    expect(kept.json().checks.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['identifier_kept', 'kept_unverified']));

    const approved = await call('reviewer', 'POST', `/api/publications/${p.id}/approve`, { note: '保留一张已同意的正面照，其余已模糊' });
    expect(approved.statusCode, approved.body).toBe(200);
    const file = await call('media', 'GET', `/api/publications/${p.id}/files/${encodeURIComponent(p.files[0].name)}`);
    expect(file.headers['x-hutong-approval']).toBe('approved');
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(file.rawPayload.includes(Buffer.from('王小明'))).toBe(false);
  }, 120_000);

  it('a recording with its transcript: the voice altered, the name muted, the child linked by name; the transcript is never published', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hutong-pub-'));
    const wav = join(dir, 'a.wav');
    const said = '我叫林小雨，今年九岁。';
    execFileSync('espeak-ng', ['-v', 'cmn', '-w', wav, said]);
    const audio = readFileSync(wav);
    rmSync(dir, { recursive: true, force: true });
    const seconds = (audio.length - audio.indexOf('data') - 8) / (22050 * 2);
    const vtt = `WEBVTT\n\n00:00.000 --> 00:0${Math.max(1, Math.floor(seconds - 0.2))}.000\n${said}\n`;
    const res = await call('media', 'POST', '/api/publications', submission('', {
      kind: 'video', channel: 'broadcast', files: [{ filename: '采访.wav', contentBase64: b64(audio) }, { filename: '采访.vtt', contentBase64: b64(vtt) }],
    }));
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    const [recording, transcript] = p.files;
    expect(recording.findings.find((f: { type: string }) => f.type === 'VOICE')).toMatchObject({ action: 'altered', article: `${M}第十四条` });
    expect(recording.voiceAltered.pitchSemitones).toBeLessThanOrEqual(-2);
    expect(recording.findings.filter((f: { type: string; action: string }) => f.type === 'PERSON' && f.action === 'muted')).toHaveLength(1);
    expect(transcript).toMatchObject({ role: 'transcript', transcriptOf: '采访.wav', downloads: { processed: false, original: true } });
    expect(p.children).toEqual([expect.objectContaining({ ref: 'C1', matchedBy: 'name', maskedName: '林**' })]);
    expect((await call('media', 'GET', `/api/publications/${p.id}/files/${encodeURIComponent('采访.vtt')}`)).statusCode).toBe(404);
    const reviewerView = (await call('reviewer', 'GET', `/api/publications/${p.id}`)).json();
    expect(reviewerView.files[0].findings.find((f: { type: string }) => f.type === 'PERSON').text).toBe('林小雨');
    expect(JSON.stringify(p)).not.toContain('林小雨');
  }, 120_000);
});
