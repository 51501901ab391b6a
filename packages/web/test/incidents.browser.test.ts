/**
 * 泄露事件 (第五条) in a real chromium against the real server, in-process (as
 * lawful-basis.browser.test.ts): synthetic children are registered by a township's civil affairs
 * office, the county's protection officer builds a screening package through the real service,
 * posts are scanned with @hutong/screen, and then in the browser the county cyberspace office
 * uploads hits.jsonl and posts.jsonl; the owning township's officer sees the incident, issues a
 * notice (the letter cites 第五条 and repeats no name or ID number), records a follow-up and
 * closes it; an internal leak takes breach handling and its two letters (个人信息保护法 第五十七条,
 * 未成年人网络保护条例 第三十五条); another township's officer sees nothing (404).
 * Screenshots at 1280 and 375 px go to <repo>/test-output/screenshots/incidents-*.png and
 * /tmp/shots/incidents-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (npm run build -w packages/web,
 * or a build elsewhere named by HUTONG_WEB_DIST).
 */
import fs from 'node:fs';
import { describe, expect } from 'vitest';
import { sql } from 'kysely';
import type { Download, Locator } from 'playwright-core';
import { composeIdNumber } from '@hutong/core';
import { Scanner, ScreeningPackage } from '@hutong/screen';
import type { AppContext } from '../../server/src/context.ts';
import { createChild } from '../../server/src/registry/registry.service.ts';
import { buildScreeningPackage } from '../../server/src/screen/index.ts';
import { ingestHits } from '../../server/src/incidents/incident-ingest.service.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { syntheticChild } from '../../server/test/helpers/registry-fixtures.ts';
import { actorOf, closePage, isApi } from './real-session.ts';
import { ConsoleDriver, expectAccessible, noHorizontalOverflow, openFromMenu, pick, type Made } from './console-driver.ts';

const COUNTY = '350724000000';     // 松溪县
const ZHENGDUN = '350724101000';   // 郑墩镇
const YANGDUN = '350724101202';    // 郑墩镇 洋墩村
const ZHENGDUN_V = '350724101201'; // 郑墩镇 郑墩村
const WEITIAN = '350724102000';    // 渭田镇
const PLATFORM = '某短视频平台';
const LAN = { name: '蓝若晴', guardian: '蓝秀英', birthDate: '2014-05-06', idNumber: composeIdNumber('350724', '2014-05-06', 512, 'female') };
const OUYANG = { name: '欧阳晨曦', guardian: '欧阳建华', birthDate: '2013-09-18', idNumber: composeIdNumber('350724', '2013-09-18', 524, 'female') };

const run = new ConsoleDriver<'cac' | 'owner' | 'other'>({ prefix: 'incidents-', tmpPrefix: 'incidents-', scrollTop: true });
const { accounts, freshPage, scenario, shot, signIn } = run;
let hitsJsonl = '';
let postsJsonl = '';
let internalId = '';
let leakId = '';

/** The form control under a label inside `scope` (a dialog or drawer), by the label's text. */
const item = (scope: Locator, label: string) => scope.locator('.ant-form-item').filter({ has: scope.page().getByText(label, { exact: true }) });

async function saved(download: Promise<Download>): Promise<{ name: string; text: string }> {
  const d = await download;
  return { name: d.suggestedFilename(), text: fs.readFileSync((await d.path())!, 'utf8') };
}

