/**
 * The lawful-basis screens in a real chromium against the real server, in-process (as
 * console.browser.test.ts): 处理目的目录, 即将满十四周岁, 待删除, 紧急查阅 and 数据共享. Seeded
 * through the server's own services with synthetic people. Screenshots at 1280 and 375 px go to
 * <repo>/test-output/screenshots/lawful-*.png and, for a quick look, /tmp/shots/.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (npm run build -w packages/web,
 * or a build elsewhere named by HUTONG_WEB_DIST).
 */
import { describe, expect } from 'vitest';
import type { Locator } from 'playwright-core';
import { composeIdNumber, FORBIDDEN_PURPOSES, PURPOSE_CODES } from '@hutong/core';
import type { AppContext } from '../../server/src/context.ts';
import { createChild, getChild, today } from '../../server/src/registry/registry.service.ts';
import { recordConsent } from '../../server/src/consent/consent.service.ts';
import { openChildKey, sealFields } from '../../server/src/registry/child-cipher.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { entriesFor, syntheticChild } from '../../server/test/helpers/registry-fixtures.ts';
import { actorOf, closePage, isApi } from './real-session.ts';
import { ConsoleDriver, noHorizontalOverflow, openFromMenu, pickDate, pickIn, type Made } from './console-driver.ts';
import { bornFourteenYearsBefore, shiftDays } from './synthetic-dates.ts';

const COUNTY = '350102000000'; // 福州市鼓楼区
const VILLAGE = '350102001001';
const NOTICE = { purpose: '关爱服务', method: '入户走访', categories: '姓名、联系方式', retention: '服务结束', rights: '可查询、撤回', contact: '0591-00000000' };


const run = new ConsoleDriver<'officer' | 'protection' | 'social'>({ prefix: 'lawful-', tmpPrefix: '', scrollTop: true });
const { accounts, freshPage, scenario, shot, signIn } = run;
let turning = { id: '', fourteenFrom: '' };
let adult = { id: '' };
let emergencyChild = { id: '', name: '', idNumber: '' };
let willChild = '';

