/**
 * 发布审核 in a real chromium against the real server, in-process (as lawful-basis.browser.test.ts):
 * a county publicity department's staff submits a news text and a photo; its reviewer sees the
 * draft beside the processed version and approves; a school's award list naming a 15-year-old
 * without her own consent cannot be approved (第十三条) and is returned; a text about 直播带货 and
 * 打赏 is blocked at submission (第十五条); a volunteer has no 发布审核. Synthetic people only;
 * the photo is a real face (face-api's demo picture, MIT) composited with sharp.
 * Screenshots at 1280 and 375 px go to <repo>/test-output/screenshots/publication-*.png and
 * /tmp/shots/publication-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (npm run build -w packages/web,
 * or a build elsewhere named by HUTONG_WEB_DIST).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { composeIdNumber } from '@hutong/core';
import type { AppContext } from '../../server/src/context.ts';
import { createChild, getChild, today } from '../../server/src/registry/registry.service.ts';
import { recordConsent } from '../../server/src/consent/consent.service.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { syntheticChild } from '../../server/test/helpers/registry-fixtures.ts';
import { actorOf, closePage, isApi } from './real-session.ts';
import { ConsoleDriver, expectAccessible, noHorizontalOverflow, openFromMenu, openMenu, pick, type Made } from './console-driver.ts';
import { bornBefore } from './synthetic-dates.ts';

const require = createRequire(import.meta.url);
const COUNTY = '350102000000'; // 福州市鼓楼区
const VILLAGE = '350102001001';
const M = '《困境儿童个人信息保护工作办法》';
const NOTICE = {
  purpose: '宣传报道', method: '报纸、公众号刊发，校内公示', categories: '姓名、年级、事迹', retention: '发布后删除原稿', rights: '可随时撤回',
  contact: '0591-00000000', necessityAndImpact: '报道关爱活动与表彰，化名发布，不影响儿童权益',
};
const YOUNG = '陈思语';
const TEEN = '郑雨桐';

const run = new ConsoleDriver<'publicity' | 'reviewer' | 'school' | 'volunteer'>({ prefix: 'publication-', tmpPrefix: 'publication-', scrollTop: true });
const { accounts, freshPage, scenario, shot, signIn } = run;
let photo: Buffer;
let awardList: Buffer;
let newsId = '';
let listId = '';

type Upload = { name: string; mimeType: string; buffer: Buffer };

/** The form as a submitter fills it; the drop zone's hidden input takes the files. */
async function fillSubmission(page: Page, o: { title: string; kind: string; channel: string; audience?: string; files: Upload[] }): Promise<void> {
  await page.getByLabel('标题').fill(o.title);
  await pick(page.getByLabel('发布类型'), o.kind);
  await pick(page.getByLabel('发布渠道'), o.channel);
  if (o.audience) await pick(page.getByLabel('受众'), o.audience);
  await page.locator('input[type=file]').setInputFiles(o.files);
  for (const f of o.files) await page.locator('.ant-upload-list').getByText(f.name, { exact: true }).waitFor();
}

const submitted = (page: Page) => page.waitForResponse(isApi('/api/publications', 'POST'), { timeout: 150_000 });

/** Opens the box's item with this (processed) title from the list. */
async function openListed(page: Page, tab: string, title: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('tabpanel').getByRole('link', { name: new RegExp(`：${title}$`) }).first().click();
  await page.getByRole('heading', { name: title }).waitFor();
}

const regionText = async (page: Page, name: string) => page.getByRole('region', { name }).innerText();

