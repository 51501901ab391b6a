/**
 * Accessibility of the console in a real chromium against the real server, in-process (as
 * console.browser.test.ts): axe-core (WCAG 2.0/2.1 A and AA, no rule excluded) on every main
 * screen at 1280 px and at 375 px, with one h1 and no two form controls sharing an id, no
 * sideways scrolling at 375 px; a keyboard-only walk (login, menu, children list, detail) with
 * visible focus, focus kept inside dialogs and drawers, Escape closing them and focus coming
 * back; the idle warning and the lock message announced (alertdialog, alert). Synthetic people
 * only. Screenshots go to <repo>/test-output/screenshots/a11y-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (packages/web/dist, or the
 * folder HUTONG_WEB_DIST names, which the server then serves).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { AppContext } from '../../server/src/context.ts';
import { createChild, getChild, today } from '../../server/src/registry/registry.service.ts';
import { recordConsent } from '../../server/src/consent/consent.service.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { syntheticChild } from '../../server/test/helpers/registry-fixtures.ts';
import { actorOf, closePage, isApi, type Account } from './real-session.ts';
import { ConsoleDriver, type Made } from './console-driver.ts';

const COUNTY = '350102000000'; // 福州市鼓楼区
const VILLAGE = '350102001001';
const STRONG_PASSWORD = 'Hutong-A11y-Pass-2025!';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const NOTICE = { purpose: '关爱服务', method: '入户走访', categories: '姓名、联系方式', retention: '服务结束', rights: '可查询、撤回', contact: '0591-00000000' };
type Vp = 'desktop' | 'phone';
const px = (vp: Vp) => (vp === 'desktop' ? '1280' : '375');

const run = new ConsoleDriver<'officer' | 'admin'>({ prefix: 'a11y-' });
const { accounts, freshCode, freshPage, scenario, shot } = run;
/** Accounts whose first login (forced password change, TOTP enrolment) the test walks, one per viewport. */
const newcomers: Partial<Record<Vp, Account>> = {};
/** Accounts locked by five wrong passwords, one per viewport. */
const lockable: Partial<Record<Vp, Account>> = {};
let childId = '';

/**
 * Runs axe on the page as it is now and fails (softly, so one run lists every screen's problems)
 * on any violation, naming the rule, the element and what is wrong. Pictures the page first: the
 * picture is worth having, and taking it lets antd's motion finish, so contrast is measured on
 * the final colours rather than a fade.
 */
async function expectAccessible(page: Page, screen: string, vp: Vp): Promise<void> {
  await shot(page, `${screen}-${px(vp)}`, { fullPage: false });
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = result.violations.flatMap((v) => v.nodes.map((n) =>
    `${v.id} [${v.impact ?? '?'}] ${n.target.join(' ')} :: ${n.html.slice(0, 160)} :: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`));
  expect.soft(found.length, `axe violations on ${screen} at ${px(vp)} px:\n${found.join('\n')}`).toBe(0);
  // One h1, the page's title, that a screen reader's heading list starts from (WCAG 1.3.1, 2.4.6).
  expect.soft(await page.locator('h1').allInnerTexts(), `h1 on ${screen} at ${px(vp)} px`).toHaveLength(1);
  // A label names the control its `for` points at: two forms on a page must not share an id
  // (axe's WCAG rules no longer check duplicate ids).
  const shared = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const controls = [...document.querySelectorAll('input[id], textarea[id], select[id]')].map((e) => e.id);
    return [...new Set(controls.filter((id) => ids.filter((x) => x === id).length > 1))];
  });
  expect.soft(shared, `form controls sharing an id on ${screen} at ${px(vp)} px`).toEqual([]);
  if (vp === 'phone') {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(width, `page-wide horizontal scroll on ${screen} at 375 px`).toBeLessThanOrEqual(375);
  }
}

