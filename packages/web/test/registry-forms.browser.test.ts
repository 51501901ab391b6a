/**
 * The registry forms in a real chromium against the real server, in-process (as
 * lawful-basis.browser.test.ts): 登记儿童 with a guardian, 修改基本信息 (残疾情况 refused under
 * 第十一条, shown under its field; a school changed, only it sent), 监护人 added, edited and removed,
 * and 登记目的结束 (第四十七条). Synthetic people only. Screenshots at 1280 and 375 px go to
 * <repo>/test-output/screenshots/registry-*.png and /tmp/shots/registry-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (npm run build -w packages/web,
 * or a build elsewhere named by HUTONG_WEB_DIST).
 */
import { describe, expect } from 'vitest';
import type { Locator } from 'playwright-core';
import { composeIdNumber, PURPOSE_CODES, RETENTION_EVENTS } from '@hutong/core';
import type { AppContext } from '../../server/src/context.ts';
import { today } from '../../server/src/registry/registry.service.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { entriesFor } from '../../server/test/helpers/registry-fixtures.ts';
import { closePage, isApi } from './real-session.ts';
import { ConsoleDriver, noHorizontalOverflow, pickDate, pickIn, type Made } from './console-driver.ts';

const COUNTY = '350102000000'; // 福州市鼓楼区
const BIRTH = '2015-03-04';
const CHILD = { name: '测试小禾', idNumber: composeIdNumber('350102', BIRTH, 27, 'female'), phone: '13900001111', school: '鼓楼区示例第一小学' };
const GUARDIAN = { name: '测试祖母', relation: '祖母', phone: '13800002222' };
const SECOND = { name: '测试舅舅', relation: '舅舅', phone: '13700003333' };


const run = new ConsoleDriver<'officer'>({ prefix: 'registry-', tmpPrefix: 'registry-', scrollTop: true });
const { accounts, freshPage, scenario, shot, signIn } = run;
let childId = '';

/** The region tree as a person walks it: expand each level, then choose the village. */
async function pickRegion(scope: Locator, label: string, path: string[], village: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  const popup = scope.page().locator('.ant-select-dropdown:visible');
  for (const name of path) {
    const node = popup.locator('.ant-select-tree-treenode').filter({ has: scope.page().locator('.ant-select-tree-title', { hasText: new RegExp(`^${name}$`) }) });
    await node.locator('.ant-select-tree-switcher').click();
  }
  await popup.locator('.ant-select-tree-title', { hasText: new RegExp(`^${village}$`) }).click();
}

/** The error shown under the form control labelled `label`. */
function errorUnder(scope: Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: scope.page().locator(`label[title="${label}"]`) }).locator('.ant-form-item-explain-error');
}

/** A county civil affairs office and its officer; the children are registered in the scenarios. */
async function seed(ctx: AppContext): Promise<Record<'officer', Made>> {
  const county = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  return { officer: await createUser(ctx, { role: 'civil_affairs_officer', orgId: county.id, username: 'minzheng_dengji', displayName: '王登记' }) };
}