/** Two consented children, a photo with a real face and a school's award list naming the older one. */
async function seed(ctx: AppContext): Promise<Record<'publicity' | 'reviewer' | 'school' | 'volunteer', Made>> {
  const civil = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  const publicity = await createOrg(ctx, { name: '鼓楼区委宣传部', type: 'publicity', regionCode: COUNTY });
  const school = await createOrg(ctx, { name: '鼓楼区示范小学', type: 'school', regionCode: COUNTY });
  const volunteers = await createOrg(ctx, { name: '鼓楼区青年志愿者协会', type: 'volunteer_team', regionCode: COUNTY });
  const officer = await createUser(ctx, { role: 'civil_affairs_officer', orgId: civil.id, username: 'minzheng_fabu', displayName: '王民政' });
  const made = {
    publicity: await createUser(ctx, { role: 'department_staff', orgId: publicity.id, username: 'xuanchuan', displayName: '张宣传' }),
    reviewer: await createUser(ctx, { role: 'reviewer', orgId: publicity.id, username: 'shenhe', displayName: '李审核' }),
    school: await createUser(ctx, { role: 'department_staff', orgId: school.id, username: 'xuexiao', displayName: '周老师' }),
    volunteer: await createUser(ctx, { role: 'volunteer', orgId: volunteers.id, username: 'zhiyuan', displayName: '吴志愿' }),
  };

  // 13 with the guardian's publicity consent; 15 with the guardian's only (her own is missing, 第十三条).
  const actor = actorOf(officer.user, civil);
  const kids: Record<string, string> = {};
  for (const [name, years, n] of [[YOUNG, 13, 1], [TEEN, 15, 2]] as const) {
    const birthDate = bornBefore(years, 60);
    kids[name] = (await createChild(ctx, actor, syntheticChild(VILLAGE, { name, birthDate, gender: 'female', idNumber: composeIdNumber('350102', birthDate, 500 + n, 'female') }))).id;
    const guardianId = (await getChild(ctx, actor, kids[name]!)).guardians[0]!.id;
    await recordConsent(ctx, actor, kids[name]!, {
      givenBy: 'guardian', guardianId, purposes: ['publicity'], recipientOrgTypes: ['publicity', 'school'], givenOn: today(), method: 'in_person',
      notice: NOTICE, noticeOfNecessityAndImpact: true,
    } as never);
  }

  // A real face (face-api's demo photo) on a plain backdrop, as a phone picture of one pupil would be.
  const demo = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', 'sample1.jpg');
  const face = await sharp(fs.readFileSync(demo)).extract({ left: 330, top: 250, width: 345, height: 460 }).toBuffer();
  photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#b9c7d4' } })
    .composite([{ input: face, left: 228, top: 70 }]).jpeg({ quality: 90 }).toBuffer();

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('获奖名单');
  ws.addRow(['姓名', '年级', '奖项']);
  ws.addRow([TEEN, '初二', '书法比赛一等奖']);
  awardList = Buffer.from(await wb.xlsx.writeBuffer());

  return made;
}

