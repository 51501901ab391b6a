/**
 * The console in a real chromium against the real server, in-process: an in-memory PGlite
 * context, orgs/users/children made through the server's own services (synthetic people only),
 * `buildApp(ctx, { serveWeb: true })` on a random port serving packages/web/dist.
 *
 * TOTP codes are computed with otplib at the time of the server's injected auth clock
 * (`setAuthClock`); a login that needs a fresh step moves that clock on by 30 s instead of
 * waiting. Screenshots go to <repo>/test-output/screenshots/console-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (scripts/test.js builds it
 * when dist is missing or older than src). Without chromium every test here fails, on purpose.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { FORBIDDEN_PURPOSES, PURPOSE_CODES, SENSITIVITY_LABELS } from '@hutong/core';
import type { AppContext } from '../../server/src/context.ts';
import { passwordProblems } from '../../server/src/auth/passwords.ts';
import { createChild } from '../../server/src/registry/registry.service.ts';
import { sm3Hash } from '../../server/src/ledger/hashes.ts';
import { verifyInclusion } from '../../server/src/ledger/merkle-verify.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { entriesFor, syntheticChild } from '../../server/test/helpers/registry-fixtures.ts';
import { actorOf, closePage, isApi } from './real-session.ts';
import { ConsoleDriver, type Made } from './console-driver.ts';

const COUNTY = '350102000000'; // 福州市鼓楼区
const TOWN_A = '350102001000';
const TOWN_B = '350102002000';
const VILLAGE_A = '350102001001';
const STRONG_PASSWORD = 'Hutong-Console-2025!';

interface Child { id: string; name: string; idNumber: string }

const run = new ConsoleDriver<'directorA' | 'directorB' | 'auditor' | 'locked' | 'admin'>({ prefix: 'console-' });
const { accounts, freshCode, freshPage, scenario, shot, signIn } = run;
const children: Child[] = [];
/** The child searched for, opened and revealed. */
let target: Child;

/** Every API answer the page gets, to check that nothing unmasked reached the browser. */
function recordApi(page: Page): Array<Promise<{ url: string; body: string }>> {
  const seen: Array<Promise<{ url: string; body: string }>> = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) seen.push(r.text().then((body) => ({ url: r.url(), body }), () => ({ url: r.url(), body: '' })));
  });
  return seen;
}


function expectNoneOf(html: string, secrets: string[], what: string): void {
  for (const s of secrets) expect(html.includes(s), `${what} contains ${s}`).toBe(false);
}

const fullValues = (cs: Child[]) => cs.flatMap((c) => [c.name, c.idNumber]);

/** Township A's director and a lockable account are left for their first login in the browser. */
async function seed(ctx: AppContext): Promise<Partial<Record<'directorB' | 'auditor' | 'admin', Made>>> {
  const county = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  const townA = await createOrg(ctx, { name: '鼓楼区鼓东街道社会事务办', type: 'civil_affairs', regionCode: TOWN_A });
  const townB = await createOrg(ctx, { name: '鼓楼区鼓西街道社会事务办', type: 'civil_affairs', regionCode: TOWN_B });

  const a = await createUser(ctx, { role: 'child_director', orgId: townA.id, username: 'zhuren_gudong', displayName: '陈晓梅' });
  accounts.directorA = { user: a.user, password: a.password };
  const b = await createUser(ctx, { role: 'child_director', orgId: townB.id, username: 'zhuren_guxi', displayName: '林建华' });
  const au = await createUser(ctx, { role: 'auditor', orgId: county.id, username: 'shenji_gulou', displayName: '郑审计' });
  const l = await createUser(ctx, { role: 'child_director', orgId: townA.id, username: 'suoding_test', displayName: '锁定测试' });
  accounts.locked = { user: l.user, password: l.password };
  const ad = await createUser(ctx, { role: 'admin', username: 'xitong_admin', displayName: '系统管理员甲' });

  // Three children of township A, registered by its director through the registry service.
  const director = actorOf(a.user, townA);
  for (const name of ['司马雨桐', '欧阳浩宇', '黄欣怡']) {
    const raw = syntheticChild(VILLAGE_A, { name });
    const { id } = await createChild(ctx, director, raw);
    children.push({ id, name, idNumber: raw.idNumber });
  }
  target = children[1]!;

  // The director of township B and the auditor have been through their first login already.
  return { directorB: b, auditor: au, admin: ad };
}