const count = async (table: 'incidents' | 'incident_notices' | 'incident_follow_ups' | 'incident_breaches') =>
  Number((await run.ctx.db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Text the console must never show: the leaked name, guardian, village and ID number. */
function expectNothingLeaked(text: string, who: typeof LAN): void {
  for (const v of [who.name, who.guardian, who.idNumber]) expect(text).not.toContain(v);
  expect(text).not.toMatch(/\d{17}[\dXx]/u);
}

/** Two children of 郑墩镇, one hit from a public post and one internal leak already ingested. */
async function seed(ctx: AppContext): Promise<Record<'cac' | 'owner' | 'other', Made>> {
  const county = await createOrg(ctx, { name: '松溪县民政局', type: 'civil_affairs', regionCode: COUNTY });
  const zhengdun = await createOrg(ctx, { name: '郑墩镇民政办', type: 'civil_affairs', regionCode: ZHENGDUN });
  const weitian = await createOrg(ctx, { name: '渭田镇民政办', type: 'civil_affairs', regionCode: WEITIAN });
  const cac = await createOrg(ctx, { name: '松溪县网信办', type: 'cyberspace', regionCode: COUNTY });
  const protection = await createUser(ctx, { role: 'protection_officer', orgId: county.id, username: 'baohu_songxi', displayName: '林保护' });
  const made = {
    cac: await createUser(ctx, { role: 'department_staff', orgId: cac.id, username: 'wangxin_songxi', displayName: '陈网信' }),
    owner: await createUser(ctx, { role: 'civil_affairs_officer', orgId: zhengdun.id, username: 'minzheng_zhengdun', displayName: '郑民政' }),
    other: await createUser(ctx, { role: 'civil_affairs_officer', orgId: weitian.id, username: 'minzheng_weitian', displayName: '渭民政' }),
  };

  const owner = actorOf(made.owner.user, zhengdun);
  for (const [who, village, n] of [[LAN, YANGDUN, 1], [OUYANG, ZHENGDUN_V, 2]] as const) {
    await createChild(ctx, owner, syntheticChild(village, {
      name: who.name, birthDate: who.birthDate, idNumber: who.idNumber, gender: 'female', school: '郑墩中心小学', categories: ['left_behind'],
      health: undefined, guardians: [{ name: who.guardian, relation: '祖母', phone: `1380000${1000 + n}` }],
    }));
  }

  // The screening package, built and used as `hutong screen build` and `hutong screen scan` do.
  const { bytes, report } = await buildScreeningPackage(ctx, actorOf(protection.user, county));
  const scanner = new Scanner(ScreeningPackage.fromBytes(bytes).assertCurrent());
  const posts = [
    { id: 'v-1001', url: 'https://video.example.net/v/1001', text: `【求助】松溪县郑墩镇洋墩村的${LAN.name}今年十岁，是留守儿童，奶奶${LAN.guardian}一个人带她，身份证号${LAN.idNumber}，大家帮帮她吧` },
    { id: 'v-1002', text: '今天天气很好，郑墩镇的油菜花开了。' },
  ];
  const hits = posts.flatMap((p) => scanner.scan(p.text).map((h) => ({ id: p.id, child: h.child, evidence: h.evidence, flags: h.flags, score: h.score })));
  if (hits.length !== 1) throw new Error(`expected one hit, got ${hits.length}`);
  hitsJsonl = `${hits.map((h) => JSON.stringify(h)).join('\n')}\n`;
  postsJsonl = `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`;

  // An export of the register found on a file-sharing site: a leak from inside the platform.
  const leaked = `郑墩镇郑墩村 ${OUYANG.name} 监护人 ${OUYANG.guardian} 身份证 ${OUYANG.idNumber}`;
  const internalHits = scanner.scan(leaked).map((h) => ({ id: 'pan-17', child: h.child, evidence: h.evidence, flags: h.flags, score: h.score }));
  if (internalHits.length !== 1) throw new Error(`expected one internal hit, got ${internalHits.length}`);
  const ingested = await ingestHits(ctx, actorOf(protection.user, county), {
    source: { kind: 'internal', name: '某网盘' }, packageVersion: String(report.version), hits: internalHits,
    posts: [{ id: 'pan-17', url: 'https://pan.example.net/s/17', text: leaked }],
  });
  internalId = ingested.incidents[0]!;

  return made;
}

describe('泄露事件 in chromium against the real server', { timeout: 300_000 }, () => {
  run.hooks(seed);

  scenario('a. the cyberspace office uploads hits.jsonl: a bad line and a too-short name are refused with nothing written; then one incident (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.cac);
    await openFromMenu(page, '泄露事件');
    await page.getByRole('heading', { name: '泄露事件' }).waitFor();
    await page.getByRole('button', { name: '导入巡查结果' }).click();
    const drawer = page.getByRole('dialog', { name: '导入巡查结果' });
    await drawer.waitFor();

    // A broken second line: named by number, nothing sent.
    const requests: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/incidents/hits') requests.push(r.url()); });
    await drawer.getByLabel('平台或发布者名称').fill(PLATFORM);
    await item(drawer, '命中文件（hits.jsonl）').locator('input[type=file]').setInputFiles({ name: 'hits.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${hitsJsonl}{"id":"v-9",\n`) });
    await drawer.getByRole('button', { name: /导\s*入/ }).click();
    await drawer.getByText('第 2 行：不是有效的 JSON').waitFor();
    await drawer.getByText('hits.jsonl 有 1 行有误，未导入任何内容：请改正后重新选择文件').waitFor();
    expect(requests).toEqual([]);

    // The server's own rule, under its field; what was chosen stays.
    await item(drawer, '命中文件（hits.jsonl）').locator('input[type=file]').setInputFiles({ name: 'hits.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(hitsJsonl) });
    await item(drawer, '帖子文件（posts.jsonl，选填）').locator('input[type=file]').setInputFiles({ name: 'posts.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(postsJsonl) });
    await drawer.getByLabel('平台或发布者名称').fill('某');
    let res = page.waitForResponse(isApi('/api/incidents/hits', 'POST'));
    await drawer.getByRole('button', { name: /导\s*入/ }).click();
    expect((await res).status()).toBe(400);
    await item(drawer, '平台或发布者名称').locator('.ant-form-item-explain-error', { hasText: '来源名称至少 2 个字' }).waitFor();
    expect(await count('incidents')).toBe(1); // the internal one from set-up
    await drawer.locator('.ant-upload-list').getByText('posts.jsonl').waitFor();
    await shot(page, 'import-refused-1280', { fullPage: false });

    await drawer.getByLabel('平台或发布者名称').fill(PLATFORM);
    res = page.waitForResponse(isApi('/api/incidents/hits', 'POST'));
    await drawer.getByRole('button', { name: /导\s*入/ }).click();
    const answer = await res;
    expect(answer.status()).toBe(201);
    // Only the post that was hit left the browser.
    const sent = JSON.parse(answer.request().postData()!) as { posts: Array<{ id: string }>; source: { kind: string } };
    expect(sent.posts.map((p) => p.id)).toEqual(['v-1001']);
    expect(sent.source.kind).toBe('cyberspace_screening');
    leakId = ((await answer.json()) as { incidents: string[] }).incidents[0]!;
    await drawer.getByText('新建 1 件泄露事件').waitFor();
    await shot(page, 'import-done-1280', { fullPage: false });
    await drawer.getByRole('button', { name: /完\s*成/ }).click();

    const row = page.locator(`[data-incident="${leakId}"]`);
    await row.getByText('蓝**').waitFor();
    await row.getByText('网信部门巡查 · 某短视频平台').waitFor();
    await row.getByText('标签化（第十五条）').waitFor();
    expectNothingLeaked(await page.locator('#main').innerText(), LAN);
    await shot(page, 'list-cac-1280');
    await expectAccessible(page);
    await closePage(page, errors);
  });

  scenario('b. the owning township\'s officer is told, issues a notice (letter: 第五条, no name or ID number), records a follow-up and closes (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.owner);
    // Told on the home page.
    const todo = page.getByTestId('todo-openIncidents');
    await todo.getByText('未结案的泄露事件').waitFor();
    await todo.getByText(PLATFORM).waitFor();
    await openFromMenu(page, '泄露事件');
    await page.locator(`[data-incident="${leakId}"]`).getByRole('link', { name: /^查看：蓝\*\*/ }).click();
    await page.getByRole('heading', { name: '泄露事件：蓝**' }).waitFor();
    const evidence = page.getByTestId('incident-evidence');
    await evidence.getByText(/帖子 SM3：[0-9a-f]{64}/).waitFor();
    expectNothingLeaked(await page.locator('#main').innerText(), LAN);
    await shot(page, 'detail-open-1280');
    await expectAccessible(page);

    // A recipient the server refuses: its message under the field, the rest kept.
    await page.getByRole('button', { name: '发出整改通知' }).click();
    const dialog = page.getByRole('dialog', { name: '发出整改通知' });
    expect(await dialog.getByLabel('接收方名称').inputValue()).toBe(PLATFORM);
    await dialog.getByLabel('处理期限（天）').fill('5');
    await dialog.getByLabel('联系方式').fill('0599-2300000（郑墩镇民政办）');
    await dialog.getByLabel('接收方名称').fill('某');
    let res = page.waitForResponse(isApi(`/api/incidents/${leakId}/notices`, 'POST'));
    await dialog.getByRole('button', { name: '发出通知' }).click();
    expect((await res).status()).toBe(400);
    await item(dialog, '接收方名称').locator('.ant-form-item-explain-error', { hasText: '接收方至少 2 个字' }).waitFor();
    expect(await dialog.getByLabel('处理期限（天）').inputValue()).toBe('5');
    expect(await dialog.getByLabel('联系方式').inputValue()).toBe('0599-2300000（郑墩镇民政办）');
    expect(await count('incident_notices')).toBe(0);
    await shot(page, 'notice-refused-1280', { fullPage: false });

    await dialog.getByLabel('接收方名称').fill(PLATFORM);
    res = page.waitForResponse(isApi(`/api/incidents/${leakId}/notices`, 'POST'));
    await dialog.getByRole('button', { name: '发出通知' }).click();
    expect((await res).status()).toBe(201);
    // The letter opens at once, to read and to save.
    const letter = page.getByRole('dialog', { name: `整改通知书 · ${PLATFORM}` });
    const body = letter.getByRole('document');
    await body.getByText(/第五条/).first().waitFor();
    const shown = await body.innerText();
    for (const a of ['第五条', '第十四条', '第十五条', '0599-2300000']) expect(shown).toContain(a);
    expectNothingLeaked(shown, LAN);
    await shot(page, 'notice-letter-1280', { fullPage: false });
    const file = await saved(Promise.all([page.waitForEvent('download'), letter.getByRole('button', { name: /下\s*载/ }).click()]).then(([d]) => d));
    expect(file.name).toMatch(/\.md$/u);
    expect(file.text).toContain('第五条');
    expectNothingLeaked(file.text, LAN);
    await letter.getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('incident-notices').getByText('要求删除').waitFor();
    await page.getByText('已发通知', { exact: true }).first().waitFor();

    // The deadline passes: the list marks it, the filter finds it, the detail says what to do.
    await sql`UPDATE incidents SET due_at = now() - interval '1 day' WHERE id = ${leakId}`.execute(run.ctx.db);
    await page.getByRole('link', { name: '返回泄露事件' }).click();
    await page.getByRole('tab', { name: '已发通知' }).click();
    const late = page.locator(`[data-incident="${leakId}"]`);
    await late.getByText('已逾期').waitFor();
    const filtered = page.waitForResponse((r) => isApi('/api/incidents')(r) && new URL(r.url()).searchParams.get('overdue') === 'true');
    await page.getByRole('tabpanel').getByLabel('只看已逾期').check();
    expect(((await (await filtered).json()) as { total: number }).total).toBe(1);
    await late.waitFor();
    await shot(page, 'list-overdue-1280');
    await expectAccessible(page);
    expect(await page.evaluate(() => { const w = document.querySelector('.ant-table-content'); return w ? w.scrollWidth - w.clientWidth : 0; }), 'the table fits 1280 px').toBeLessThanOrEqual(0);
    await late.getByRole('link').click();
    await page.getByText('整改期限已过，事件尚未结案').waitFor();

    // The letter again from the list of notices.
    await page.getByRole('button', { name: `下载通知书：${PLATFORM}` }).click();
    await letter.getByRole('document').getByText(/第十五条/).first().waitFor();
    await letter.getByRole('button', { name: '关闭' }).click();

    await page.getByRole('button', { name: '记录跟进' }).click();
    const follow = page.getByRole('dialog', { name: '记录跟进' });
    await pick(follow.getByLabel('处理结果'), '已删除');
    await follow.getByLabel('跟进情况').fill('平台客服回复已下架该视频');
    res = page.waitForResponse(isApi(`/api/incidents/${leakId}/follow-ups`, 'POST'));
    await follow.getByRole('button', { name: /保\s*存/ }).click();
    expect((await res).status()).toBe(201);
    await page.getByTestId('incident-follow-ups').getByText('平台客服回复已下架该视频').waitFor();

    await page.getByRole('button', { name: '结案' }).click();
    const close = page.getByRole('dialog', { name: '结案' });
    await close.getByRole('button', { name: '确认结案' }).click();
    await close.getByText('请选择结案结果').waitFor();
    await pick(close.getByLabel('结案结果'), '已删除');
    await close.getByLabel('结案说明').fill('复核确认帖子已删除');
    res = page.waitForResponse(isApi(`/api/incidents/${leakId}/close`, 'POST'));
    await close.getByRole('button', { name: '确认结案' }).click();
    expect((await res).status()).toBe(200);
    await page.getByText('已结案', { exact: true }).first().waitFor();
    await page.getByText('复核确认帖子已删除').waitFor();
    expect(await page.getByRole('button', { name: '发出整改通知' }).count()).toBe(0);
    const timeline = await page.getByTestId('incident-timeline').innerText();
    for (const t of ['发出', '跟进', '结案']) expect(timeline).toContain(t);
    await shot(page, 'detail-closed-1280');
    await expectAccessible(page);

    await page.getByRole('link', { name: '返回泄露事件' }).click();
    await page.getByRole('tab', { name: '已结案' }).click();
    await page.locator(`[data-incident="${leakId}"]`).waitFor();
    await closePage(page, errors);
  });

  scenario('c. an internal leak: closing first is refused; the breach form keeps what was typed on a refusal, then gives both letters (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.owner);
    await page.goto(`${run.base}/incidents/${internalId}`);
    await page.getByRole('heading', { name: '泄露事件：欧**' }).waitFor();
    const breach = page.getByTestId('incident-breach');
    await breach.getByText('泄露来自平台内部：应立即采取补救措施，及时报告网信等部门，并告知受影响儿童的监护人').waitFor();

    await page.getByRole('button', { name: '结案' }).click();
    const close = page.getByRole('dialog', { name: '结案' });
    await pick(close.getByLabel('结案结果'), '已删除');
    await close.getByLabel('结案说明').fill('网盘已删除文件');
    let res = page.waitForResponse(isApi(`/api/incidents/${internalId}/close`, 'POST'));
    await close.getByRole('button', { name: '确认结案' }).click();
    const refused = await res;
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    const problem = await refused.json() as { detail: string };
    await close.getByRole('alert').getByText(problem.detail).waitFor();
    await close.getByRole('button', { name: /取\s*消/ }).click();

    await breach.getByLabel('泄露原因').fill('泄露');
    const types = breach.getByLabel('泄露的信息种类');
    await types.click();
    for (const t of ['姓名', '身份证号']) await page.locator('.ant-select-dropdown:visible').getByTitle(t, { exact: true }).click();
    await types.press('Escape');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await breach.getByLabel('可能造成的危害').fill('儿童及家庭可能被冒充工作人员的人员诈骗或骚扰');
    await breach.getByLabel('已采取的补救措施').fill('已停用涉事账号、重置口令，已要求网盘删除文件');
    await breach.getByLabel('联系方式').fill('0599-2300000');
    await breach.getByLabel('报告的部门').fill('松溪县网信办');
    res = page.waitForResponse(isApi(`/api/incidents/${internalId}/breach`, 'POST'));
    await breach.getByRole('button', { name: '保存处置情况' }).click();
    expect((await res).status()).toBe(400);
    await item(breach, '泄露原因').locator('.ant-form-item-explain-error', { hasText: '泄露原因至少 4 个字' }).waitFor();
    expect(await breach.getByLabel('报告的部门').inputValue()).toBe('松溪县网信办');
    expect(await count('incident_breaches')).toBe(0);
    await shot(page, 'breach-refused-1280');

    await breach.getByLabel('泄露原因').fill('工作人员账号被盗用，导出的名册被上传至网盘');
    res = page.waitForResponse(isApi(`/api/incidents/${internalId}/breach`, 'POST'));
    await breach.getByRole('button', { name: '保存处置情况' }).click();
    expect((await res).status()).toBe(201);
    // The form gives way to the recorded facts (its hint quotes the same example, so wait for the form to go first).
    await breach.getByRole('button', { name: '保存处置情况' }).waitFor({ state: 'hidden' });
    await breach.getByText('工作人员账号被盗用，导出的名册被上传至网盘', { exact: true }).waitFor();

    for (const [button, title, article] of [
      ['报告监管部门', '数据泄露报告（报送监管部门）', '第五十七条'],
      ['告知监护人', '数据泄露告知书（致监护人）', '第三十五条'],
    ] as const) {
      await breach.getByRole('button', { name: button }).click();
      const drawer = page.getByRole('dialog', { name: title });
      await drawer.getByRole('document').getByText(new RegExp(article)).first().waitFor();
      const text = await drawer.getByRole('document').innerText();
      expect(text).toContain('0599-2300000');
      expectNothingLeaked(text, OUYANG);
      await shot(page, `breach-letter-${button === '告知监护人' ? 'guardian' : 'authority'}-1280`, { fullPage: false });
      const file = await saved(Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: /下\s*载/ }).click()]).then(([d]) => d));
      expect(file.text).toContain(article);
      expectNothingLeaked(file.text, OUYANG);
      await drawer.getByRole('button', { name: '关闭' }).click();
      await drawer.waitFor({ state: 'hidden' });
    }
    await shot(page, 'breach-recorded-1280');
    await expectAccessible(page);
    await closePage(page, errors);
  });

  scenario('d. on a phone: cards, the detail and the letter fit 375 px', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.owner);
    await openFromMenu(page, '泄露事件');
    const card = page.locator(`[data-incident="${internalId}"]`);
    await card.getByText('平台内部泄露 · 某网盘').waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'list-375');
    await page.getByRole('tab', { name: '已结案' }).click();
    await page.locator(`[data-incident="${leakId}"]`).getByRole('link').click();
    await page.getByRole('heading', { name: '泄露事件：蓝**' }).waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'detail-375');
    await page.getByRole('button', { name: `下载通知书：${PLATFORM}` }).click();
    await page.getByRole('document').getByText(/第五条/).first().waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'notice-letter-375', { fullPage: false });
    await closePage(page, errors);
  });

  scenario('e. another township\'s officer sees no incident, and a direct link is a 404 (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.other);
    await openFromMenu(page, '泄露事件');
    await page.getByText('没有待处理的泄露事件').waitFor();
    expect(await page.locator('[data-incident]').count()).toBe(0);
    const res = page.waitForResponse(isApi(`/api/incidents/${leakId}`));
    await page.goto(`${run.base}/incidents/${leakId}`);
    expect((await res).status()).toBe(404);
    await page.getByText('事件不存在或无权访问').waitFor();
    expectNothingLeaked(await page.locator('#main').innerText(), LAN);
    expect(await page.locator('#main').innerText()).not.toContain('蓝**');
    await shot(page, 'not-found-1280');
    await closePage(page, errors);
  });
});