/** Escape would also close the drawer around the select: click its title instead. */
async function closeDropdown(drawer: Locator): Promise<void> {
  await drawer.locator('.ant-drawer-title').click();
  await drawer.page().locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** Time passing: the register takes no adult, so a child registered young is given an older birth date. */
async function ageTo(ctx: AppContext, childId: string, birthDate: string): Promise<void> {
  const row = await ctx.db.selectFrom('children').select(['data_key_wrapped', 'master_key_version', 'fields_enc']).where('id', '=', childId).executeTakeFirstOrThrow();
  const cipher = openChildKey(ctx.keyring, childId, row.data_key_wrapped!, row.master_key_version!);
  const fields = { ...row.fields_enc, ...sealFields(cipher, 'children', childId, { birthDate }) };
  await ctx.db.updateTable('children').set({ fields_enc: JSON.stringify(fields) }).where('id', '=', childId).execute();
}

async function seed(ctx: AppContext): Promise<Record<'officer' | 'protection' | 'social', Made>> {
  const county = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  const social = await createOrg(ctx, { name: '鼓楼区阳光社会工作服务中心', type: 'social_org', regionCode: COUNTY });

  const made = {
    officer: await createUser(ctx, { role: 'civil_affairs_officer', orgId: county.id, username: 'minzheng_gulou', displayName: '王建国' }),
    protection: await createUser(ctx, { role: 'protection_officer', orgId: county.id, username: 'baohu_gulou', displayName: '刘保护' }),
    social: await createUser(ctx, { role: 'social_worker', orgId: social.id, username: 'shegong_gulou', displayName: '陈社工' }),
  };
  const officer = actorOf(made.officer.user, county);

  // Turning 14 in 20 days, on a guardian's consent alone.
  const birthDate = bornFourteenYearsBefore(20);
  turning = { id: (await createChild(ctx, officer, syntheticChild(VILLAGE, { name: '郑小雨', birthDate, gender: 'female', idNumber: composeIdNumber('350102', birthDate, 321, 'female') }))).id, fourteenFrom: shiftDays(today(), 21) };
  const guardianId = (await getChild(ctx, officer, turning.id)).guardians[0]!.id;
  await recordConsent(ctx, officer, turning.id, { givenBy: 'guardian', guardianId, purposes: ['care_service'], givenOn: today(), method: 'in_person', notice: NOTICE });

  // Registered at 17, eighteen by now: civil affairs' social assistance ends at 18 (第四十七条).
  const youngerBirth = `${Number(today().slice(0, 4)) - 17}-01-01`;
  adult = await createChild(ctx, officer, syntheticChild(VILLAGE, { name: '孙成年', birthDate: youngerBirth, gender: 'male', idNumber: composeIdNumber('350102', youngerBirth, 17, 'male') }));
  await ageTo(ctx, adult.id, `${Number(today().slice(0, 4)) - 19}-01-01`);

  willChild = (await createChild(ctx, officer, syntheticChild(VILLAGE, { name: '周安安', canExpressWill: false }))).id;

  const raw = syntheticChild(VILLAGE, { name: '林急诊' });
  emergencyChild = { id: (await createChild(ctx, officer, raw)).id, name: '林急诊', idNumber: raw.idNumber };

  return made;
}

describe('lawful-basis screens in chromium against the real server', { timeout: 120_000 }, () => {
  run.hooks(seed);

  scenario('1. 处理目的目录: forbidden purposes shown as always refused; an unlawful edit shows the server\'s reason at the rule (1280 px, 375 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.protection);
    const listed = page.waitForResponse(isApi('/api/purposes'));
    await openFromMenu(page, '处理目的目录');
    expect((await listed).status()).toBe(200);
    const refused = page.getByRole('alert').filter({ hasText: '第十五条禁止的目的：一律拒绝' });
    for (const code of FORBIDDEN_PURPOSES) await refused.getByText(`${PURPOSE_CODES[code]} · 始终拒绝`).waitFor();
    // Forbidden purposes have no card and so no edit button.
    for (const code of FORBIDDEN_PURPOSES) expect(await page.getByRole('button', { name: `编辑 ${PURPOSE_CODES[code]}` }).count()).toBe(0);
    await shot(page, 'purposes-1280');

    await page.getByRole('button', { name: `编辑 ${PURPOSE_CODES.social_assistance}` }).click();
    const drawer = page.getByRole('dialog', { name: `编辑处理目的：${PURPOSE_CODES.social_assistance}` });
    await drawer.waitFor();
    // 残疾情况 is for disability services, medical care and cases only (第十一条): the server refuses it here.
    const rule = drawer.getByTestId('rule-0');
    const fields = rule.getByLabel('可用字段');
    // A click on a multi-select option now and then lands while the list re-renders under the
    // filter and picks nothing; try again until the tag shows (a real person would, too).
    const tag = rule.getByText('残疾情况', { exact: true });
    for (let attempt = 1; (await tag.count()) === 0; attempt++) {
      if (attempt > 3) throw new Error('残疾情况 could not be picked in the field select');
      await fields.click();
      await fields.fill('残疾情况');
      await page.locator('.ant-select-dropdown:visible').getByTitle('残疾情况', { exact: true }).click();
      await closeDropdown(drawer);
      await tag.waitFor({ timeout: 5_000 }).catch(() => {});
    }
    await drawer.getByLabel('修改说明').fill('测试：为残疾儿童救助增加残疾情况字段');
    const saved = page.waitForResponse(isApi(`/api/purposes/${'social_assistance'}`, 'PUT'));
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    const res = await saved;
    expect(res.status()).toBe(400);
    const problem = await res.json() as { fields: Array<{ field: string; message: string }> };
    const mine = problem.fields.find((f) => /fieldRules(\[0\]|\.0)\.fields/.test(f.field))!;
    expect(mine.message).toContain('第十一条');
    await rule.locator('.ant-form-item-explain-error', { hasText: mine.message }).waitFor();
    expect(await rule.locator('.ant-form-item-explain-error').isVisible()).toBe(true);
    await shot(page, 'purposes-edit-error-1280', { fullPage: false });
    await closePage(page, errors);

    const phone = await freshPage('phone');
    await signIn(phone.page, accounts.protection);
    await openFromMenu(phone.page, '处理目的目录');
    await phone.page.getByText('第十五条禁止的目的：一律拒绝').waitFor();
    await phone.page.getByRole('button', { name: `编辑 ${PURPOSE_CODES.social_assistance}` }).waitFor();
    await noHorizontalOverflow(phone.page);
    await shot(phone.page, 'purposes-375');
    await closePage(phone.page, phone.errors);
  });

  scenario('2. 即将满十四周岁: a seeded child with guardian consent only, linked to its consents tab (1280 px, 375 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    const listed = page.waitForResponse((r) => isApi('/api/children/turning-14')(r) && new URL(r.url()).searchParams.get('withinDays') === '60');
    await openFromMenu(page, '即将满十四周岁');
    const body = await (await listed).json() as { items: Array<{ childId: string }> };
    expect(body.items.map((i) => i.childId)).toEqual([turning.id]);
    const row = page.locator('.ant-table-tbody tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const text = await row.first().innerText();
    expect(text).toContain(turning.fourteenFrom);
    expect(text).toContain('还有 21 天');
    expect(text).toContain(PURPOSE_CODES.care_service);
    expect(text).toContain('征得儿童本人同意，并告知监护人');
    await page.getByText('第十二条：年满十四周岁的儿童，应当取得儿童本人同意').waitFor();
    await shot(page, 'turning-14-1280');
    await row.first().getByRole('link', { name: '去登记同意' }).click();
    await page.waitForURL((u) => u.pathname === `/children/${turning.id}` && u.searchParams.get('tab') === 'consents');
    await page.getByRole('tab', { name: '同意与告知', selected: true }).waitFor();
    await page.getByText('同意记录（1）').waitFor();
    await closePage(page, errors);

    const phone = await freshPage('phone');
    await signIn(phone.page, accounts.officer);
    await openFromMenu(phone.page, '即将满十四周岁');
    await phone.page.getByText(`${turning.fourteenFrom} 起满十四周岁`).waitFor();
    await noHorizontalOverflow(phone.page);
    await shot(phone.page, 'turning-14-375');
    await closePage(phone.page, phone.errors);
  });

  scenario('3. 待删除: the adult child is listed under 年满十八周岁 and deleted after the irreversibility warning (375 px, 1280 px)', async () => {
    const phone = await freshPage('phone');
    await signIn(phone.page, accounts.officer);
    const tasks = phone.page.waitForResponse(isApi('/api/children/deletion-tasks'));
    await openFromMenu(phone.page, '待删除');
    const [task] = (await (await tasks).json() as { items: Array<{ article: string; message: string }> }).items;
    expect(task!.article).toContain('第四十七条');
    await phone.page.getByText('年满十八周岁', { exact: true }).waitFor();
    await phone.page.getByText(task!.message, { exact: true }).waitFor();
    await phone.page.getByText(`依据：${task!.article}`, { exact: true }).waitFor();
    await noHorizontalOverflow(phone.page);
    await shot(phone.page, 'deletion-tasks-375');
    await closePage(phone.page, phone.errors);

    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.officer);
    const listed = page.waitForResponse(isApi('/api/children/deletion-tasks'));
    await openFromMenu(page, '待删除');
    const body = await (await listed).json() as { items: Array<{ childId: string; reason: string }> };
    expect(body.items).toEqual([expect.objectContaining({ childId: adult.id, reason: 'age_18' })]);
    const row = page.locator('.ant-table-tbody tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('年满十八周岁');
    await shot(page, 'deletion-tasks-1280');

    await row.first().getByRole('button', { name: /删\s*除/ }).click();
    const dialog = page.getByRole('dialog', { name: '删除儿童个人信息' });
    await dialog.getByText('删除后无法恢复').waitFor();
    await dialog.getByText(/销毁该儿童的数据密钥/).waitFor();
    await dialog.getByRole('button', { name: '确认删除' }).click();
    await dialog.getByText('请确认已了解删除不可恢复').waitFor();
    await shot(page, 'deletion-confirm-1280', { fullPage: false });
    await dialog.getByRole('checkbox').check();
    const deleted = page.waitForResponse(isApi(`/api/children/${adult.id}`, 'DELETE'));
    await dialog.getByRole('button', { name: '确认删除' }).click();
    expect((await deleted).status()).toBe(204);
    await page.getByText('没有待删除的儿童信息').waitFor();
    const entries = await entriesFor(run.ctx, adult.id).execute();
    expect(entries.some((e) => e.act === 'delete' && e.reason?.includes('第四十七条'))).toBe(true);
    await closePage(page, errors);
  });

  scenario('4. 紧急查阅: a short justification is refused; a proper one shows the emergency fields with the expiry; the protection officer reviews it (1280 px, 375 px)', async () => {
    const phone = await freshPage('phone');
    await signIn(phone.page, accounts.officer);
    await openFromMenu(phone.page, '紧急查阅');
    await phone.page.getByText('仅限紧急情况使用').waitFor();
    await phone.page.getByLabel('儿童身份证号').fill(emergencyChild.idNumber);
    await phone.page.getByLabel('紧急情况说明').fill('急诊');
    let posted = false;
    phone.page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/emergency-access' && r.method() === 'POST') posted = true; });
    await phone.page.getByRole('button', { name: '发起紧急查阅' }).click();
    await phone.page.getByText('请具体说明紧急情况（至少 10 个字）').waitFor();
    expect(posted, 'a short justification must not be sent').toBe(false);
    await noHorizontalOverflow(phone.page);
    await shot(phone.page, 'emergency-short-375');

    await phone.page.getByLabel('紧急情况说明').fill('儿童在校突发昏迷送医，急需联系监护人并了解既往病史');
    const opened = phone.page.waitForResponse(isApi('/api/emergency-access', 'POST'));
    await phone.page.getByRole('button', { name: '发起紧急查阅' }).click();
    expect((await opened).status()).toBe(201);
    await phone.page.getByText(/^紧急查阅授权有效至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).waitFor();
    await phone.page.getByText(emergencyChild.name, { exact: true }).waitFor();
    expect(await phone.page.content()).not.toContain(emergencyChild.idNumber);
    await noHorizontalOverflow(phone.page);
    await shot(phone.page, 'emergency-child-375');
    await closePage(phone.page, phone.errors);

    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.protection);
    await openFromMenu(page, '紧急查阅');
    await shot(page, 'emergency-form-1280');
    await page.getByRole('tab', { name: '待复核' }).click();
    await page.getByText('儿童在校突发昏迷送医，急需联系监护人并了解既往病史', { exact: true }).waitFor();
    await shot(page, 'emergency-reviews-1280');
    await page.getByRole('button', { name: /^复\s*核$/ }).click();
    const dialog = page.getByRole('dialog', { name: '复核紧急查阅' });
    await dialog.getByLabel('复核意见').fill('已向学校核实，情况属实');
    const reviewed = page.waitForResponse((r) => /\/api\/emergency-access\/[^/]+\/review$/.test(new URL(r.url()).pathname));
    await dialog.getByRole('button', { name: '提交复核' }).click();
    expect((await reviewed).status()).toBe(204);
    await page.getByText('没有待复核的紧急查阅').waitFor();
    await closePage(page, errors);
  });

  scenario('5. 数据共享: a social organisation\'s request form asks for the activity end date (第十条); civil affairs\' does not (1280 px, 375 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.social);
    await openFromMenu(page, '数据共享');
    await page.getByRole('tab', { name: '我方申请' }).waitFor();
    expect(await page.getByRole('tab', { name: '待我方审批' }).count(), 'a social worker does not approve').toBe(0);
    await shot(page, 'sharing-1280');
    await page.getByRole('button', { name: '申请数据共享' }).click();
    const drawer = page.getByRole('dialog', { name: '申请数据共享' });
    await drawer.getByText('第十条：以活动期间为限').waitFor();
    await drawer.getByLabel('活动结束日期').waitFor();
    // The owner is chosen from GET /api/orgs, which any signed-in user may read.
    await drawer.getByLabel('向哪个机构申请').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('鼓楼区民政局（民政）').waitFor();
    await closeDropdown(drawer);
    await drawer.getByRole('button', { name: '提交申请' }).click();
    await drawer.getByText('请填写活动结束日期（第十条）').waitFor();
    await shot(page, 'sharing-request-1280', { fullPage: false });
    await closePage(page, errors);

    const phone = await freshPage('phone');
    await signIn(phone.page, accounts.social);
    await openFromMenu(phone.page, '数据共享');
    await phone.page.getByText('本机构还没有提出共享申请').waitFor();
    await noHorizontalOverflow(phone.page);
    await shot(phone.page, 'sharing-375');
    await phone.page.getByRole('button', { name: '申请数据共享' }).click();
    await phone.page.getByRole('dialog', { name: '申请数据共享' }).getByLabel('活动结束日期').waitFor();
    await noHorizontalOverflow(phone.page);
    await phone.page.getByRole('dialog', { name: '申请数据共享' }).getByText('第十条：以活动期间为限').scrollIntoViewIfNeeded();
    await shot(phone.page, 'sharing-request-375', { fullPage: false });
    await closePage(phone.page, phone.errors);

    const officer = await freshPage('desktop');
    await signIn(officer.page, accounts.protection);
    await openFromMenu(officer.page, '数据共享');
    await officer.page.getByRole('tab', { name: '待我方审批' }).waitFor();
    await officer.page.getByRole('button', { name: '申请数据共享' }).click();
    const form = officer.page.getByRole('dialog', { name: '申请数据共享' });
    await form.getByLabel('安全保护措施').waitFor();
    expect(await form.getByLabel('活动结束日期').count()).toBe(0);
    await closePage(officer.page, officer.errors);
  });

  scenario('6. 数据共享 end to end: the social organisation asks, the owner\'s protection officer assesses and approves, the grant shows exactly the released items (1280 px, 375 px)', async () => {
    const asker = await freshPage('desktop');
    await signIn(asker.page, accounts.social);
    await openFromMenu(asker.page, '数据共享');
    await asker.page.getByRole('button', { name: '申请数据共享' }).click();
    const form = asker.page.getByRole('dialog', { name: '申请数据共享' });
    await pickIn(form, '向哪个机构申请', '鼓楼区民政局（民政）');
    await pickIn(form, '处理目的', PURPOSE_CODES.care_service);
    await form.getByText('按儿童编号').click();
    await form.getByLabel('儿童编号', { exact: true }).fill(`${turning.id}\n${emergencyChild.id}`);
    for (const f of ['姓名', '年级', '监护人电话']) await pickIn(form, '需要的信息项', f);
    await closeDropdown(form);
    await pickDate(form, '结束日期', today());
    await pickDate(form, '活动结束日期', today());
    await form.getByLabel('安全保护措施').fill('专人保管，只在中心办公电脑查看，不打印、不外传，活动结束即删除');
    await form.getByLabel('姓名', { exact: true }).fill('陈社工');
    await form.getByLabel('职务').fill('项目主管');
    await form.getByLabel('联系电话').fill('0591-87654321');
    const created = asker.page.waitForResponse(isApi('/api/sharing-agreements', 'POST'));
    await form.getByRole('button', { name: '提交申请' }).click();
    const createdRes = await created;
    expect(createdRes.status(), await createdRes.text()).toBe(201);
    await form.waitFor({ state: 'hidden' });
    await asker.page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '鼓楼区民政局' }).getByText('待审批').waitFor();
    await shot(asker.page, 'sharing-outgoing-1280');
    await closePage(asker.page, asker.errors);

    const owner = await freshPage('desktop');
    await signIn(owner.page, accounts.protection);
    await openFromMenu(owner.page, '数据共享');
    await owner.page.getByRole('tab', { name: '待我方审批' }).click();
    const incoming = owner.page.getByRole('tabpanel');
    await incoming.getByRole('button', { name: /^审\s*批$/ }).click();
    const review = owner.page.getByRole('dialog', { name: '审批数据共享申请' });
    await review.getByText('第十条：以活动期间为限').waitFor();
    await review.getByRole('button', { name: /批\s*准/ }).click();
    await review.getByText('请填写“结论”').waitFor();
    const answers: Record<string, string> = {
      '处理目的和方式是否合法、正当、必要': '社会组织开展关爱服务活动，姓名、年级和监护人电话为联系活动所必需',
      '对儿童权益的影响': '仅用于通知活动安排，不涉及困境类别，影响较小',
      '安全风险': '监护人电话可能被转用于其他用途',
      '保护措施': '专人保管，活动结束即删除，不得转交他人',
      '结论': '同意按申请提供',
    };
    for (const [label, text] of Object.entries(answers)) await review.getByLabel(label, { exact: true }).fill(text);
    await shot(owner.page, 'sharing-review-1280', { fullPage: false });
    const approved = owner.page.waitForResponse((r) => /\/api\/sharing-agreements\/[^/]+\/approve$/.test(new URL(r.url()).pathname));
    await review.getByRole('button', { name: /批\s*准/ }).click();
    const approvedRes = await approved;
    expect(approvedRes.status(), await approvedRes.text()).toBe(200);
    await review.waitFor({ state: 'hidden' });
    await incoming.getByText('没有需要本机构审批的申请').waitFor();
    await closePage(owner.page, owner.errors);

    for (const viewport of ['desktop', 'phone'] as const) {
      const { page, errors } = await freshPage(viewport);
      await signIn(page, accounts.social);
      await openFromMenu(page, '数据共享');
      await page.getByRole('tab', { name: '可用授权' }).click();
      const released = page.waitForResponse((r) => /\/api\/grants\/[^/]+\/children$/.test(new URL(r.url()).pathname));
      await page.getByRole('tabpanel').getByRole('button', { name: '查看儿童' }).click();
      const body = await (await released).json() as { items: Array<{ id: string; fields: Record<string, string | null>; withheld: Array<{ field: string }> }> };
      const drawer = page.getByRole('dialog', { name: '鼓楼区民政局提供的儿童信息' });
      await drawer.getByText('每次查看都以“提供”记入双方的处理台账', { exact: false }).waitFor();
      const shown = body.items.find((c) => c.id === turning.id)!;
      expect(Object.keys(shown.fields).sort()).toEqual(['grade', 'guardianPhone', 'name']);
      await drawer.getByText('郑小雨', { exact: true }).waitFor();
      // The child without consent is withheld, with the reason and the article.
      const withheld = body.items.find((c) => c.id === emergencyChild.id)!;
      expect(withheld.withheld.length).toBeGreaterThan(0);
      await drawer.getByText('未提供').first().waitFor();
      if (viewport === 'desktop') {
        const headers = await drawer.locator('.ant-table-thead th').allInnerTexts();
        expect(headers.map((h) => h.trim())).toEqual(['姓名', '年级', '监护人电话']);
        await shot(page, 'sharing-grant-1280', { fullPage: false });
      } else {
        await noHorizontalOverflow(page);
        await shot(page, 'sharing-grant-375', { fullPage: false });
      }
      await closePage(page, errors);
    }
    const provided = await entriesFor(run.ctx, turning.id).execute();
    expect(provided.some((e) => e.act === 'provide' && e.outcome === 'allowed')).toBe(true);
  });

  scenario('7. a child who cannot express a will: shown in the basic information, and the consent guidance asks for the guardian (第十二条第三款) (375 px)', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.officer);
    const loaded = page.waitForResponse(isApi(`/api/children/${willChild}`));
    await page.goto(`${run.base}/children/${willChild}`);
    expect((await loaded.then((r) => r.json()) as { canExpressWill: boolean }).canExpressWill).toBe(false);
    await page.getByText('不能表达意愿', { exact: true }).waitFor();
    await page.getByText(/即使已满十四周岁，处理其个人信息也须征得监护人同意（第十二条第三款）/).waitFor();
    await noHorizontalOverflow(page);
    await shot(page, 'child-will-375');
    await page.getByRole('tab', { name: '同意' }).click();
    await page.getByRole('button', { name: '登记同意' }).click();
    await page.getByText('儿童不能表达意愿：须征得监护人同意（第十二条第三款）').waitFor();
    await page.getByText('本儿童不能表达意愿').waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('consents');
    await shot(page, 'child-will-consent-375');
    await closePage(page, errors);
  });
});
