import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, signInAs } from '../helpers/auth-helpers.ts';

let ctx: AppContext;
let app: FastifyInstance;
let cookie = '';

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const county = await createOrg(ctx, { type: 'civil_affairs', regionCode: '350102000000' });
  // A reviewer holds no registry permission: files are theirs to bring, like texts.
  cookie = (await signInAs(app, ctx, { role: 'reviewer', orgId: county.id } as never)).cookie;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const upload = (payload: Record<string, unknown>, who: string | null = cookie) =>
  app.inject({ method: 'POST', url: '/api/redact/file', headers: who ? { cookie: who } : {}, payload });

interface FileOut { filename: string; contentBase64: string; report: { file: string; format: string; total: number; counts: Record<string, number>; entries: Array<{ type: string; original?: string; location?: string }> } }

/** Synthetic people only. */
const TEXT = '志愿者看望了留守儿童张小明，联系电话13912345678。';

describe('POST /api/redact/file', () => {
  it('needs a signed-in account', async () => {
    const res = await upload({ filename: 'a.txt', contentBase64: b64(TEXT), preset: 'news' }, null);
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/登录/u);
  });

  it('processes a .txt: the phone is gone, the report names the uploaded file and masks originals', async () => {
    const res = await upload({ filename: '宣传稿.txt', contentBase64: b64(TEXT), preset: 'news' });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as FileOut;
    expect(out.filename).toBe('宣传稿-技术处理.txt');
    const text = Buffer.from(out.contentBase64, 'base64').toString('utf8');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('留守儿童');
    expect(out.report).toMatchObject({ file: '宣传稿.txt', format: 'txt' });
    expect(out.report.counts['PHONE']).toBe(1);
    expect(JSON.stringify(out.report)).not.toContain('13912345678');
    expect(JSON.stringify(out.report)).not.toMatch(/hutong-upload/u);
  });

  it('processes a .csv by column: names and phones in their columns, header kept', async () => {
    const csv = '姓名,联系电话,备注\n张小明,13912345678,留守儿童\n李小红,13812345679,\n';
    const res = await upload({ filename: 'list.csv', contentBase64: b64(csv), preset: 'aid_list' });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as FileOut;
    expect(out.filename).toBe('list-技术处理.csv');
    const text = Buffer.from(out.contentBase64, 'base64').toString('utf8');
    expect(text.split(/\r?\n/u)[0]).toContain('姓名');
    expect(text).not.toMatch(/张小明|李小红|13912345678|13812345679/u);
    expect(out.report.entries.some((e) => e.location?.includes('姓名'))).toBe(true);
  });

  it('processes a .docx built with jszip and returns a valid docx', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p><w:r><w:t>${TEXT}</w:t></w:r></w:p></w:body></w:document>`);
    const docx = await zip.generateAsync({ type: 'nodebuffer' });
    const res = await upload({ filename: 'C:\\材料\\个案.docx', contentBase64: b64(docx), preset: 'judgment' });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as FileOut;
    expect(out.filename).toBe('个案-技术处理.docx');
    const xml = await (await JSZip.loadAsync(Buffer.from(out.contentBase64, 'base64'))).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('13912345678');
    expect(xml).toContain('志愿者');
    expect(out.report.format).toBe('docx');
  });

  it('refuses an unsupported extension with a Chinese 400 listing the formats', async () => {
    const res = await upload({ filename: 'photo.png', contentBase64: b64('x'), preset: 'news' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/u);
    expect(res.json().detail).toMatch(/不支持的文件类型.*\.docx/u);
  });

  it('refuses invalid UTF-8 and binary content, naming the uploaded file, never the temp path', async () => {
    const bad = await upload({ filename: 'bad.txt', contentBase64: b64(Buffer.from([0x41, 0xff, 0xfe, 0x42])), preset: 'news' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/bad\.txt.*UTF-8/u);
    expect(bad.body).not.toMatch(/hutong-upload|input\.txt/u);
    const bin = await upload({ filename: 'bin.csv', contentBase64: b64(Buffer.from([0, 1, 2, 0, 0, 3, 0x50, 0x4b, 0, 0])), preset: 'news' });
    expect(bin.statusCode).toBe(400);
    expect(bin.json().detail).toMatch(/bin\.csv/u);
  });

  it('refuses a file over 10 MB with 413 and says so in Chinese (decoded size, and a body past the limit)', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x61);
    const res = await upload({ filename: 'big.txt', contentBase64: b64(big), preset: 'news' });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'HUTONG_FILE_TOO_LARGE' });
    expect(res.json().detail).toMatch(/超过 10 MB/u);
    const huge = await upload({ filename: 'big.txt', contentBase64: 'a'.repeat(15 * 1024 * 1024), preset: 'news' });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/u);
    expect(huge.json().detail).toMatch(/超过 10 MB/u);
  });

  it('refuses content that is not Base64 and an unknown preset', async () => {
    const res = await upload({ filename: 'a.txt', contentBase64: '不是base64!', preset: 'news' });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/Base64/u);
    const preset = await upload({ filename: 'a.txt', contentBase64: b64(TEXT), preset: 'press' });
    expect(preset.statusCode).toBe(400);
    expect(preset.json().detail).toMatch(/未知的预设/u);
  });
});

describe('POST /api/redact/report', () => {
  it('turns a report into CSV (with BOM) and Markdown by the engine’s writer', async () => {
    const res = await upload({ filename: 'a.txt', contentBase64: b64(TEXT), preset: 'news' });
    const report = (res.json() as FileOut).report;
    const csv = await app.inject({ method: 'POST', url: '/api/redact/report', headers: { cookie }, payload: { report, format: 'csv' } });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json()).toMatchObject({ filename: 'a-审核报告.csv', mediaType: expect.stringMatching(/text\/csv/u) });
    expect(csv.json().content).toMatch(/^\uFEFF位置,起,止,类型/u);
    const md = await app.inject({ method: 'POST', url: '/api/redact/report', headers: { cookie }, payload: { report, format: 'markdown' } });
    expect(md.json().content).toMatch(/^# 技术处理报告/u);
    const anon = await app.inject({ method: 'POST', url: '/api/redact/report', payload: { report, format: 'csv' } });
    expect(anon.statusCode).toBe(401);
  });
});