/** Signs in; with `vp`, the TOTP step is checked with axe too. */
const signIn = (page: Page, acc: Account, vp?: Vp) => run.signIn(page, acc, vp ? { atCode: (p) => expectAccessible(p, 'login-totp', vp) } : {});

/** Goes to a console path and waits for its page heading. */
async function open(page: Page, pathname: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${run.base}${pathname}`);
  await page.getByRole('heading', { name: heading }).first().waitFor();
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
}

/** The element that has focus shows it: an outline or a box shadow (antd's focus ring). */
async function focusIsVisible(page: Page): Promise<{ ok: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { ok: false, what: 'nothing focused' };
    const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}”`;
    const ring = (e: Element) => {
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow !== 'none' && s.boxShadow !== '');
    };
    // antd draws the ring on the wrapper of an input (affix wrapper, select selector).
    const wrapper = el.closest('.ant-input-affix-wrapper, .ant-select, .ant-picker, .ant-input-number');
    return { ok: ring(el) || (!!wrapper && ring(wrapper)), what };
  });
}

async function expectFocusVisible(page: Page, where: string): Promise<void> {
  const f = await focusIsVisible(page);
  expect(f.ok, `focus not visible on ${f.what} (${where})`).toBe(true);
}

/** Presses Tab `times` times, then Shift+Tab twice, and checks focus never leaves `scope`. */
async function expectFocusTrapped(page: Page, scope: Locator, times: number, what: string): Promise<void> {
  const handle = await scope.elementHandle();
  const keys = [...Array<string>(times).fill('Tab'), 'Shift+Tab', 'Shift+Tab'];
  for (const [i, key] of keys.entries()) {
    await page.keyboard.press(key);
    const inside = await page.evaluate((root) => !!root && root.contains(document.activeElement), handle);
    expect(inside, `${key} (${i + 1}) left ${what} for ${await focused(page)}`).toBe(true);
  }
}

/** Tabs (or Shift+Tabs) until `target` has focus, at most `limit` presses. */
async function tabTo(page: Page, target: Locator, { limit = 60, backwards = false } = {}): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((t) => document.activeElement === t, handle)) return;
  }
  throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} never reached ${String(target)}`);
}

/** The staged login with the keyboard alone: the username has focus on arrival, Tab, Enter. */
async function keyboardSignIn(page: Page, acc: Account): Promise<void> {
  await page.goto(`${run.base}/login`);
  await page.waitForFunction(() => document.activeElement?.id === 'username');
  await expectFocusVisible(page, 'username on arrival');
  await page.keyboard.type(acc.user.username);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
  await expectFocusVisible(page, 'password');
  await page.keyboard.type(acc.password);
  await page.keyboard.press('Enter');
  await page.getByLabel('动态口令', { exact: true }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'code');
  await page.keyboard.type(await freshCode(acc));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `您好，${acc.user.displayName}` }).waitFor();
}

/** Whatever has focus, in a few words, for messages: the menu item or the element itself. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'nothing';
  const item = el.closest('[role=menuitem]') ?? el;
  return `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[${el.getAttribute('role')}]` : ''} “${(item.getAttribute('aria-label') ?? item.textContent ?? '').trim().slice(0, 30)}”`;
});

/** The menu item that has focus (rc-menu moves real focus to an item on arrow keys), or null. */
const focusedMenuItem = (page: Page) => page.evaluate(() => document.activeElement?.closest('[role=menuitem]')?.textContent?.trim() ?? null);

/** ArrowDown through a menu, one item at a time (rc-menu moves focus a frame later), until `label` has focus. */
async function arrowDownTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 8 && (await focusedMenuItem(page)) !== label; i++) {
    const before = await page.evaluateHandle(() => document.activeElement);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((b) => document.activeElement !== b, before, { timeout: 2000 });
  }
  expect(await focusedMenuItem(page), `focus on ${await focused(page)}`).toBe(label);
}