describe('护童 console in chromium against the real server', { timeout: 120_000 }, () => {
  run.hooks(seed);

  scenario('1. first login of a child director: forced password change, TOTP enrolment, home (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    const acc = accounts.directorA;
    await page.goto(`${run.base}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await shot(page, 'login-1280');
    await page.getByLabel('用户名').fill(acc.user.username);
    await page.getByLabel('密码', { exact: true }).fill(acc.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();

    // Forced change: a weak password first; the server's message appears under the field.
    await page.getByRole('heading', { name: '修改初始密码' }).waitFor();
    const weak = 'abcdefgh12';
    await page.getByLabel('新密码', { exact: true }).fill(weak);
    await page.getByLabel('再次输入新密码').fill(weak);
    const refused = page.waitForResponse(isApi('/api/auth/password', 'POST'));
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    const problem = await (await refused).json() as { fields: Array<{ field: string; message: string }> };
    expect((await refused).status()).toBe(400);
    const expected = `密码强度不足：${passwordProblems(weak, acc.user.username).join('；')}`;
    expect(problem.fields).toEqual([{ field: 'newPassword', message: expected }]);
    const newPasswordItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('新密码', { exact: true }) });
    await newPasswordItem.locator('.ant-form-item-explain-error', { hasText: expected }).waitFor();
    await shot(page, 'password-policy-1280');

    await page.getByLabel('新密码', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    acc.password = STRONG_PASSWORD;

    // TOTP enrolment: read the secret off the page, as a person typing it into an app would.
    await page.getByRole('heading', { name: '绑定动态口令' }).waitFor();
    await page.locator('img.totp-qr').waitFor();
    const secret = (await page.getByLabel('动态口令密钥').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    acc.secret = secret;
    await shot(page, 'enrol-1280');
    await page.getByLabel('验证器显示的动态口令').fill(await freshCode(acc));
    await page.getByRole('button', { name: '完成绑定' }).click();

    await page.getByRole('heading', { name: `您好，${acc.user.displayName}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText('儿童主任', { exact: true }).first().waitFor();
    await shot(page, 'home-director-1280');
    const row = await run.ctx.db.selectFrom('users').select(['must_change_password', 'totp_enrolled']).where('id', '=', acc.user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ must_change_password: false, totp_enrolled: true });
    await closePage(page, errors);
  });

  scenario('2. children list masked as sent, exact-name search, detail grouped by sensitivity, reveal with a purpose (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    const api = recordApi(page);
    await signIn(page, accounts.directorA);

    const listed = page.waitForResponse(isApi('/api/children'));
    await page.getByRole('menuitem', { name: '儿童名册' }).click();
    const list = await (await listed).json() as { items: Array<{ id: string; fields: Record<string, { value: string | null; masked: boolean }> }>; total: number };
    expect(list.total).toBe(3);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 3);
    for (const item of list.items) {
      const { name, idNumber } = item.fields;
      expect(name!.masked && idNumber!.masked).toBe(true);
      const child = children.find((c) => c.id === item.id)!;
      expect(name!.value).not.toBe(child.name);
      expect(idNumber!.value).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      // The row shows exactly what the server sent.
      const row = rows.filter({ hasText: idNumber!.value! });
      expect(await row.count()).toBe(1);
      expect(await row.innerText()).toContain(name!.value!);
    }
    await page.getByText('共 3 名').waitFor();
    expectNoneOf(await page.content(), fullValues(children), 'children list (masked)');
    await shot(page, 'children-1280');

    // Search by the exact name.
    const searched = page.waitForResponse((r) => isApi('/api/children')(r) && new URL(r.url()).searchParams.get('q') === target.name);
    await page.getByLabel('姓名或身份证号').fill(target.name);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const hit = await (await searched).json() as typeof list;
    expect(hit.items.map((i) => i.id)).toEqual([target.id]);
    await page.getByText('共 1 名').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1);
    expect(await rows.first().innerText()).toContain(hit.items[0]!.fields.name!.value!);

    // Detail: masked, fields grouped by sensitivity, most sensitive first.
    const detailLoaded = page.waitForResponse(isApi(`/api/children/${target.id}`));
    await rows.first().getByRole('link', { name: '查看' }).click();
    const detail = await (await detailLoaded).json() as { groups: Array<{ sensitivity: string; fields: Array<{ key: string; value: string | null; masked: boolean }> }> };
    await page.getByText(SENSITIVITY_LABELS.direct).waitFor();
    const cardTitles = await page.getByRole('tabpanel').locator('.ant-card-head-title').allInnerTexts();
    expect(cardTitles.map((t) => t.trim())).toEqual([SENSITIVITY_LABELS.direct, SENSITIVITY_LABELS.location, SENSITIVITY_LABELS.sensitive, SENSITIVITY_LABELS.general]);
    const labelsIn = (title: string) => page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) }).locator('dt').allInnerTexts();
    expect(await labelsIn(SENSITIVITY_LABELS.direct)).toEqual(expect.arrayContaining(['姓名', '身份证号', '联系电话']));
    expect(await labelsIn(SENSITIVITY_LABELS.location)).toEqual(expect.arrayContaining(['现住址', '就读学校']));
    expect(await labelsIn(SENSITIVITY_LABELS.sensitive)).toEqual(expect.arrayContaining(['健康状况', '儿童类别']));
    expect(await labelsIn(SENSITIVITY_LABELS.general)).toEqual(expect.arrayContaining(['性别']));
    const maskedName = detail.groups.flatMap((g) => g.fields).find((f) => f.key === 'name')!;
    expect(maskedName.masked).toBe(true);
    await page.getByRole('heading', { name: `儿童详情：${maskedName.value}` }).waitFor();
    expectNoneOf(await page.content(), fullValues(children), 'child detail (masked)');
    await shot(page, 'child-detail-masked-1280');

    // Nothing the server sent so far carried a full name or ID number.
    for (const r of await Promise.all(api)) expectNoneOf(r.body, fullValues(children), `API answer ${r.url}`);

    // Reveal: a purpose from the list (the forbidden ones are not in it) and a reason.
    await page.getByRole('button', { name: '查看完整信息' }).click();
    const dialog = page.getByRole('dialog', { name: '查看完整信息' });
    await dialog.waitFor();
    const purpose = dialog.getByLabel('处理目的');
    await purpose.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    for (const code of FORBIDDEN_PURPOSES) {
      await purpose.fill(PURPOSE_CODES[code]);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-empty').waitFor();
      expect(await options.count(), `${PURPOSE_CODES[code]} offered`).toBe(0);
    }
    await purpose.fill(PURPOSE_CODES.social_assistance);
    await page.locator('.ant-select-dropdown:visible').getByTitle(PURPOSE_CODES.social_assistance, { exact: true }).click();
    await dialog.getByLabel('具体事由').fill('核对 2025 年第四季度困境儿童基本生活补贴发放名单');
    await shot(page, 'purpose-dialog-1280', { fullPage: false });
    const revealed = page.waitForResponse((r) => isApi(`/api/children/${target.id}`)(r) && new URL(r.url()).searchParams.get('purpose') === 'social_assistance');
    await dialog.getByRole('button', { name: '确认查看' }).click();
    expect((await revealed).status()).toBe(200);
    await page.getByText(`正在显示完整信息 · 处理目的：${PURPOSE_CODES.social_assistance}`).waitFor();
    await page.getByRole('heading', { name: `儿童详情：${target.name}` }).waitFor();
    const html = await page.content();
    expect(html).toContain(target.idNumber);
    expectNoneOf(html, fullValues(children.filter((c) => c !== target)), 'revealed detail (other children)');
    await shot(page, 'child-detail-revealed-1280');

    // The reveal is in the ledger with its purpose and reason.
    const entries = await entriesFor(run.ctx, target.id).execute();
    expect(entries.some((e) => e.purpose === 'social_assistance' && e.outcome === 'allowed' && e.reason?.startsWith('revealed:核对'))).toBe(true);
    await closePage(page, errors);
  });

  scenario('3. an auditor reads the ledger entries of that child, verifies the ledger and sees an inclusion proof (1280 px)', async () => {
    await run.ctx.ledger.flush(); // what the running server's sequencer does every moment
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.auditor);
    await expect(page.getByRole('menuitem', { name: '儿童名册' }).count()).resolves.toBe(0);
    await page.getByRole('menuitem', { name: '处理台账' }).click();
    await page.getByRole('heading', { name: '处理台账' }).waitFor();

    const filtered = page.waitForResponse((r) => isApi('/api/ledger')(r) && new URL(r.url()).searchParams.get('childId') === target.id);
    await page.getByLabel('儿童 ID').fill(target.id);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const body = await (await filtered).json() as { items: Array<{ seq: number | null; act: string; childIds: string[] }>; total: number };
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.items.every((e) => e.childIds.includes(target.id))).toBe(true);
    expect(body.items.map((e) => e.act)).toContain('collect');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await page.waitForFunction((n) => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === n, Math.min(body.total, 20));
    for (const t of await rows.allInnerTexts()) expect(t).toContain(target.id.slice(0, 8));
    await page.getByText(`共 ${body.total} 条`).waitFor();
    // The auditor reads the ledger, never the records.
    expectNoneOf(await page.content(), fullValues(children), 'ledger page');

    const verified = page.waitForResponse(isApi('/api/ledger/verify', 'POST'));
    await page.getByRole('button', { name: '校验台账' }).click();
    const report = await (await verified).json() as { ok: boolean; entries: number };
    expect(report.ok).toBe(true);
    await page.getByText('校验通过：台账完整，未发现篡改').waitFor();
    await shot(page, 'ledger-verify-1280');

    const first = body.items[0]!;
    expect(first.seq).not.toBeNull();
    await rows.first().click();
    const drawer = page.getByRole('dialog', { name: `台账第 ${first.seq} 条` });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: '获取包含证明' }).click();
    const proofText = await drawer.getByLabel('包含证明 JSON').innerText();
    const proof = JSON.parse(proofText) as { leafIndex: number; treeSize: number; leafHash: string; rootHash: string; proof: string[] };
    expect(proof.leafIndex).toBe(first.seq);
    expect(proof.treeSize).toBeGreaterThan(first.seq!);
    const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
    expect(verifyInclusion(sm3Hash, hex(proof.leafHash), proof.leafIndex, proof.treeSize, proof.proof.map(hex), hex(proof.rootHash))).toBe(true);
    await drawer.getByText(proof.rootHash).first().waitFor();
    await shot(page, 'ledger-proof-1280', { fullPage: false });
    await closePage(page, errors);
  });

  scenario('4. a child director of another township sees none of these children, not even by direct URL (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    const api = recordApi(page);
    await signIn(page, accounts.directorB);
    const listed = page.waitForResponse(isApi('/api/children'));
    await page.getByRole('menuitem', { name: '儿童名册' }).click();
    expect(await (await listed).json()).toEqual({ items: [], total: 0 });
    await page.getByText('没有符合条件的儿童').waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(0);
    await shot(page, 'other-township-empty-1280');

    const refused = page.waitForResponse(isApi(`/api/children/${target.id}`));
    await page.goto(`${run.base}/children/${target.id}`);
    expect((await refused).status()).toBe(404);
    await page.getByRole('alert').filter({ hasText: '儿童不存在或无权访问' }).waitFor();
    expect(await page.getByRole('button', { name: '查看完整信息' }).count()).toBe(0);
    const html = await page.content();
    expectNoneOf(html, [...fullValues(children), target.name.slice(0, 1) + '***'], 'not-found page');
    await page.getByRole('heading', { name: '儿童详情', exact: true }).waitFor();
    for (const r of await Promise.all(api)) expectNoneOf(r.body, fullValues(children), `API answer ${r.url}`);
    await shot(page, 'other-township-notfound-1280');
    await closePage(page, errors);
  });

  scenario('5. five wrong passwords lock the account and the 423 message is shown (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    const acc = accounts.locked;
    await page.goto(`${run.base}/login`);
    await page.getByLabel('用户名').fill(acc.user.username);
    const alert = page.getByRole('alert');
    const attempt = async (password: string) => {
      await page.getByLabel('密码', { exact: true }).fill(password);
      const answered = page.waitForResponse(isApi('/api/auth/login', 'POST'));
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const r = await answered;
      return { status: r.status(), body: await r.json() as { detail: string; code: string } };
    };
    for (let i = 1; i <= 4; i++) {
      const r = await attempt(`Wrong-Pass-${i}!x`);
      expect(r.status).toBe(401);
      await alert.filter({ hasText: '用户名或密码错误' }).waitFor();
    }
    const locked = await attempt('Wrong-Pass-5!x');
    expect(locked.status).toBe(423);
    expect(locked.body.detail).toMatch(/^账户因连续登录失败已锁定，请于.+（北京时间）后重试，或联系管理员解锁$/);
    await alert.filter({ hasText: locked.body.detail }).waitFor();
    await shot(page, 'login-locked-1280');
    // Even the right password is refused while locked.
    const still = await attempt(acc.password);
    expect(still.status).toBe(423);
    await alert.filter({ hasText: '已锁定' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await closePage(page, errors);
  });

  scenario('7. the administrator sees the key status (algorithm, current version, data keys per version) and no key material (1280 px)', async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, accounts.admin);
    const answered = page.waitForResponse(isApi('/api/keys/status'));
    await page.getByRole('menuitem', { name: '密钥管理' }).click();
    const status = await (await answered).json() as { currentVersion: number; versions: Array<{ version: number; children: number }> };
    expect(status.versions).toEqual([{ version: 1, children: children.length, publicationKeys: 0, inKeyFile: true }]);
    await page.getByRole('heading', { name: '密钥管理' }).waitFor();
    await page.getByText('商用密码：SM4-CTR 加密 + HMAC-SM3 完整性校验').waitFor();
    await page.getByText('尚未轮换').waitFor();
    await expect(page.getByRole('cell', { name: String(children.length) }).count()).resolves.toBeGreaterThan(0);
    await shot(page, 'admin-keys-1280');
    await closePage(page, errors);
  });

  scenario('6. on a phone (375 px): menu drawer, children as cards, masked detail', async () => {
    const { page, errors } = await freshPage('phone');
    await page.goto(`${run.base}/login`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await shot(page, 'login-375');
    await signIn(page, accounts.directorA);
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await shot(page, 'home-375');

    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog', { name: '护童 · 菜单' });
    await drawer.waitFor();
    await drawer.getByRole('menuitem', { name: '儿童名册' }).waitFor();
    await shot(page, 'menu-drawer-375', { fullPage: false });
    const listed = page.waitForResponse(isApi('/api/children'));
    await drawer.getByRole('menuitem', { name: '儿童名册' }).click();
    const list = await (await listed).json() as { items: Array<{ fields: Record<string, { value: string | null }> }> };
    await drawer.waitFor({ state: 'hidden' });

    const cards = page.locator('.ant-list-item .ant-card');
    await page.waitForFunction(() => document.querySelectorAll('.ant-list-item .ant-card').length === 3);
    expect(await page.locator('.ant-table').count()).toBe(0);
    for (const item of list.items) {
      const card = cards.filter({ hasText: item.fields.idNumber!.value! });
      expect(await card.count()).toBe(1);
      expect(await card.innerText()).toContain(item.fields.name!.value!);
    }
    expectNoneOf(await page.content(), fullValues(children), 'children cards');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow at 375 px').toBeLessThanOrEqual(0);
    await shot(page, 'children-375');

    await cards.filter({ hasText: list.items[0]!.fields.idNumber!.value! }).getByRole('link', { name: '查看详情' }).click();
    await page.getByText(SENSITIVITY_LABELS.direct).waitFor();
    await page.getByRole('button', { name: '查看完整信息' }).waitFor();
    expectNoneOf(await page.content(), fullValues(children), 'child detail on a phone');
    await shot(page, 'child-detail-375');
    await closePage(page, errors);
  });
});