describe('发布审核 in chromium against the real server', { timeout: 300_000 }, () => {
  run.hooks(seed);

  scenario('a. a publicity officer submits a news text naming a consented 13-year-old and a photo; a bad file is refused beside the field and nothing typed is lost (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.publicity);
    await openFromMenu(page, '发布审核');
    await page.getByRole('button', { name: '提交送审' }).click();
    await page.getByRole('heading', { name: '提交送审' }).waitFor();
    const text = `鼓楼区暑期关爱活动顺利举行。${YOUNG}今年十三岁，在活动中展示了书法作品，她说：“谢谢叔叔阿姨。”`;
    await fillSubmission(page, {
      title: '鼓楼区暑期关爱活动侧记', kind: '新闻报道/通讯', channel: '报刊',
      files: [
        { name: '通讯稿.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') },
        { name: '活动照片.jpg', mimeType: 'image/jpeg', buffer: photo },
        { name: '宣传片.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not a video') },
      ],
    });
    let res = submitted(page);
    await page.getByRole('button', { name: '提交送审' }).last().click();
    expect((await res).status()).toBe(400);
    const filesItem = page.locator('.ant-form-item').filter({ has: page.getByText('文件', { exact: true }) });
    await filesItem.locator('.ant-form-item-explain-error', { hasText: '“宣传片.mp4”：不支持的文件类型“.mp4”' }).waitFor();
    expect(await page.getByLabel('标题').inputValue()).toBe('鼓楼区暑期关爱活动侧记');
    await shot(page, 'new-file-refused-1280');
    await expectAccessible(page);

    await page.locator('.ant-upload-list-item', { hasText: '宣传片.mp4' }).getByRole('button', { name: /删除/ }).click();
    res = submitted(page);
    await page.getByRole('button', { name: '提交送审' }).last().click();
    const made = await (await res).json() as { id: string; status: string; children: Array<{ ref: string; consented: boolean; ageBand: string }> };
    expect(made.status).toBe('in_review');
    expect(made.children).toEqual([expect.objectContaining({ ref: 'C1', consented: true, ageBand: 'under14' })]);
    newsId = made.id;
    await page.waitForURL((u) => u.pathname === `/publications/${newsId}`);
    await page.getByText('审核中：审核员批准前，任何文件都不得发布').waitFor();
    await page.getByText('同意齐备').waitFor();
    // A submitter sees no draft words: only the processed version.
    expect(await page.getByRole('region', { name: /原稿$/ }).count()).toBe(0);
    expect(await regionText(page, '通讯稿.txt 处理后')).not.toContain(YOUNG);
    await page.getByRole('button', { name: '下载处理稿（未批准，不得发布）：通讯稿.txt' }).waitFor();
    await shot(page, 'submitted-1280');
    await closePage(page, errors);
  });

  scenario('b. the reviewer sees the draft beside the processed text and photo, keeps nothing, approves; the publishable download is approved and has no name (375 px, 1280 px)', async () => {
    const phone = await freshPage('phone');
    await signIn(phone.page, accounts.reviewer);
    await openFromMenu(phone.page, '发布审核');
    await phone.page.getByRole('tab', { name: '待我审核', selected: true }).waitFor();
    expect(await phone.page.getByRole('tab', { name: '我的提交' }).count(), 'a reviewer submits nothing').toBe(0);
    await phone.page.getByRole('link', { name: '审核：鼓楼区暑期关爱活动侧记' }).waitFor();
    await noHorizontalOverflow(phone.page);
    await expectAccessible(phone.page);
    await shot(phone.page, 'review-list-375');
    await phone.page.getByRole('link', { name: '审核：鼓楼区暑期关爱活动侧记' }).click();
    await phone.page.getByRole('region', { name: '通讯稿.txt 原稿' }).getByText(YOUNG).waitFor();
    await phone.page.getByRole('img', { name: /活动照片.*原图/ }).waitFor();
    await noHorizontalOverflow(phone.page);
    await shot(phone.page, 'review-detail-375');
    await closePage(phone.page, phone.errors);

    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.reviewer);
    await page.goto(`${run.base}/publications/${newsId}`);
    const draft = page.getByRole('region', { name: '通讯稿.txt 原稿' });
    await draft.locator('mark[data-type="PERSON"]', { hasText: YOUNG }).waitFor();
    const processed = await regionText(page, '通讯稿.txt 处理后');
    expect(processed).not.toContain(YOUNG);
    expect(processed).toContain('鼓楼区暑期关爱活动顺利举行');
    // The photo: original and processed side by side, each face boxed, each with its own 保留 switch.
    const photoCard = page.locator('[data-file="活动照片.jpg"]');
    await photoCard.getByRole('img', { name: /原图/ }).waitFor();
    await photoCard.getByRole('img', { name: /处理后/ }).waitFor();
    expect(await photoCard.locator('[data-box$="face-0"]').count()).toBe(2);
    await photoCard.getByRole('switch', { name: '保留人脸 1（不模糊）' }).click();
    const keepDialog = page.getByRole('dialog', { name: '保留人脸 1（不模糊）' });
    await keepDialog.getByRole('button', { name: /保\s*留/ }).click();
    await keepDialog.getByText('请填写保留理由').waitFor();
    await shot(page, 'keep-face-reason-1280', { fullPage: false });
    await keepDialog.getByRole('button', { name: /取\s*消/ }).click();
    expect(await photoCard.getByRole('switch', { name: '保留人脸 1（不模糊）' }).isChecked()).toBe(false);
    await page.getByRole('heading', { name: '核对结果' }).waitFor();
    await shot(page, 'review-detail-1280');
    await photoCard.scrollIntoViewIfNeeded();
    await shot(page, 'review-photo-1280', { fullPage: false });
    await expectAccessible(page);

    await page.getByRole('button', { name: '批准发布' }).click();
    const dialog = page.getByRole('dialog', { name: '批准发布' });
    await dialog.getByLabel('审核结论与理由').fill('已取得监护人同意并告知，姓名已改化名，照片人脸已模糊，同意发布');
    const approved = page.waitForResponse(isApi(`/api/publications/${newsId}/approve`, 'POST'), { timeout: 60_000 });
    await dialog.getByRole('button', { name: '批准发布' }).click();
    expect((await approved).status()).toBe(200);
    await page.getByText(/已批准发布：李审核 于/).waitFor();
    await page.getByText(/原稿及识别出的原文已于 .* 销毁/).waitFor();

    const card = page.locator('[data-file="通讯稿.txt"]');
    const fetched = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/publications/${newsId}/files/${encodeURIComponent('通讯稿.txt')}`);
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: '下载发布版本（已批准可发布）：通讯稿.txt' }).click();
    const response = await fetched;
    expect(response.headers()['x-hutong-approval']).toBe('approved');
    expect(response.headers()['x-hutong-version']).toBe('processed');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('通讯稿.txt');
    const body = fs.readFileSync((await saved.path())!, 'utf8');
    expect(body).not.toContain(YOUNG);
    expect(body).toContain('鼓楼区暑期关爱活动顺利举行');
    // The draft is gone: no original to show or download, nothing labelled as the draft.
    expect(await page.getByRole('region', { name: '通讯稿.txt 原稿' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /原稿（未经技术处理）/ }).count()).toBe(0);
    await shot(page, 'approved-1280');
    await closePage(page, errors);
  });

  scenario('c. a school\'s award list names a 15-year-old without her own consent: approval is refused under 第十三条, the reviewer returns it, the school sees why (375 px, 1280 px)', async () => {
    const school = await freshPage('phone');
    await signIn(school.page, accounts.school);
    await openFromMenu(school.page, '发布审核');
    await school.page.getByRole('button', { name: '提交送审' }).click();
    await fillSubmission(school.page, {
      title: '2025年秋季书法比赛获奖名单', kind: '奖励名单公示', channel: '校内公示栏/校园网', audience: '本校师生及家长',
      files: [{ name: '获奖名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: awardList }],
    });
    await noHorizontalOverflow(school.page);
    await shot(school.page, 'new-375');
    const res = submitted(school.page);
    await school.page.getByRole('button', { name: '提交送审' }).last().click();
    const made = await (await res).json() as { id: string; outcome: string; checks: Array<{ code: string; clause: string }> };
    expect(made.outcome).toBe('needs_consent');
    expect(made.checks.find((c) => c.code === 'child_consent_missing')?.clause).toBe(`${M}第十三条`);
    listId = made.id;
    await school.page.waitForURL((u) => u.pathname === `/publications/${listId}`);
    await school.page.locator('[data-severity="consent"]').getByText(`依据：${M}第十三条`).waitFor();
    await noHorizontalOverflow(school.page);
    await closePage(school.page, school.errors);

    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.reviewer);
    await openFromMenu(page, '发布审核');
    await openListed(page, '待我审核', '2025年秋季书法比赛获奖名单');
    const consent = page.locator('[data-severity="consent"]');
    await consent.getByText(/儿童本人同意/).first().waitFor();
    await consent.getByText(`依据：${M}第十三条`).waitFor();
    await page.locator('[data-child-ref="C1"]').getByText('儿童本人同意：未取得').waitFor();
    // The cell as written beside the cell as processed, read from the two XLSX files.
    const cell = page.getByRole('region', { name: '获奖名单 第2行 姓名 原稿' });
    await cell.locator('mark[data-type="PERSON"]', { hasText: TEEN }).waitFor();
    // The processed file is fetched again once the server has redone it.
    await expect.poll(() => regionText(page, '获奖名单 第2行 姓名 处理后'), { timeout: 10_000 }).not.toContain(TEEN);
    await page.locator('[data-file="获奖名单.xlsx"]').scrollIntoViewIfNeeded();
    await shot(page, 'review-xlsx-1280', { fullPage: false });

    // Keeping the name (with a reason) is sent at once: the file is processed again and the keep is flagged (第十四条).
    await page.getByRole('button', { name: `保留“${TEEN}”` }).click();
    const keep = page.getByRole('dialog', { name: `保留“${TEEN}”` });
    await keep.getByLabel('保留理由').fill('获奖名单须写明获奖学生姓名，待取得本人同意');
    let adjusted = page.waitForResponse(isApi(`/api/publications/${listId}/findings`, 'PUT'));
    await keep.getByRole('button', { name: /保\s*留/ }).click();
    expect((await adjusted).status()).toBe(200);
    await page.locator(`[data-term="${TEEN}"]`).getByText('保留原文').waitFor();
    await page.locator('[data-severity="flag"]').getByText(`依据：${M}第十四条`).first().waitFor();
    await page.getByRole('region', { name: '获奖名单 第2行 姓名 处理后' }).getByText(TEEN).waitFor();
    await page.locator(`[data-term="${TEEN}"]`).scrollIntoViewIfNeeded();
    await shot(page, 'review-keep-1280', { fullPage: false });
    adjusted = page.waitForResponse(isApi(`/api/publications/${listId}/findings`, 'PUT'));
    await page.getByRole('button', { name: `恢复处理“${TEEN}”` }).click();
    expect((await adjusted).status()).toBe(200);
    await page.locator(`[data-term="${TEEN}"]`).getByText('处理', { exact: true }).waitFor();
    // The processed file is fetched again once the server has redone it.
    await expect.poll(() => regionText(page, '获奖名单 第2行 姓名 处理后'), { timeout: 10_000 }).not.toContain(TEEN);
    await page.getByRole('button', { name: '批准发布' }).click();
    const dialog = page.getByRole('dialog', { name: '批准发布' });
    await dialog.getByLabel('审核结论与理由').fill('名单已遮盖姓名，同意公示');
    const refused = page.waitForResponse(isApi(`/api/publications/${listId}/approve`, 'POST'));
    await dialog.getByRole('button', { name: '批准发布' }).click();
    const refusal = await refused;
    expect(refusal.status()).toBe(409);
    expect((await refusal.json() as { code: string }).code).toBe('HUTONG_PUBLICATION_NOT_READY');
    await dialog.getByRole('alert').getByText(/^不能批准：.*儿童本人同意/).waitFor();
    await dialog.getByRole('alert').getByText(`依据：${M}第十三条`).waitFor();
    await shot(page, 'approve-refused-1280', { fullPage: false });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    await page.getByRole('button', { name: '退回修改' }).click();
    const back = page.getByRole('dialog', { name: '退回修改' });
    await back.getByLabel('退回理由（每行一条）').fill('请先取得郑同学本人对公示的同意，并告知必要性及影响\n名单只需写年级，不必写全名');
    const returned = page.waitForResponse(isApi(`/api/publications/${listId}/return`, 'POST'));
    await back.getByRole('button', { name: /退\s*回/ }).click();
    expect((await returned).status()).toBe(200);
    await page.getByText(/已退回：李审核 于/).waitFor();
    await closePage(page, errors);

    const again = await freshPage('phone');
    await signIn(again.page, accounts.school);
    await openFromMenu(again.page, '发布审核');
    const card = again.page.locator(`[data-publication="${listId}"]`);
    await card.getByText('已退回').waitFor();
    await card.getByRole('link', { name: /查看/ }).click();
    const reasons = again.page.getByRole('list', { name: '退回理由' });
    await reasons.getByText('请先取得郑同学本人对公示的同意，并告知必要性及影响').waitFor();
    await reasons.getByText('名单只需写年级，不必写全名').waitFor();
    await again.page.getByRole('button', { name: '修改后重新提交' }).waitFor();
    await noHorizontalOverflow(again.page);
    await shot(again.page, 'returned-375');
    await closePage(again.page, again.errors);
  });

  scenario('d. a text about 直播带货 and 打赏 is blocked at submission with the 第十五条 reason; the form keeps what was typed (1280 px, 375 px)', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const { page, errors } = await freshPage(viewport);
      await signIn(page, accounts.publicity);
      await page.goto(`${run.base}/publications/new`);
      await fillSubmission(page, {
        title: '爱心助农直播预告', kind: '新闻报道/通讯', channel: '微信公众号、微博等新媒体',
        files: [{ name: '预告.txt', mimeType: 'text/plain', buffer: Buffer.from('本周六晚八点，孩子们将走进直播间直播带货，欢迎大家打赏支持。', 'utf8') }],
      });
      const res = submitted(page);
      await page.getByRole('button', { name: '提交送审' }).last().click();
      const made = await (await res).json() as { status: string; checks: Array<{ severity: string; clause: string }> };
      expect(made.status).toBe('blocked');
      expect(made.checks.filter((c) => c.severity === 'block').every((c) => c.clause === `${M}第十五条`)).toBe(true);
      const notice = page.getByRole('alert').filter({ hasText: '稿件已被拦截，不得发布' });
      await notice.getByText(`稿件已被拦截，不得发布（${M}第十五条）`).waitFor();
      await notice.getByText(/“直播带货”/).first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/publications/new');
      expect(await page.getByLabel('标题').inputValue()).toBe('爱心助农直播预告');
      await page.locator('.ant-upload-list').getByText('预告.txt', { exact: true }).waitFor();
      await page.getByRole('button', { name: '提交修改稿' }).waitFor();
      if (viewport === 'phone') await noHorizontalOverflow(page);
      await shot(page, `blocked-${viewport === 'phone' ? '375' : '1280'}`);
      await closePage(page, errors);
    }
  });

  scenario('e. a volunteer has no 发布审核 in the menu and the page refuses them (375 px)', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.volunteer);
    const menu = await openMenu(page);
    await menu.getByRole('menuitem', { name: '技术处理' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: '发布审核' }).count()).toBe(0);
    await shot(page, 'volunteer-menu-375', { fullPage: false });
    await page.goto(`${run.base}/publications`);
    await page.getByText('无权访问').waitFor();
    await closePage(page, errors);
  });
});