async function seed(ctx: AppContext): Promise<Record<'officer' | 'admin', Made>> {
  const county = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  const social = await createOrg(ctx, { name: '鼓楼区阳光社会工作服务中心', type: 'social_org', regionCode: COUNTY });
  const made = {
    officer: await createUser(ctx, { role: 'protection_officer', orgId: county.id, username: 'baohu_a11y', displayName: '刘保护' }),
    admin: await createUser(ctx, { role: 'admin', username: 'admin_a11y', displayName: '系统管理员乙' }),
    social: await createUser(ctx, { role: 'social_worker', orgId: social.id, username: 'shegong_a11y', displayName: '陈社工' }),
  };
  for (const vp of ['desktop', 'phone'] as const) {
    const n = await createUser(ctx, { role: 'child_director', orgId: county.id, username: `xinren_${px(vp)}`, displayName: `新人${px(vp)}` });
    newcomers[vp] = { user: n.user, password: n.password };
    const l = await createUser(ctx, { role: 'child_director', orgId: county.id, username: `suoding_${px(vp)}`, displayName: `锁定${px(vp)}` });
    lockable[vp] = { user: l.user, password: l.password };
  }

  const actor = actorOf(made.officer.user, county);
  for (const name of ['司马雨桐', '欧阳浩宇', '黄欣怡']) {
    const { id } = await createChild(ctx, actor, syntheticChild(VILLAGE, { name }));
    childId ||= id;
  }
  const guardianId = (await getChild(ctx, actor, childId)).guardians[0]!.id;
  await recordConsent(ctx, actor, childId, { givenBy: 'guardian', guardianId, purposes: ['care_service'], givenOn: today(), method: 'in_person', notice: NOTICE });
  const end = new Date(`${today()}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 30);
  await ctx.db.insertInto('sharing_agreements').values({
    id: randomUUID(), requester_org_id: social.id, owner_org_id: county.id, purpose: 'care_service', child_ids: [], region_code: '350102001000', fields: ['name', 'guardianPhone'],
    starts_on: today(), ends_on: end.toISOString().slice(0, 10), security_measures: '专人专机，活动结束即删除', requested_by: made.social.user.id, status: 'requested',
    responsible_person: JSON.stringify({ name: '测试负责人', title: '项目主管', phone: '0591-00000001' }),
  }).execute();

  return { officer: made.officer, admin: made.admin };
}

describe('console accessibility in chromium against the real server', { timeout: 240_000 }, () => {
  run.hooks(seed);

  for (const vp of ['desktop', 'phone'] as const) {
    scenario(`1. login, a wrong password, the forced password change, TOTP enrolment and a locked account (${px(vp)} px)`, async () => {
      const { page, errors } = await freshPage(vp);
      await page.goto(`${run.base}/login`);
      await page.getByRole('heading', { name: '登录' }).waitFor();
      await expectAccessible(page, 'login', vp);

      const acc = newcomers[vp]!;
      await page.getByLabel('用户名').fill(acc.user.username);
      await page.getByLabel('密码', { exact: true }).fill('Wrong-Pass-0!x');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
      await expectAccessible(page, 'login-wrong', vp);

      await page.getByLabel('密码', { exact: true }).fill(acc.password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('heading', { name: '修改初始密码' }).waitFor();
      await page.getByLabel('新密码', { exact: true }).fill('abcdefgh12');
      await page.getByLabel('再次输入新密码').fill('abcdefgh12');
      await page.getByRole('button', { name: '设置新密码并继续' }).click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
      await expectAccessible(page, 'password-change', vp);
      await page.getByLabel('新密码', { exact: true }).fill(STRONG_PASSWORD);
      await page.getByLabel('再次输入新密码').fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: '设置新密码并继续' }).click();
      acc.password = STRONG_PASSWORD;

      await page.getByRole('heading', { name: '绑定动态口令' }).waitFor();
      await page.locator('img.totp-qr').waitFor();
      acc.secret = (await page.getByLabel('动态口令密钥').innerText()).replace(/\s/g, '');
      await page.getByLabel('验证器显示的动态口令').fill('000000');
      await page.getByRole('button', { name: '完成绑定' }).click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
      await expectAccessible(page, 'totp-enrol', vp);
      await page.getByLabel('验证器显示的动态口令').fill(await freshCode(acc));
      await page.getByRole('button', { name: '完成绑定' }).click();
      await page.getByRole('heading', { name: `您好，${acc.user.displayName}` }).waitFor();
      await page.context().clearCookies();

      // Five wrong passwords: the lock is announced (role=alert) and named with the time it lifts.
      const locked = lockable[vp]!;
      await page.goto(`${run.base}/login`);
      await page.getByLabel('用户名').fill(locked.user.username);
      for (let i = 1; i <= 5; i++) {
        await page.getByLabel('密码', { exact: true }).fill(`Wrong-Pass-${i}!x`);
        const answered = page.waitForResponse(isApi('/api/auth/login', 'POST'));
        await page.getByRole('button', { name: /登\s*录/ }).click();
        await answered;
      }
      await page.getByRole('alert').filter({ hasText: '已锁定' }).waitFor();
      await expectAccessible(page, 'login-locked', vp);
      await closePage(page, errors);
    });

    scenario(`2. a protection officer's screens: home, children, detail, consents, edit drawer, new child, sharing, 技术处理, simulator, ledger, purposes, tokens (${px(vp)} px)`, async () => {
      const { page, errors } = await freshPage(vp);
      await signIn(page, accounts.officer, vp);
      await page.locator('canvas').first().waitFor().catch(() => {});
      await expectAccessible(page, 'home', vp);

      await open(page, '/children', '儿童名册');
      await page.getByText('共 3 名').waitFor();
      await expectAccessible(page, 'children', vp);

      await open(page, `/children/${childId}`, /^儿童详情/);
      await page.getByRole('button', { name: '查看完整信息' }).waitFor();
      await expectAccessible(page, 'child-detail', vp);
      await page.getByRole('button', { name: '查看完整信息' }).click();
      await page.getByRole('dialog', { name: '查看完整信息' }).waitFor();
      await expectAccessible(page, 'child-purpose-dialog', vp);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: '查看完整信息' }).waitFor({ state: 'hidden' });

      await page.getByRole('tab', { name: /同意/ }).click();
      await page.getByRole('tabpanel').getByText(/关爱服务/).first().waitFor();
      await expectAccessible(page, 'child-consents', vp);

      await page.getByRole('tab', { name: /信息/ }).click();
      await page.getByRole('button', { name: '修改基本信息' }).click();
      await page.getByRole('dialog', { name: '修改基本信息' }).waitFor();
      await expectAccessible(page, 'child-edit-drawer', vp);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: '修改基本信息' }).waitFor({ state: 'hidden' });

      await open(page, '/children/new', '登记儿童');
      await expectAccessible(page, 'child-new', vp);

      await open(page, '/children/import', '导入名册');
      await expectAccessible(page, 'children-import', vp);

      await open(page, '/sharing', '数据共享');
      await expectAccessible(page, 'sharing', vp);
      await page.getByRole('tab', { name: /待我方审批/ }).click();
      await page.getByRole('tabpanel').getByText('鼓楼区阳光社会工作服务中心').first().waitFor();
      await expectAccessible(page, 'sharing-approvals', vp);
      await page.getByRole('tabpanel').getByRole('button', { name: /^审\s*批$/ }).first().click();
      await page.getByRole('dialog', { name: '审批数据共享申请' }).waitFor();
      await expectAccessible(page, 'sharing-review-drawer', vp);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: '审批数据共享申请' }).waitFor({ state: 'hidden' });

      await open(page, '/redact', '技术处理');
      await expectAccessible(page, 'redact', vp);
      await page.getByRole('textbox', { name: '待处理的文本' }).fill('王小明在松溪县郑墩镇中心小学读书，家住双源村3组12号，联系电话13912345678。');
      await page.getByRole('button', { name: '识别个人信息' }).click();
      await page.getByRole('button', { name: '按审核结果生成' }).waitFor();
      await expectAccessible(page, 'redact-review', vp);

      await open(page, '/policy-check', '合法性判定演练');
      await expectAccessible(page, 'policy-check', vp);

      await open(page, '/ledger', '处理台账');
      await page.locator('.ant-table-row, .ant-list-item').first().waitFor();
      await expectAccessible(page, 'ledger', vp);

      await open(page, '/purposes', '处理目的目录');
      await expectAccessible(page, 'purposes', vp);

      await open(page, '/account/tokens', '我的 API 令牌');
      await expectAccessible(page, 'tokens', vp);
      await closePage(page, errors);
    });

    scenario(`3. the administrator's screens: users, orgs, keys, tokens (${px(vp)} px)`, async () => {
      const { page, errors } = await freshPage(vp);
      await signIn(page, accounts.admin);
      await expectAccessible(page, 'home-admin', vp);
      await open(page, '/admin/users', '用户管理');
      await page.getByText('baohu_a11y').first().waitFor();
      await expectAccessible(page, 'admin-users', vp);
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.waitFor();
      await expectAccessible(page, 'admin-user-new', vp);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      await open(page, '/admin/orgs', '机构管理');
      await page.getByText('鼓楼区民政局').first().waitFor();
      await expectAccessible(page, 'admin-orgs', vp);
      await open(page, '/admin/keys', '密钥管理');
      await page.getByText('尚未轮换').waitFor();
      await expectAccessible(page, 'admin-keys', vp);
      await open(page, '/account/tokens', '我的 API 令牌');
      await expectAccessible(page, 'tokens-admin', vp);
      await closePage(page, errors);
    });
  }

  scenario('4. keyboard only (1280 px): login, skip link, menu to the children list, a child, the purpose dialog and the edit drawer trap focus and close with Escape', async () => {
    const { page, errors } = await freshPage('desktop');
    await keyboardSignIn(page, accounts.officer);

    // The first Tab on a page shows the skip link; Enter on it puts focus on the main content.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('跳到主要内容');
    await expectFocusVisible(page, 'skip link');
    expect(await page.locator('.skip-link').evaluate((a) => a.getBoundingClientRect().left >= 0)).toBe(true);
    await shot(page, 'keyboard-skip-link-1280', { fullPage: false });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // The menu: the keyboard reaches it, arrow keys move within it, Enter opens the page.
    const menu = page.getByRole('navigation', { name: '主导航' }).getByRole('menu');
    // Back from the main content: the header's buttons, the fold button, then the menu.
    for (let i = 0; i < 10 && !(await menu.evaluate((m) => m.contains(document.activeElement))); i++) await page.keyboard.press('Shift+Tab');
    expect(await menu.evaluate((m) => m.contains(document.activeElement)), `focus in the menu, not on ${await focused(page)}`).toBe(true);
    await arrowDownTo(page, '儿童名册');
    await expectFocusVisible(page, 'menu item');
    await shot(page, 'keyboard-menu-1280', { fullPage: false });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/children');
    await page.getByText('共 3 名').waitFor();

    // A child's detail through its 查看 link.
    const view = page.getByRole('link', { name: '查看', exact: true }).first();
    await tabTo(page, view);
    await expectFocusVisible(page, '查看 link in the children table');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname.startsWith('/children/') && u.pathname !== '/children/new');
    const reveal = page.getByRole('button', { name: '查看完整信息' });
    await reveal.waitFor();

    // The purpose dialog: opens on Enter with focus inside, keeps it there, Escape closes it and focus returns.
    await tabTo(page, reveal);
    await expectFocusVisible(page, '查看完整信息');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '查看完整信息' });
    await dialog.waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('[role=dialog]'));
    await expectFocusTrapped(page, dialog, 8, 'the purpose dialog');
    await expectFocusVisible(page, 'inside the purpose dialog');
    await shot(page, 'keyboard-purpose-dialog-1280', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('查看完整信息'));
    await expectFocusVisible(page, '查看完整信息 after the dialog closed');

    // The edit drawer, just before it in the tab order: the same.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toContain('修改基本信息');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '修改基本信息' });
    await drawer.waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('.ant-drawer'));
    await expectFocusTrapped(page, drawer, 12, 'the edit drawer');
    await shot(page, 'keyboard-edit-drawer-1280', { fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('修改基本信息'));
    await expectFocusVisible(page, '修改基本信息 after the drawer closed');

    // The menu folds and unfolds from a button Tab reaches (behind the page header).
    const fold = page.getByRole('button', { name: '收起菜单' });
    await tabTo(page, fold, { backwards: true, limit: 20 });
    await expectFocusVisible(page, '收起菜单');
    await page.keyboard.press('Enter');
    const unfold = page.getByRole('button', { name: '展开菜单' });
    expect(await unfold.getAttribute('aria-expanded')).toBe('false');
    await page.locator('.ant-layout-sider-collapsed').waitFor();
    await page.keyboard.press('Enter');
    await fold.waitFor();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await closePage(page, errors);
  });

  scenario('5. keyboard only (375 px): the menu drawer opens from its button, traps focus, closes with Escape, and leads to the children list', async () => {
    const { page, errors } = await freshPage('phone');
    await keyboardSignIn(page, accounts.officer);
    const opener = page.getByRole('button', { name: '打开菜单' });
    await tabTo(page, opener);
    await expectFocusVisible(page, '打开菜单');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '护童 · 菜单' });
    await drawer.waitFor();
    await page.waitForFunction(() => !!document.activeElement?.closest('.ant-drawer'));
    await expectFocusTrapped(page, drawer, 6, 'the menu drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '打开菜单');

    await page.keyboard.press('Enter');
    await drawer.waitFor();
    const menu = drawer.getByRole('menu');
    for (let i = 0; i < 6 && !(await menu.evaluate((m) => m.contains(document.activeElement))); i++) await page.keyboard.press('Tab');
    await arrowDownTo(page, '儿童名册');
    await expectFocusVisible(page, 'menu item in the drawer');
    await shot(page, 'keyboard-menu-drawer-375', { fullPage: false });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/children');
    await drawer.waitFor({ state: 'hidden' });
    const view = page.getByRole('link', { name: '查看详情' }).first();
    await tabTo(page, view);
    await expectFocusVisible(page, '查看详情 on a child card');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '查看完整信息' }).waitFor();
    await closePage(page, errors);
  });

  scenario('6. the idle warning opens as an alert dialog described by its text, passes axe, and 继续 keeps the session (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    // The console counts idle time in the page: a fake clock jumps to two minutes before the end.
    await page.clock.install();
    await signIn(page, accounts.officer);
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json() as Promise<{ idleTimeoutSeconds: number }>));
    await page.clock.fastForward((me.idleTimeoutSeconds - 100) * 1000);
    const warning = page.getByRole('alertdialog', { name: '即将因长时间未操作而退出' });
    await warning.waitFor();
    const describedBy = await warning.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toMatch(/系统将在 1 分 \d\d 秒 后自动退出登录。\s*如需继续使用，请点击“继续”。/);
    expect(await page.getByRole('timer').count()).toBe(1);
    await expectAccessible(page, 'idle-warning', 'desktop');
    // 继续 has focus as the warning opens: Enter keeps the session.
    expect(await focused(page)).toMatch(/继\s*续/);
    const kept = page.waitForResponse(isApi('/api/auth/me'));
    await page.keyboard.press('Enter');
    expect((await kept).status()).toBe(200);
    await warning.waitFor({ state: 'hidden' });
    await closePage(page, errors);
  });
});
