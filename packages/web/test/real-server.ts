/**
 * Drives the console against a real Hutong server (through `vite preview` or the server's own
 * static serving) and saves screenshots. Run a fresh server, then:
 *
 *   HUTONG_WEB=http://127.0.0.1:4173 HUTONG_ADMIN_PASSWORD=<one-time password> npx tsx packages/web/test/real-server.ts
 *
 * Accounts it creates, their passwords and TOTP secrets are kept in
 * test-output/real-server-accounts.json so a second run against the same data dir logs in again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot, WEB_DIR } from './browser.ts';
import { totp } from './totp.ts';
import { composeIdNumber } from '@hutong/core';

const BASE = process.env.HUTONG_WEB ?? 'http://127.0.0.1:4173';
const STORE = path.join(WEB_DIR, 'test-output', 'real-server-accounts.json');
const NEW_PASSWORD = 'Hutong-Test-Pass-2025!';

interface Account { password: string; secret?: string; lastStep?: number }
const accounts: Record<string, Account> = fs.existsSync(STORE) ? JSON.parse(fs.readFileSync(STORE, 'utf8')) as Record<string, Account> : {};
const save = () => { fs.mkdirSync(path.dirname(STORE), { recursive: true }); fs.writeFileSync(STORE, JSON.stringify(accounts, null, 2)); };

let failures = 0;
let passes = 0;
async function expectText(page: Page, text: string | RegExp, what: string, timeout = 8000): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout });
    passes++;
  } catch {
    failures++;
    console.error(`FAIL ${what}: ${String(text)} not shown`);
  }
}

/** A code for a time step not yet used by this account (the server refuses a reused code). */
async function freshCode(username: string): Promise<string> {
  const acc = accounts[username]!;
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    if (step !== acc.lastStep && Date.now() % 30_000 < 27_000) {
      acc.lastStep = step;
      save();
      return totp(acc.secret!);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The whole staged login, whatever steps this account still needs. */
async function loginAs(page: Page, username: string, tag: string, shots = false): Promise<void> {
  const acc = accounts[username]!;
  await page.goto(`${BASE}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(acc.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  for (let i = 0; i < 5; i++) {
    await page.waitForTimeout(800);
    if (!new URL(page.url()).pathname.startsWith('/login')) return;
    if (await page.getByRole('button', { name: '设置新密码并继续' }).isVisible()) {
      if (shots) {
        await page.getByLabel('新密码', { exact: true }).fill('short');
        await page.getByLabel('再次输入新密码').fill('short');
        await page.getByRole('button', { name: '设置新密码并继续' }).click();
        await page.waitForTimeout(800);
        await screenshot(page, `real-password-policy-${tag}`);
      }
      await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: '设置新密码并继续' }).click();
      acc.password = NEW_PASSWORD;
      save();
      continue;
    }
    if (await page.getByRole('button', { name: '完成绑定' }).isVisible()) {
      await page.locator('img.totp-qr').waitFor();
      const secret = (await page.getByLabel('动态口令密钥').first().innerText()).replace(/\s/g, '');
      acc.secret = secret;
      save();
      if (shots) {
        await page.getByLabel('验证器显示的动态口令').fill('000000');
        await page.getByRole('button', { name: '完成绑定' }).click();
        await page.waitForTimeout(800);
        await screenshot(page, `real-enrol-wrong-code-${tag}`);
      }
      await page.getByLabel('验证器显示的动态口令').fill(await freshCode(username));
      await page.getByRole('button', { name: '完成绑定' }).click();
      continue;
    }
    if (await page.getByRole('button', { name: '验证并登录' }).isVisible()) {
      await page.getByLabel('动态口令', { exact: true }).fill(await freshCode(username));
      await page.getByRole('button', { name: '验证并登录' }).click();
      continue;
    }
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 10_000 });
}

async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(async ([m, u, b]) => {
    const r = await fetch(u as string, { method: m as string, headers: b ? { 'Content-Type': 'application/json' } : {}, body: b ? JSON.stringify(b) : undefined, credentials: 'same-origin' });
    const text = await r.text();
    if (!r.ok) throw new Error(`${m} ${u} → ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }, [method, url, body] as const) as Promise<T>;
}

async function main(): Promise<void> {
  if (!accounts.admin) {
    const pw = process.env.HUTONG_ADMIN_PASSWORD;
    if (!pw) throw new Error('set HUTONG_ADMIN_PASSWORD to the one-time password the server printed');
    accounts.admin = { password: pw };
    save();
  }
  const browser = await launchBrowser();
  try {
    // Administrator: staged first login, orgs, users, tokens.
    const admin = await openPage(browser, 'desktop');
    await loginAs(admin, 'admin', '1280', true);
    await expectText(admin, '您好', 'admin home');
    await screenshot(admin, 'real-home-admin-1280');

    const orgs = await api<{ items: { id: string; name: string }[] }>(admin, 'GET', '/api/orgs');
    let county = orgs.items.find((o) => o.name === '闽侯县民政局');
    if (!county) {
      await admin.goto(`${BASE}/admin/orgs`);
      await admin.getByRole('button', { name: '新建机构' }).click();
      await admin.getByLabel('机构名称').fill('闽');
      await admin.getByLabel('机构类型').click();
      await admin.getByTitle('民政', { exact: true }).click();
      await admin.getByRole('button', { name: /保\s*存/ }).click();
      await expectText(admin, '请选择所在区划', 'org region required (client)');
      await admin.getByLabel('所在区划').click();
      await admin.getByLabel('所在区划').fill('福建');
      await admin.getByTitle('福建省').first().click();
      await admin.getByRole('button', { name: /保\s*存/ }).click();
      await expectText(admin, '机构名称至少 2 个字', 'org name field error (server)');
      await screenshot(admin, 'real-org-errors-1280', { fullPage: false });
      await admin.getByLabel('机构名称').fill('闽侯县民政局');
      await admin.getByRole('button', { name: /保\s*存/ }).click();
      await admin.waitForTimeout(1000);
      await screenshot(admin, 'real-org-create-1280', { fullPage: false });
      const after = await api<{ items: { id: string; name: string }[] }>(admin, 'GET', '/api/orgs');
      county = after.items.find((o) => o.name === '闽侯县民政局');
      if (!county) {
        // Fall back to a region the tree shows first, whatever the jurisdiction root is.
        const created = await api<{ id: string; name: string }>(admin, 'POST', '/api/orgs', { name: '闽侯县民政局', type: 'civil_affairs', regionCode: '350121' });
        county = created;
      }
    }
    await admin.goto(`${BASE}/admin/orgs`);
    await expectText(admin, '闽侯县民政局', 'org listed');
    await screenshot(admin, 'real-orgs-1280');

    const users = await api<{ items: { username: string }[] }>(admin, 'GET', '/api/users');
    for (const [username, displayName, role] of [['zhangsan', '张晓燕', 'civil_affairs_officer'], ['shenji', '林审计', 'auditor']] as const) {
      if (users.items.some((u) => u.username === username)) continue;
      const r = await api<{ initialPassword: string }>(admin, 'POST', '/api/users', { username, displayName, orgId: county.id, role, jurisdiction: '350121' });
      accounts[username] = { password: r.initialPassword };
      save();
    }
    await admin.goto(`${BASE}/admin/users`);
    await admin.getByRole('button', { name: '新建用户' }).click();
    await admin.getByLabel('用户名').fill('Bad Name');
    await admin.getByLabel('姓名').fill('测试');
    await admin.getByLabel('角色').click();
    await admin.getByTitle('儿童主任').click();
    await admin.getByRole('button', { name: /创\s*建/ }).click();
    await expectText(admin, /用户名应为 3–32 位/, 'username rule from the server');
    await screenshot(admin, 'real-user-create-error-1280', { fullPage: false });
    const fresh = `wang${Date.now() % 100000}`;
    await admin.getByLabel('用户名').fill(fresh);
    await admin.getByRole('button', { name: /创\s*建/ }).click();
    await expectText(admin, /必须隶属于某个机构/, 'org required for the role (server)');
    await admin.getByLabel('所属机构').click();
    await admin.getByTitle('闽侯县民政局').click();
    await admin.getByRole('button', { name: /创\s*建/ }).click();
    await expectText(admin, '此内容只显示这一次', 'one-time password shown');
    await screenshot(admin, 'real-user-created-1280', { fullPage: false });
    await admin.getByRole('button', { name: '我已妥善保存' }).click();
    await screenshot(admin, 'real-users-1280');

    await admin.goto(`${BASE}/account/tokens`);
    await admin.getByLabel('令牌名称（用途）').fill(`对接测试 ${fresh}`);
    await admin.getByRole('button', { name: '创建令牌' }).click();
    await expectText(admin, '令牌已创建', 'token created');
    await admin.getByRole('button', { name: '我已妥善保存' }).click();
    await screenshot(admin, 'real-tokens-1280');
    await admin.context().close();

    // Civil-affairs officer on a phone: children list, detail, full view with a purpose, visit.
    const officer = await openPage(browser, 'phone');
    await loginAs(officer, 'zhangsan', '375');
    const list = await api<{ items: { id: string }[]; total: number }>(officer, 'GET', '/api/children?pageSize=5');
    if (list.total === 0) {
      await api(officer, 'POST', '/api/children', {
        name: '张小明', gender: 'male', birthDate: '2015-03-08', idNumber: composeIdNumber('350121', '2015-03-08', 1, 'male'), regionCode: '350121101201',
        school: '闽侯县白沙中心小学', grade: '四年级', categories: ['left_behind'], health: '良好', guardianSituation: '父母外出务工，由祖母照料',
        householdAddress: '福建省福州市闽侯县白沙镇溪头村 12 号',
        guardians: [{ name: '张桂英', relation: '祖母', phone: '13905910000' }],
      }).catch((e: unknown) => { failures++; console.error(`FAIL create child: ${(e as Error).message}`); });
    }
    await officer.goto(`${BASE}/children`);
    await officer.waitForTimeout(1500);
    await screenshot(officer, 'real-children-375');
    await officer.locator('a', { hasText: /详情/ }).first().click();
    await expectText(officer, '直接标识信息', 'detail groups');
    await screenshot(officer, 'real-child-detail-375');
    await officer.getByRole('button', { name: '查看完整信息' }).click();
    await officer.getByLabel('处理目的').click();
    await officer.getByLabel('处理目的').fill('社会救助');
    await officer.getByTitle('社会救助').click();
    await officer.getByLabel('具体事由').fill('核对 2025 年第三季度困境儿童基本生活补贴发放名单');
    await officer.getByRole('button', { name: '确认查看' }).click();
    await officer.waitForTimeout(1500);
    await screenshot(officer, 'real-child-full-375');
    await officer.getByRole('tab', { name: /走访/ }).click();
    await officer.getByRole('button', { name: '登记走访' }).click();
    await officer.getByLabel('走访情况').fill('入户查看，儿童身体状况良好，祖母照料尚可。');
    await officer.getByRole('button', { name: /保\s*存/ }).click();
    await officer.waitForTimeout(1500);
    await screenshot(officer, 'real-child-visits-375');
    await officer.getByRole('tab', { name: '处理记录' }).click();
    await officer.waitForTimeout(1500);
    await screenshot(officer, 'real-child-history-375');
    await officer.context().close();

    // Auditor: ledger, verify, proof.
    const auditor = await openPage(browser, 'desktop');
    await loginAs(auditor, 'shenji', '1280');
    await auditor.goto(`${BASE}/ledger`);
    await auditor.getByRole('button', { name: '校验台账' }).click();
    await expectText(auditor, /校验通过|校验未通过|校验失败/, 'verify result', 30_000);
    await screenshot(auditor, 'real-ledger-1280');
    await auditor.locator('.ant-table-row').nth(3).click();
    await auditor.getByRole('button', { name: '获取包含证明' }).click();
    await auditor.waitForTimeout(2000);
    await screenshot(auditor, 'real-ledger-proof-1280', { fullPage: false });
    await auditor.goto(`${BASE}/`);
    await auditor.waitForTimeout(2500);
    await screenshot(auditor, 'real-home-auditor-1280');
    await auditor.context().close();
  } finally {
    await browser.close();
  }
  console.log(`${passes} passed, ${failures} failed`);
  process.exitCode = failures ? 1 : 0;
}

await main();