describe('registry forms in chromium against the real server', { timeout: 150_000 }, () => {
  run.hooks(seed);

  scenario('1. 登记儿童: a civil affairs officer registers a child with a guardian and lands on the child\'s page (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    await page.getByRole('menuitem', { name: '儿童名册' }).click();
    await page.getByRole('button', { name: '登记儿童' }).click();
    await page.waitForURL((u) => u.pathname === '/children/new');
    const form = page.getByRole('form', { name: '登记儿童' });

    // Submitting empty names each required field without a request.
    let posted = false;
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/children' && r.method() === 'POST') posted = true; });
    await form.locator('button[type=submit]').click();
    await errorUnder(form, '姓名').filter({ hasText: '请填写姓名' }).waitFor();
    await errorUnder(form, '监护人姓名').filter({ hasText: '请填写监护人姓名' }).waitFor();
    expect(posted).toBe(false);

    await form.getByLabel('姓名', { exact: true }).fill(CHILD.name);
    await pickIn(form, '性别', '女');
    await form.getByLabel('出生日期', { exact: true }).fill(BIRTH);
    await form.getByLabel('出生日期', { exact: true }).press('Enter');
    await form.getByLabel('身份证号', { exact: true }).fill(CHILD.idNumber);
    await form.getByLabel('联系电话', { exact: true }).fill('1390000');
    await pickRegion(form, '所在村（社区）', ['鼓楼区', '鼓东街道'], '中山社区');
    await form.getByLabel('就读学校', { exact: true }).fill('鼓楼区示例小学');
    await pickIn(form, '儿童类别', '农村留守儿童');
    await page.keyboard.press('Escape');
    const guardian = form.getByTestId('guardian-0');
    await guardian.getByLabel('监护人姓名').fill(GUARDIAN.name);
    await guardian.getByLabel('与儿童关系').fill(GUARDIAN.relation);
    await guardian.getByLabel('监护人电话').fill(GUARDIAN.phone);

    // A phone number the server refuses: its message under the field, nothing stored.
    const refused = page.waitForResponse(isApi('/api/children', 'POST'));
    await form.locator('button[type=submit]').click();
    const bad = await refused;
    expect(bad.status()).toBe(400);
    const problem = await bad.json() as { fields: Array<{ field: string; message: string }> };
    const phoneMessage = problem.fields.find((f) => f.field === 'phone')!.message;
    await errorUnder(form, '联系电话').filter({ hasText: phoneMessage }).waitFor();
    await shot(page, 'new-error-1280');

    await form.getByLabel('联系电话', { exact: true }).fill(CHILD.phone);
    // A corrected value drops the server's old message.
    await errorUnder(form, '联系电话').waitFor({ state: 'detached' });
    await form.getByLabel('就读学校', { exact: true }).fill(CHILD.school);
    await shot(page, 'new-1280');
    const created = page.waitForResponse(isApi('/api/children', 'POST'));
    await form.locator('button[type=submit]').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const sent = res.request().postDataJSON() as Record<string, unknown>;
    expect(sent).toMatchObject({ name: CHILD.name, gender: 'female', birthDate: BIRTH, idNumber: CHILD.idNumber, regionCode: '350102001001', categories: ['left_behind'], guardians: [GUARDIAN] });
    expect(sent).not.toHaveProperty('consent');
    expect(sent).not.toHaveProperty('canExpressWill');
    childId = ((await res.json()) as { id: string }).id;
    await page.waitForURL((u) => u.pathname === `/children/${childId}`);
    await page.getByRole('heading', { name: /^儿童详情：测\*+/ }).waitFor();
    const entries = await entriesFor(run.ctx, childId).execute();
    expect(entries.some((e) => e.act === 'collect' && e.outcome === 'succeeded')).toBe(true);
    await shot(page, 'created-1280');
    await closePage(page, errors);
  });

  scenario('2. 修改基本信息: the drawer starts empty; 残疾情况 is refused under 第十一条 at its field; a changed school alone is sent (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    await page.goto(`${run.base}/children/${childId}`);
    await page.getByRole('button', { name: '修改基本信息' }).click();
    const drawer = page.getByRole('dialog', { name: '修改基本信息' });
    await drawer.waitFor();
    // Masked values (测**, 3501…) are hints, never values of the form.
    for (const label of ['姓名', '身份证号', '联系电话', '就读学校']) expect(await drawer.getByLabel(label, { exact: true }).inputValue()).toBe('');
    await drawer.getByText(/^当前：测\*+$/).waitFor();
    expect(await drawer.getByRole('switch', { name: '能否表达意愿' }).isChecked()).toBe(true);

    await drawer.getByLabel('残疾情况', { exact: true }).fill('听力残疾二级');
    const refused = page.waitForResponse(isApi(`/api/children/${childId}`, 'PATCH'));
    await drawer.locator('button[type=submit]').click();
    const res = await refused;
    expect(res.status()).toBe(403);
    expect(res.request().postDataJSON()).toEqual({ disability: '听力残疾二级' });
    const problem = await res.json() as { code: string; article: string; fields: Array<{ field: string; message: string }> };
    expect(problem.code).toBe('HUTONG_NO_LAWFUL_BASIS');
    expect(problem.article).toContain('第十一条');
    const message = problem.fields.find((f) => f.field === 'disability')!.message;
    await errorUnder(drawer, '残疾情况').filter({ hasText: message }).waitFor();
    await drawer.getByRole('alert').filter({ hasText: `依据：${problem.article}` }).waitFor();
    await shot(page, 'edit-refused-1280', { fullPage: false });
    await drawer.getByRole('alert').filter({ hasText: `依据：${problem.article}` }).scrollIntoViewIfNeeded();
    await shot(page, 'edit-refused-alert-1280', { fullPage: false });

    await drawer.getByLabel('残疾情况', { exact: true }).fill('');
    await drawer.getByLabel('就读学校', { exact: true }).fill('鼓楼区示例第二小学');
    const saved = page.waitForResponse(isApi(`/api/children/${childId}`, 'PATCH'));
    await drawer.locator('button[type=submit]').click();
    const ok = await saved;
    expect(ok.status()).toBe(200);
    expect(ok.request().postDataJSON()).toEqual({ school: '鼓楼区示例第二小学' });
    expect(await ok.json()).toMatchObject({ changed: ['school'] });
    await drawer.waitFor({ state: 'hidden' });
    await closePage(page, errors);
  });

  scenario('3. 监护人: a second guardian added, edited (only the phone sent) and removed with a reason (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    await page.goto(`${run.base}/children/${childId}?tab=guardians`);
    await page.getByRole('tab', { name: '监护人（1）', selected: true }).waitFor();
    await page.getByRole('button', { name: '添加监护人' }).click();
    const drawer = page.getByRole('dialog', { name: '添加监护人' });
    await drawer.getByLabel('监护人姓名').fill(SECOND.name);
    await drawer.getByLabel('与儿童关系').fill(SECOND.relation);
    await drawer.getByLabel('监护人电话').fill(SECOND.phone);
    const added = page.waitForResponse(isApi(`/api/children/${childId}/guardians`, 'POST'));
    await drawer.locator('button[type=submit]').click();
    const res = await added;
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toEqual(SECOND);
    await page.getByRole('tab', { name: '监护人（2）' }).waitFor();
    await shot(page, 'guardians-1280');

    await page.getByRole('button', { name: `修改监护人 ${SECOND.relation}` }).click();
    const edit = page.getByRole('dialog', { name: '修改监护人' });
    await edit.waitFor();
    expect(await edit.getByLabel('监护人姓名').inputValue()).toBe('');
    expect(await edit.getByLabel('监护人电话').inputValue()).toBe('');
    await edit.getByLabel('监护人电话').fill('13700004444');
    const patched = page.waitForResponse(isApi(/\/guardians\/[^/]+$/, 'PATCH'));
    await edit.locator('button[type=submit]').click();
    const p = await patched;
    expect(p.status()).toBe(200);
    expect(p.request().postDataJSON()).toEqual({ phone: '13700004444' });
    await edit.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: `删除监护人 ${SECOND.relation}` }).click();
    const dialog = page.getByRole('dialog', { name: '删除监护人' });
    await dialog.getByRole('button', { name: /删\s*除/ }).click();
    await dialog.getByText('请填写删除原因').waitFor();
    await dialog.getByLabel('删除原因').fill('登记有误：非实际监护人');
    const removed = page.waitForResponse(isApi(/\/guardians\/[^/]+$/, 'DELETE'));
    await dialog.locator('.ant-modal-footer .ant-btn-dangerous').click();
    expect((await removed).status()).toBe(204);
    await page.getByRole('tab', { name: '监护人（1）' }).waitFor();
    await closePage(page, errors);
  });

  scenario('4. at 375 px: the registration form with a consent attached, the edit drawer and the guardians fit a phone', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.officer);
    await page.goto(`${run.base}/children/new`);
    const form = page.getByRole('form', { name: '登记儿童' });
    await form.getByText('学校、医院、福利机构、社会组织等没有法定职责的机构登记时须附同意').waitFor();
    await form.getByRole('checkbox', { name: '登记时附上已取得的同意' }).check();
    await form.getByLabel('给出同意的监护人').waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'new-375');
    await form.getByText('已告知的内容（个人信息保护法 第十七条）').scrollIntoViewIfNeeded();
    await shot(page, 'new-consent-375', { fullPage: false });

    await page.goto(`${run.base}/children/${childId}?tab=guardians`);
    await page.getByRole('button', { name: '添加监护人' }).waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'guardians-375');
    await page.getByRole('button', { name: '修改基本信息' }).click();
    await page.getByRole('dialog', { name: '修改基本信息' }).waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'edit-375', { fullPage: false });
    await closePage(page, errors);
  });

  scenario('5. 登记目的结束: 社会救助 ended by 救助终止, listed with the 第四十七条 note (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    await page.goto(`${run.base}/children/${childId}?tab=consents`);
    const card = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^处理目的结束/ }) });
    await card.getByText('个人信息保护法 第四十七条', { exact: false }).waitFor();
    await card.getByRole('button', { name: '登记目的结束' }).click();
    const form = card.getByRole('form', { name: '登记目的结束' });
    await pickIn(form, '结束的处理目的', PURPOSE_CODES.social_assistance);
    await pickIn(form, '结束事由', RETENTION_EVENTS.service_ended);
    await pickDate(form, '结束日期', today());
    const ended = page.waitForResponse(isApi(`/api/children/${childId}/purpose-ends`, 'POST'));
    await form.locator('button[type=submit]').click();
    const res = await ended;
    expect(res.status()).toBe(201);
    expect(res.request().postDataJSON()).toEqual({ purpose: 'social_assistance', event: 'service_ended', endedOn: today() });
    await card.locator('.ant-card-head-title', { hasText: '处理目的结束（1）' }).waitFor();
    await card.getByText(`${today()} 结束`).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'purpose-end-1280', { fullPage: false });
    await closePage(page, errors);
  });
});
