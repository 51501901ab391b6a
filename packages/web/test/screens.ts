/**
 * Walks the console's screens against the mock API at 1280 px and 375 px and saves screenshots
 * (test-output/screenshots/). Build first: `npm run build -w packages/web`, then
 * `npx tsx packages/web/test/screens.ts [only-this-name-part]`.
 * Exits non-zero when an expected text is missing.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, openPage, screenshot, WEB_DIR, type Viewport } from './browser.ts';
import { startMockApi } from './mock-api.ts';

const only = process.argv[2];
let failures = 0;
let passes = 0;

async function expectText(page: Page, text: string | RegExp, what: string): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout: 5000 });
    passes++;
  } catch {
    failures++;
    console.error(`FAIL ${what}: text ${String(text)} not shown`);
  }
}

type Scenario = (page: Page, base: string, tag: string, vp: Viewport) => Promise<void>;

const scenarios: Record<string, Scenario> = {
  async 'login-locked'(page, base, tag) {
    await page.goto(`${base}/login`);
    await screenshot(page, `login-${tag}`);
    await page.getByLabel('用户名').fill('suoding');
    await page.getByLabel('密码', { exact: true }).fill('whatever');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expectText(page, /已锁定/, 'locked message');
    await screenshot(page, `login-locked-${tag}`);
  },
  async 'login-staged'(page, base, tag) {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('Admin-Init-2025');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expectText(page, '修改初始密码', 'forced password change');
    await page.getByLabel('新密码', { exact: true }).fill('short1');
    await page.getByLabel('再次输入新密码').fill('short1');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await expectText(page, '新密码至少 12 位，须同时包含字母和数字', 'password policy field message');
    await screenshot(page, `login-password-error-${tag}`);
    await page.getByLabel('新密码', { exact: true }).fill('NewPassword-2025');
    await page.getByLabel('再次输入新密码').fill('NewPassword-2025');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await expectText(page, '绑定动态口令', 'totp enrolment');
    await page.locator('img.totp-qr').waitFor();
    await page.getByLabel('验证器显示的动态口令').fill('000000');
    await page.getByRole('button', { name: '完成绑定' }).click();
    await expectText(page, '动态口令不正确', 'wrong code message');
    await screenshot(page, `login-enrol-${tag}`);
    await page.getByLabel('验证器显示的动态口令').fill('123456');
    await page.getByRole('button', { name: '完成绑定' }).click();
    await expectText(page, '动态口令验证', 'totp step');
    await screenshot(page, `login-totp-${tag}`);
    await page.getByLabel('动态口令', { exact: true }).fill('123456');
    await page.getByRole('button', { name: '验证并登录' }).click();
    await expectText(page, '您好，系统管理员', 'home after login');
    await screenshot(page, `home-admin-${tag}`);
  },
  async children(page, base, tag, vp) {
    await login(page, base, 'zhangsan', 'Passw0rd-2025');
    await expectText(page, '您好，张晓燕', 'home');
    await screenshot(page, `home-officer-${tag}`);
    if (vp === 'phone') {
      await page.getByRole('button', { name: '打开菜单' }).click();
      await expectText(page, '儿童名册', 'drawer menu');
      await screenshot(page, `menu-drawer-${tag}`, { fullPage: false });
      await page.getByRole('menuitem', { name: /儿童名册/ }).click();
    } else {
      await page.getByRole('menuitem', { name: /儿童名册/ }).click();
    }
    await expectText(page, /共 37 名/, 'children total');
    await screenshot(page, `children-${tag}`);
    if (vp === 'phone') await page.getByRole('button', { name: /更多筛选/ }).click();
    await page.getByLabel('所在区划').click();
    await page.waitForTimeout(400);
    await screenshot(page, `children-region-${tag}`, { fullPage: false });
    await page.keyboard.press('Escape');
    await page.getByLabel('姓名或身份证号').fill('张');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expectText(page, /共 4 名/, 'name search');
    await page.locator('a', { hasText: /查看|详情/ }).first().click();
    await expectText(page, '直接标识信息', 'detail groups');
    await screenshot(page, `child-detail-${tag}`);
    await page.getByRole('button', { name: '查看完整信息' }).click();
    await page.getByLabel('处理目的').click();
    await page.getByTitle('统计分析').click();
    await page.getByLabel('具体事由').fill('季度统计报表');
    await page.getByRole('button', { name: '确认查看' }).click();
    await expectText(page, /第十三条/, 'refusal article');
    await screenshot(page, `child-purpose-refused-${tag}`, { fullPage: false });
    await page.getByLabel('处理目的').click();
    await page.getByLabel('处理目的').fill('社会');
    await page.getByTitle('社会救助').click();
    await page.getByRole('button', { name: '确认查看' }).click();
    await expectText(page, '正在显示完整信息', 'unmasked banner');
    await screenshot(page, `child-full-${tag}`);
    await page.getByRole('tab', { name: /走访/ }).click();
    await page.getByRole('button', { name: '登记走访' }).click();
    await page.getByLabel('走访情况').fill('这次保存会失败：测试');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expectText(page, '走访情况中不得出现', 'visit field error');
    await screenshot(page, `child-visit-error-${tag}`);
    await page.getByRole('tab', { name: '处理记录' }).click();
    await expectText(page, /使用/, 'history');
    await screenshot(page, `child-history-${tag}`);
  },
  async ledger(page, base, tag) {
    await login(page, base, 'shenji', 'Passw0rd-2025');
    await page.goto(`${base}/ledger`);
    await expectText(page, '处理台账', 'ledger');
    await page.getByRole('button', { name: '校验台账' }).click();
    await expectText(page, '校验通过', 'verify');
    await screenshot(page, `ledger-${tag}`);
    await page.locator('[aria-label^="台账第"]').nth(2).click();
    await page.getByRole('button', { name: '获取包含证明' }).click();
    await expectText(page, '包含证明', 'proof');
    await screenshot(page, `ledger-proof-${tag}`, { fullPage: false });
    await page.goto(`${base}/`);
    await expectText(page, '近期处理活动', 'chart');
    await page.locator('canvas').first().waitFor({ timeout: 5000 }).catch(() => { failures++; console.error('FAIL chart canvas'); });
    await screenshot(page, `home-auditor-${tag}`);
  },
  async admin(page, base, tag) {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('Admin-Init-2025');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByLabel('新密码', { exact: true }).fill('NewPassword-2025');
    await page.getByLabel('再次输入新密码').fill('NewPassword-2025');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await page.getByLabel('验证器显示的动态口令').fill('123456');
    await page.getByRole('button', { name: '完成绑定' }).click();
    await page.getByLabel('动态口令', { exact: true }).fill('123456');
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${base}/admin/orgs`);
    await expectText(page, '闽侯县民政局', 'orgs');
    await screenshot(page, `orgs-${tag}`);
    await page.goto(`${base}/admin/users`);
    await expectText(page, 'zhangsan', 'users');
    await screenshot(page, `users-${tag}`);
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByLabel('用户名').fill('dup');
    await page.getByLabel('姓名').fill('重复用户');
    await page.getByLabel('所属机构').click();
    await page.getByTitle('白沙镇人民政府').click();
    await page.getByLabel('角色').click();
    await page.getByTitle('儿童主任').click();
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await expectText(page, '用户名已被使用', 'duplicate username field message');
    await screenshot(page, `users-create-error-${tag}`, { fullPage: false });
    await page.getByLabel('用户名').fill('wangzr');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await expectText(page, '此内容只显示这一次', 'one-time password');
    await screenshot(page, `users-created-${tag}`, { fullPage: false });
    await page.getByRole('button', { name: '我已妥善保存' }).click();
    await page.goto(`${base}/account/tokens`);
    await page.getByLabel('令牌名称（用途）').fill('县救助系统对接');
    await page.getByRole('button', { name: '创建令牌' }).click();
    await expectText(page, '令牌已创建', 'token shown once');
    await screenshot(page, `token-created-${tag}`, { fullPage: false });
    await page.getByRole('button', { name: '我已妥善保存' }).click();
    await expectText(page, '有效', 'token listed');
    await screenshot(page, `tokens-${tag}`);
  },
  async keyboard(page, base, tag) {
    // The whole login and a first navigation with the keyboard alone.
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'username');
    await page.keyboard.type('zhangsan');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Passw0rd-2025');
    await page.keyboard.press('Enter');
    await page.getByLabel('动态口令', { exact: true }).waitFor();
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await expectText(page, '您好，张晓燕', 'keyboard login');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (first.includes('跳到主要内容')) passes++;
    else { failures++; console.error(`FAIL first Tab focuses the skip link, got ${first}`); }
    await page.keyboard.press('Tab');
    await screenshot(page, `keyboard-focus-${tag}`, { fullPage: false });
  },
  async idle(page, base, tag) {
    await login(page, base, 'zhangsan', 'Passw0rd-2025');
    await expectText(page, '即将因长时间未操作而退出', 'idle warning');
    await screenshot(page, `idle-warning-${tag}`, { fullPage: false });
    await page.getByRole('button', { name: /继\s*续/ }).click();
    try {
      await page.getByRole('dialog').waitFor({ state: 'hidden', timeout: 1500 });
      passes++;
    } catch {
      failures++;
      console.error('FAIL idle warning did not close after 继续');
    }
  },
  async 'idle-expiry'(page, base, tag) {
    // Sessions here idle out after 8 s: left alone, the console returns to the login page with the reason.
    await login(page, base, 'zhangsan', 'Passw0rd-2025');
    await page.waitForURL((u) => u.pathname.startsWith('/login'), { timeout: 15_000 });
    await expectText(page, '会话已超时', 'expired message on the login page');
    await screenshot(page, `idle-expired-${tag}`, { fullPage: false });
  },
};

async function main(): Promise<void> {
  const staticDir = path.join(WEB_DIR, 'dist');
  // Sessions that idle out after 122 s show the warning (120 s before) at once.
  const idleSeconds: Record<string, number> = { idle: 122, 'idle-expiry': 8 };
  const browser: Browser = await launchBrowser();
  try {
    for (const [name, run] of Object.entries(scenarios)) {
      for (const vp of ['desktop', 'phone'] as const) {
        const tag = vp === 'desktop' ? '1280' : '375';
        if (only && !`${name}-${tag}`.includes(only)) continue;
        // Each run gets fresh server state.
        const mock = await startMockApi({ staticDir, idleTimeoutSeconds: idleSeconds[name] ?? 900 });
        const page = await openPage(browser, vp);
        try {
          await run(page, mock.url, tag, vp);
          console.log(`ok ${name} @${tag}`);
        } catch (e) {
          failures++;
          console.error(`FAIL ${name} @${tag}: ${(e as Error).message.split('\n')[0]}`);
          await screenshot(page, `FAILED-${name}-${tag}`).catch(() => undefined);
        } finally {
          await page.context().close();
          await mock.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${passes} passed, ${failures} failed`);
  process.exitCode = failures ? 1 : 0;
}

await main();
