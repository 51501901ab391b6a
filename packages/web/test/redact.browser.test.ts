/**
 * The 技术处理 workbench in a real chromium against the real server, in-process (as
 * lawful-basis.browser.test.ts): paste a synthetic text, see the findings marked by type, keep
 * one, process with the 宣传报道 preset and download; upload a small CSV and download the
 * processed file. Screenshots at 1280 and 375 px go to <repo>/test-output/screenshots/redact-*.png
 * and /tmp/shots/redact-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (npm run build -w packages/web,
 * or a build elsewhere named by HUTONG_WEB_DIST).
 */
import fs from 'node:fs';
import { describe, expect } from 'vitest';
import type { Download, Page } from 'playwright-core';
import type { AppContext } from '../../server/src/context.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { closePage, isApi } from './real-session.ts';
import { ConsoleDriver, noHorizontalOverflow, openFromMenu, type Made } from './console-driver.ts';

const COUNTY = '350102000000';
/** Synthetic: a spokesperson the reviewer keeps, a child and a phone number that must go. */
const TEXT = '鼓楼区民政局工作人员王建国介绍，留守儿童张小明今年读四年级，家里联系电话13912345678。王建国表示将继续跟进。';
const CSV = '姓名,联系电话,救助金额\n张小明,13912345678,500\n李小红,13812345679,300\n';


const run = new ConsoleDriver<'officer' | 'reviewer'>({ prefix: 'redact-', tmpPrefix: 'redact-', scrollTop: true, maxHeight: 3200 });
const { accounts, freshPage, scenario, shot, signIn } = run;
const isPost = (pathname: string) => isApi(pathname, 'POST');

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]) as [Download, void];
  return { name: d.suggestedFilename(), body: fs.readFileSync((await d.path())!) };
}

/** Paste, identify, and check every finding is marked in its type's colour. */
async function identify(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: '待处理的文本' }).fill(TEXT);
  const res = page.waitForResponse(isPost('/api/redact/text'));
  await page.getByRole('button', { name: '识别个人信息' }).click();
  expect((await res).status()).toBe(200);
  await page.locator('mark[data-type="PHONE"]').waitFor();
  expect(await page.locator('mark[data-type="PERSON"]').allInnerTexts()).toEqual(['王建国', '张小明', '王建国']);
  expect(await page.locator('mark[data-type="LABEL"]').allInnerTexts()).toEqual(['留守儿童']);
  await page.getByRole('list', { name: '颜色图例' }).getByText('人名 3').waitFor();
  await page.getByRole('list', { name: '颜色图例' }).getByText('电话号码 1').waitFor();
}

/** Generate with the kept text and check what the server was told and what it returned. */
async function generate(page: Page): Promise<string> {
  const res = page.waitForResponse(isPost('/api/redact/text'));
  await page.getByRole('button', { name: '按审核结果生成' }).click();
  const r = await res;
  expect(r.status()).toBe(200);
  expect(r.request().postDataJSON()).toMatchObject({ preset: 'news', policy: { keep: ['王建国'] } });
  const out = await page.getByRole('region', { name: '处理后的文本' }).innerText();
  expect(out).not.toMatch(/张小明|13912345678|留守儿童/u);
  expect(out.match(/王建国/gu)).toHaveLength(2);
  return out;
}

