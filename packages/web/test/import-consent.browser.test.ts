/**
 * 导入名册 and 登记同意 by age in a real chromium against the real server, in-process (as
 * registry-forms.browser.test.ts): a civil affairs officer downloads the template, previews a
 * roster with a bad row, imports the good rows and finds them (masked) in the list; a child
 * director has no import; consent for a 13-year-old is the guardian's (第十二条第二款) and for a
 * 15-year-old the child's, with the guardian told (第十二条第三款). Birth dates are computed from
 * today so the ages hold. Synthetic people only. Screenshots at 1280 and 375 px go to
 * <repo>/test-output/screenshots/import-*.png and /tmp/shots/import-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (npm run build -w packages/web,
 * or a build elsewhere named by HUTONG_WEB_DIST).
 */
import fs from 'node:fs';
import { describe, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { composeIdNumber, PURPOSE_CODES } from '@hutong/core';
import type { AppContext } from '../../server/src/context.ts';
import { createChild, today } from '../../server/src/registry/registry.service.ts';
import { HEADERS } from '../../server/src/import/import-columns.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { syntheticChild } from '../../server/test/helpers/registry-fixtures.ts';
import { actorOf, closePage, isApi } from './real-session.ts';
import { cardTitled, ConsoleDriver, expectAccessible, noHorizontalOverflow, openFromMenu, pick, pickMany, type Made } from './console-driver.ts';
import { bornBefore } from './synthetic-dates.ts';

const COUNTY = '350102000000'; // 福州市鼓楼区
const VILLAGE = '350102001001'; // 鼓东街道中山社区
const NOTICE = { purpose: '关爱服务', method: '入户走访、电话回访', categories: '姓名、联系方式', retention: '服务结束后删除', rights: '可查询、更正、撤回', contact: '0591-00000000' };

/** A roster as an office keeps it: two good rows and one whose ID number has a wrong check digit. */
const ROSTER = (() => {
  const a = bornBefore(9, 40);
  const b = bornBefore(6, 100);
  const c = bornBefore(11, 200);
  const badId = composeIdNumber('350102', c, 45, 'male');
  const wrong = badId.slice(0, 17) + (badId.endsWith('0') ? '1' : '0');
  const row = (cells: Record<string, string>) => HEADERS.map((h) => cells[h] ?? '').join(',');
  return {
    names: ['测试林禾', '测试陈一'],
    births: [a, b],
    badName: '测试郑错',
    csv: `\uFEFF${[
      HEADERS.join(','),
      row({ 姓名: '测试林禾', 性别: '女', 出生日期: a, 身份证号: composeIdNumber('350102', a, 31, 'female'), 区划代码: VILLAGE, 儿童类别: '农村留守儿童', 监护人姓名: '测试林奶奶', 监护人关系: '祖母', 监护人电话: '13800001234' }),
      row({ 姓名: '测试郑错', 性别: '男', 出生日期: c, 身份证号: wrong, 区划代码: VILLAGE, 儿童类别: '孤儿', 监护人姓名: '测试郑爷爷', 监护人关系: '祖父', 监护人电话: '13800005678' }),
      row({ 姓名: '测试陈一', 性别: '男', 出生日期: b, 身份证号: composeIdNumber('350102', b, 77, 'male'), 区划代码: VILLAGE, 儿童类别: '孤儿；农村留守儿童', 监护人姓名: '测试陈外婆', 监护人关系: '外祖母', 监护人电话: '13800009012' }),
    ].join('\r\n')}\r\n`,
  };
})();

const run = new ConsoleDriver<'officer' | 'director'>({ prefix: 'import-', tmpPrefix: 'import-', scrollTop: true });
const { accounts, freshPage, scenario, shot, signIn } = run;
const kids = { thirteen: '', fifteen: '' };

/** Chooses the file from the keyboard: the drop zone is a button (named by its text) that Enter opens. */
async function chooseRoster(page: Page, name: string, csv: string): Promise<void> {
  const zone = page.getByRole('button', { name: /点击或拖入名册文件/ });
  // Chooser interception is switched on asynchronously: on a loaded machine the first Enter can
  // open the (headless, invisible) native dialog before it is, so Enter again.
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
    await zone.focus();
    await page.keyboard.press('Enter');
    try {
      await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  await page.getByText(name, { exact: true }).waitFor();
}

/** 查看完整信息 for 社会救助: the consent guidance needs the full birth date. */
async function revealForAssistance(page: Page, childId: string): Promise<void> {
  await page.getByRole('button', { name: '查看完整信息' }).click();
  const dialog = page.getByRole('dialog', { name: '查看完整信息' });
  await pick(dialog.getByLabel('处理目的', { exact: true }), PURPOSE_CODES.social_assistance);
  await dialog.getByLabel('具体事由').fill('核对年龄，登记关爱服务同意');
  const shown = page.waitForResponse((r) => isApi(`/api/children/${childId}`)(r) && new URL(r.url()).searchParams.get('purpose') === 'social_assistance');
  await dialog.getByRole('button', { name: '确认查看' }).click();
  expect((await shown).status()).toBe(200);
  await page.getByText(/正在显示完整信息/).waitFor();
}

/** The consent form's own fields (the notice form beside it also has a 监护人 and a 处理目的). */
async function fillConsent(card: Locator, method: string): Promise<void> {
  await pickMany(card, card.getByRole('combobox', { name: '处理目的' }), PURPOSE_CODES.care_service);
  await pick(card.getByLabel('同意方式', { exact: true }), method);
  await card.getByRole('textbox', { name: '处理目的' }).fill(NOTICE.purpose);
  await card.getByLabel('处理方式', { exact: true }).fill(NOTICE.method);
  await card.getByLabel('个人信息种类', { exact: true }).fill(NOTICE.categories);
  await card.getByLabel('保存期限', { exact: true }).fill(NOTICE.retention);
  await card.getByLabel('行使权利的方式', { exact: true }).fill(NOTICE.rights);
  await card.getByLabel('联系方式', { exact: true }).fill(NOTICE.contact);
}

/** A 13- and a 15-year-old already on the register, for consent by age. */
async function seed(ctx: AppContext): Promise<Record<'officer' | 'director', Made>> {
  const county = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  const made = {
    officer: await createUser(ctx, { role: 'civil_affairs_officer', orgId: county.id, username: 'minzheng_daoru', displayName: '王导入' }),
    director: await createUser(ctx, { role: 'child_director', orgId: county.id, username: 'ertong_zhuren', displayName: '李主任' }),
  };
  const officer = actorOf(made.officer.user, county);
  const thirteen = bornBefore(13, 60);
  const fifteen = bornBefore(15, 60);
  kids.thirteen = (await createChild(ctx, officer, syntheticChild(VILLAGE, { name: '测试十三', birthDate: thirteen, gender: 'female', idNumber: composeIdNumber('350102', thirteen, 113, 'female') }))).id;
  kids.fifteen = (await createChild(ctx, officer, syntheticChild(VILLAGE, { name: '测试十五', birthDate: fifteen, gender: 'male', idNumber: composeIdNumber('350102', fifteen, 115, 'male') }))).id;

  return made;
}

describe('roster import and consent by age in chromium against the real server', { timeout: 150_000 }, () => {
  run.hooks(seed);

  scenario('1. 导入名册: template, 预检 shows the bad row\'s message, import with skip, the children appear masked in the list (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    await openFromMenu(page, '儿童名册');
    await page.getByRole('button', { name: '导入名册' }).click();
    await page.waitForURL((u) => u.pathname === '/children/import');
    await page.getByRole('heading', { name: '导入名册' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载导入模板（CSV）' }).click();
    const template = await download;
    expect(template.suggestedFilename()).toBe('儿童名册导入模板.csv');
    expect(fs.readFileSync(await template.path(), 'utf8')).toBe(`\uFEFF${HEADERS.join(',')}\r\n`);

    await chooseRoster(page, '鼓楼区名册.csv', ROSTER.csv);
    const checked = page.waitForResponse(isApi('/api/children/import', 'POST'));
    await page.getByRole('button', { name: /预检$/ }).click();
    const res = await checked;
    expect(res.status()).toBe(200);
    expect(res.request().postDataJSON()).toMatchObject({ filename: '鼓楼区名册.csv', dryRun: true });
    const report = await res.json() as { rows: number; valid: number; invalid: number; problems: Array<{ row: number; column: string; message: string }> };
    expect(report).toMatchObject({ rows: 3, valid: 2, invalid: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ row: 3, column: '身份证号' })]);
    const problems = page.getByRole('table');
    const bad = problems.getByRole('row').filter({ hasText: report.problems[0]!.message });
    await bad.getByRole('cell', { name: '3', exact: true }).waitFor();
    await bad.getByRole('cell', { name: '身份证号', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /(^|\s)导入$/ }).isDisabled()).toBe(true);
    await shot(page, 'preview-1280');
    await expectAccessible(page);

    await page.getByRole('checkbox', { name: '跳过有问题的 1 行，只导入无误的 2 行' }).check();
    const imported = page.waitForResponse(isApi('/api/children/import', 'POST'));
    await page.getByRole('button', { name: '导入 2 名儿童' }).click();
    const done = await imported;
    expect(done.status()).toBe(200);
    expect(done.request().postDataJSON()).toMatchObject({ skipInvalid: true });
    expect(done.request().postDataJSON()).not.toHaveProperty('dryRun');
    expect(await done.json()).toMatchObject({ imported: 2, invalid: 1, dryRun: false });
    await page.getByText('已导入 2 名儿童').waitFor();
    await shot(page, 'done-1280');
    const entries = await run.ctx.db.selectFrom('ledger_entries').select(['actor_user_id', 'outcome']).where('act', '=', 'collect').where('reason', '=', 'import').execute();
    expect(entries).toEqual([{ actor_user_id: accounts.officer.user.id, outcome: 'succeeded' }, { actor_user_id: accounts.officer.user.id, outcome: 'succeeded' }]);

    const listed = page.waitForResponse(isApi('/api/children'));
    await page.getByRole('button', { name: '查看儿童名册' }).click();
    expect((await (await listed).json() as { total: number }).total).toBe(4); // the two seeded for consent, the two imported
    const table = page.locator('.ant-table-tbody');
    for (const [i, name] of ROSTER.names.entries()) {
      const row = table.getByRole('row').filter({ hasText: `${ROSTER.births[i]!.slice(0, 4)}-**-**` });
      await row.getByText(`${name[0]}${'*'.repeat(name.length - 1)}`, { exact: true }).waitFor();
    }
    const text = await page.locator('main, #main').first().innerText();
    for (const name of [...ROSTER.names, ROSTER.badName]) expect(text).not.toContain(name);
    await shot(page, 'list-1280');
    await closePage(page, errors);
  });

  scenario('2. at 375 px: the import page and its problem table fit a phone', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.officer);
    await openFromMenu(page, '导入名册');
    await page.getByRole('heading', { name: '导入名册' }).waitFor();
    await noHorizontalOverflow(page);
    await chooseRoster(page, '再次导入.csv', ROSTER.csv);
    const checked = page.waitForResponse(isApi('/api/children/import', 'POST'));
    await page.getByRole('button', { name: /预检$/ }).click();
    const report = await (await checked).json() as { problems: Array<{ row: number; message: string }> };
    // Row 3's check digit, whatever else (rows 2 and 4 are already registered once scenario 1 ran).
    await page.getByRole('table').getByText(report.problems.find((p) => p.row === 3)!.message).waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'preview-375');
    await expectAccessible(page);
    await page.getByText('第三步：预检结果').scrollIntoViewIfNeeded();
    await shot(page, 'preview-table-375', { fullPage: false });
    await closePage(page, errors);
  });

  scenario('3. a child director has no import: no menu item, no button, the page and the API refuse (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.director);
    await openFromMenu(page, '儿童名册');
    await page.getByRole('button', { name: '登记儿童' }).waitFor();
    expect(await page.getByRole('menuitem', { name: '导入名册' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '导入名册' }).count()).toBe(0);
    await page.goto(`${run.base}/children/import`);
    await page.getByText('无权访问').waitFor();
    const answer = await page.evaluate(async (csv) => {
      const r = await fetch('/api/children/import', {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ filename: 'a.csv', contentBase64: btoa(String.fromCharCode(...new TextEncoder().encode(csv))) }),
      });
      return { status: r.status, body: await r.json() as { detail: string } };
    }, ROSTER.csv);
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toMatch(/儿童主任.*child\.import/);
    await shot(page, 'director-refused-1280');
    await closePage(page, errors);
  });

  scenario('4. a 13-year-old: the guidance says the guardian consents (第十二条第二款) and the form asks which guardian (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    await page.goto(`${run.base}/children/${kids.thirteen}`);
    await revealForAssistance(page, kids.thirteen);
    await page.getByRole('tab', { name: '同意与告知' }).click();
    await page.getByRole('button', { name: '登记同意' }).click();
    const card = cardTitled(page, /^登记同意$/);
    await card.getByText(/^儿童不满十四周岁：应由监护人同意（第十二条第二款；\d{4}-\d{2}-\d{2} 起满十四周岁）$/).waitFor();
    const guardian = card.getByLabel('监护人', { exact: true });
    expect(await guardian.isVisible()).toBe(true);
    await fillConsent(card, '当面');
    let posted = false;
    page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/consents')) posted = true; });
    await card.getByRole('button', { name: /保\s*存/ }).click();
    await card.getByText('请选择给出同意的监护人').waitFor();
    expect(posted).toBe(false);
    await shot(page, 'consent-13-1280');

    await pick(guardian, await guardianOption(page, guardian));
    const saved = page.waitForResponse(isApi(`/api/children/${kids.thirteen}/consents`, 'POST'));
    await card.getByRole('button', { name: /保\s*存/ }).click();
    const res = await saved;
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toMatchObject({ givenBy: 'guardian', guardianId: expect.any(String), purposes: ['care_service'], method: 'in_person', givenOn: today() });
    const list = cardTitled(page, /^同意记录（1）$/);
    await list.getByText(/^监护人同意（祖母/).waitFor();
    await list.locator('.ant-tag', { hasText: PURPOSE_CODES.care_service }).waitFor();
    await shot(page, 'consent-13-saved-1280');
    await closePage(page, errors);
  });

  scenario('5. a 15-year-old: the child consents and the guardian is told (第十二条第三款); both show in the consents tab (375 px)', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.officer);
    await page.goto(`${run.base}/children/${kids.fifteen}`);
    await revealForAssistance(page, kids.fifteen);
    await page.getByRole('tab', { name: '同意' }).click();
    await page.getByRole('button', { name: '登记同意' }).click();
    const card = cardTitled(page, /^登记同意$/);
    await card.getByText('儿童已满十四周岁：应由儿童本人同意，并明确告知监护人（第十二条第三款）').waitFor();
    // The form proposes the child as the one who consents, so no guardian is asked for (第十二条第三款).
    await card.getByLabel('监护人', { exact: true }).waitFor({ state: 'hidden' });
    await fillConsent(card, '当面');
    await noHorizontalOverflow(page);
    await shot(page, 'consent-15-375');
    const saved = page.waitForResponse(isApi(`/api/children/${kids.fifteen}/consents`, 'POST'));
    await card.getByRole('button', { name: /保\s*存/ }).click();
    const res = await saved;
    expect(res.status()).toBe(201);
    const sent = res.request().postDataJSON() as Record<string, unknown>;
    expect(sent).toMatchObject({ givenBy: 'child', purposes: ['care_service'] });
    expect(sent).not.toHaveProperty('guardianId');

    await page.getByRole('button', { name: '登记告知监护人' }).click();
    const notify = cardTitled(page, /^登记告知监护人$/);
    const guardian = notify.getByLabel('监护人', { exact: true });
    await pick(guardian, await guardianOption(page, guardian));
    await pickMany(notify, notify.getByLabel('告知的处理目的', { exact: true }), PURPOSE_CODES.care_service);
    await notify.getByLabel('告知内容', { exact: true }).fill('已当面告知祖母：孩子本人同意由民政局提供关爱服务。');
    const told = page.waitForResponse(isApi(`/api/children/${kids.fifteen}/guardian-notifications`, 'POST'));
    await notify.getByRole('button', { name: /保\s*存/ }).click();
    expect((await told).status()).toBe(201);

    await cardTitled(page, /^同意记录（1）$/).getByText('儿童本人同意', { exact: true }).waitFor();
    await cardTitled(page, /^告知监护人记录（1）$/).getByText(/孩子本人同意/).waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'consent-15-saved-375');
    await closePage(page, errors);
  });
});

/** The first guardian option's title as the select shows it ("祖母 测试监护人3" once revealed). */
async function guardianOption(page: Page, select: Locator): Promise<string> {
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  await option.waitFor();
  const title = await option.getAttribute('title');
  await page.keyboard.press('Escape');
  if (!title) throw new Error('guardian option has no title');
  return title;
}