async function uploadCsv(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '上传文件' }).click();
  await page.getByRole('radio', { name: /名单公示/ }).check();
  await page.locator('input[type="file"]').setInputFiles({ name: '资助名单.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  const res = page.waitForResponse(isPost('/api/redact/file'));
  await page.getByRole('button', { name: '处理文件' }).click();
  expect((await res).status()).toBe(200);
  await page.getByText('处理结果：资助名单.csv').waitFor();
  const file = await downloaded(page, () => page.getByRole('button', { name: '下载处理后文件' }).click());
  expect(file.name).toBe('资助名单-技术处理.csv');
  const csv = file.body.toString('utf8');
  expect(csv).toContain('姓名');
  expect(csv).not.toMatch(/张小明|李小红|13912345678|13812345679/u);
}

async function seed(ctx: AppContext): Promise<Record<'officer' | 'reviewer', Made>> {
  const county = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  const made = {
    officer: await createUser(ctx, { role: 'civil_affairs_officer', orgId: county.id, username: 'minzheng_redact', displayName: '王建设' }),
    reviewer: await createUser(ctx, { role: 'reviewer', orgId: county.id, username: 'shenhe_redact', displayName: '赵审核' }),
  };
  return made;
}

describe('技术处理 workbench in chromium against the real server', { timeout: 120_000 }, () => {
  run.hooks(seed);

  scenario('1. text at 1280 px: findings marked with reasons, one kept, news preset applied by the server, downloads', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    await openFromMenu(page, '技术处理');
    await page.waitForURL((u) => u.pathname === '/redact');
    // An officer may read the register, so the option to match it is offered.
    await page.getByRole('switch', { name: '同时按本机构名册精确匹配' }).waitFor();
    await shot(page, 'start-1280');
    await identify(page);

    await page.locator('mark[data-type="PHONE"]').click();
    const pop = page.locator('.ant-popover:visible');
    await pop.getByText('识别依据：电话号码规则').waitFor();
    await pop.getByText(/法律依据：《困境儿童个人信息保护工作办法》第十三条/u).waitFor();
    await page.locator('mark[data-type="PHONE"]').click();
    await pop.waitFor({ state: 'hidden' });
    await page.locator('mark[data-type="PERSON"]').first().click();
    const person = page.locator('.ant-popover:visible').filter({ hasText: '王建国' });
    await person.getByText('识别依据：人名识别模型', { exact: false }).waitFor();
    await shot(page, 'popover-1280', { fullPage: false });
    await person.getByRole('button', { name: '保留原文（不处理）' }).click();
    expect(await page.locator('mark[data-kept="true"]').allInnerTexts()).toEqual(['王建国', '王建国']);
    expect(await page.getByRole('switch', { name: '处理“王建国”' }).isChecked()).toBe(false);
    expect(await page.getByRole('switch', { name: '处理“张小明”' }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');

    const out = await generate(page);
    const txt = await downloaded(page, () => page.getByRole('button', { name: '下载处理后文本' }).click());
    expect(txt.body.toString('utf8')).toBe(out);
    const json = await downloaded(page, () => page.getByRole('button', { name: '审核报告 JSON' }).click());
    const report = JSON.parse(json.body.toString('utf8')) as { total: number; entries: Array<{ operator: string; original?: string }> };
    expect(report.entries.filter((e) => e.operator === 'keep')).toHaveLength(2);
    expect(json.body.toString('utf8')).not.toMatch(/张小明|13912345678/u);
    const csv = await downloaded(page, () => page.getByRole('button', { name: '审核报告 CSV' }).click());
    expect(csv.name).toBe('粘贴的文本-审核报告.csv');
    expect(csv.body.toString('utf8')).toMatch(/^\uFEFF位置,起,止,类型/u);
    const md = await downloaded(page, () => page.getByRole('button', { name: '审核报告 Markdown' }).click());
    expect(md.body.toString('utf8')).toMatch(/^# 技术处理报告/u);
    await shot(page, 'text-1280');

    await uploadCsv(page);
    await shot(page, 'file-1280');

    // The server's own Chinese problem for a file that is not UTF-8.
    await page.locator('input[type="file"]').setInputFiles({ name: '乱码.txt', mimeType: 'text/plain', buffer: Buffer.from([0x41, 0xd5, 0xc5, 0xff, 0x42]) });
    const bad = page.waitForResponse(isPost('/api/redact/file'));
    await page.getByRole('button', { name: '处理文件' }).click();
    expect((await bad).status()).toBe(400);
    await page.getByRole('alert').filter({ hasText: /乱码\.txt.*不是有效的 UTF-8/u }).waitFor();
    await shot(page, 'file-error-1280');
    await closePage(page, errors);
  });

  scenario('2. text and file at 375 px for a reviewer (no register option)', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.reviewer);
    await openFromMenu(page, '技术处理');
    await page.getByRole('radio', { name: /宣传报道/ }).waitFor();
    expect(await page.getByRole('switch', { name: '同时按本机构名册精确匹配' }).count()).toBe(0);
    await identify(page);
    await page.getByRole('switch', { name: '处理“王建国”' }).click();
    expect(await page.locator('mark[data-kept="true"]').count()).toBe(2);
    await generate(page);
    await noHorizontalOverflow(page);
    await shot(page, 'text-375');
    await uploadCsv(page);
    await noHorizontalOverflow(page);
    await shot(page, 'file-375');
    await closePage(page, errors);
  });
});
