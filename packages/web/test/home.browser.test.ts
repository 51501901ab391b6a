/**
 * The home page in a real chromium against the real server, in-process (as
 * lawful-basis.browser.test.ts): the 待办 cards a protection officer acts on, and the figures for
 * the county with small counts shown as “<5”. Synthetic people only. Screenshots at 1280 and
 * 375 px go to <repo>/test-output/screenshots/home-*.png and /tmp/shots/home-*.png.
 *
 * Needs /usr/bin/chromium (or HUTONG_CHROMIUM) and a built console (npm run build -w packages/web,
 * or a build elsewhere named by HUTONG_WEB_DIST).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { composeIdNumber } from '@hutong/core';
import type { AppContext } from '../../server/src/context.ts';
import { createChild, getChild, today } from '../../server/src/registry/registry.service.ts';
import { recordConsent } from '../../server/src/consent/consent.service.ts';
import { openEmergencyAccess } from '../../server/src/registry/emergency.service.ts';
import { createOrg, createUser } from '../../server/test/helpers/auth-helpers.ts';
import { syntheticChild } from '../../server/test/helpers/registry-fixtures.ts';
import { actorOf, closePage, isApi } from './real-session.ts';
import { ConsoleDriver, noHorizontalOverflow, type Made } from './console-driver.ts';
import { bornFourteenYearsBefore, shiftDays } from './synthetic-dates.ts';

const COUNTY = '350102000000'; // 福州市鼓楼区
const GUDONG = '350102001001', GUXI = '350102002002', WENQUAN = '350102003001';
const NOTICE = { purpose: '关爱服务', method: '入户走访', categories: '姓名、联系方式', retention: '服务结束', rights: '可查询、撤回', contact: '0591-00000000' };


const run = new ConsoleDriver<'protection'>({ prefix: '', tmpPrefix: '', scrollTop: true, maxHeight: 3200, failedPrefix: 'home-' });
const { accounts, freshPage, scenario, shot, signIn } = run;

/**
 * 鼓东: 6 left-behind and 1 orphan turning 14 on a guardian's consent; 鼓西: 2 migrant; 温泉: 5
 * left-behind. The orphan and 鼓西 are under 5; 温泉 goes too, or 鼓西 would follow by subtraction.
 */
async function seed(ctx: AppContext): Promise<Record<'protection', Made>> {
  const county = await createOrg(ctx, { name: '鼓楼区民政局', type: 'civil_affairs', regionCode: COUNTY });
  const social = await createOrg(ctx, { name: '鼓楼区阳光社会工作服务中心', type: 'social_org', regionCode: COUNTY });
  const hospital = await createOrg(ctx, { name: '鼓楼区示例医院', type: 'medical', regionCode: COUNTY });
  const made = {
    officer: await createUser(ctx, { role: 'civil_affairs_officer', orgId: county.id, username: 'minzheng_home', displayName: '王建国' }),
    protection: await createUser(ctx, { role: 'protection_officer', orgId: county.id, username: 'baohu_home', displayName: '刘保护' }),
    social: await createUser(ctx, { role: 'social_worker', orgId: social.id, username: 'shegong_home', displayName: '陈社工' }),
    doctor: await createUser(ctx, { role: 'department_staff', orgId: hospital.id, username: 'yisheng_home', displayName: '林医生' }),
  };
  const officer = actorOf(made.officer.user, county);
  const add = (region: string, categories: string[], over: Record<string, unknown> = {}) => createChild(ctx, officer, syntheticChild(region, { categories, ...over }));

  for (let i = 0; i < 6; i++) await add(GUDONG, ['left_behind']);
  const birthDate = bornFourteenYearsBefore(20);
  const turning = await add(GUDONG, ['orphan'], { name: '郑小雨', birthDate, gender: 'female', idNumber: composeIdNumber('350102', birthDate, 321, 'female') });
  const guardianId = (await getChild(ctx, officer, turning.id)).guardians[0]!.id;
  await recordConsent(ctx, officer, turning.id, { givenBy: 'guardian', guardianId, purposes: ['care_service'], givenOn: today(), method: 'in_person', notice: NOTICE });
  for (let i = 0; i < 2; i++) await add(GUXI, ['migrant']);
  const raw = syntheticChild(WENQUAN, { categories: ['left_behind'], name: '林急诊' });
  await createChild(ctx, officer, raw);
  for (let i = 0; i < 4; i++) await add(WENQUAN, ['left_behind']);

  await ctx.db.insertInto('sharing_agreements').values({
    id: randomUUID(), requester_org_id: social.id, owner_org_id: county.id, purpose: 'care_service', child_ids: [], region_code: '350102001000', fields: ['name', 'guardianPhone'],
    starts_on: today(), ends_on: shiftDays(today(), 30), security_measures: '专人专机，活动结束即删除', requested_by: made.social.user.id, status: 'requested',
    responsible_person: JSON.stringify({ name: '测试负责人', title: '项目主管', phone: '0591-00000001' }),
  }).execute();
  await openEmergencyAccess(ctx, actorOf(made.doctor.user, hospital), raw.idNumber, '儿童在校突发昏迷送医，急需联系监护人并了解既往病史');

  return { protection: made.protection };
}

describe('home page in chromium against the real server', { timeout: 120_000 }, () => {
  run.hooks(seed);

  scenario('1. 待办 cards and figures with “<5” for small counts (1280 px), then a card leads to its list', async () => {
    const { page, errors } = await freshPage('desktop');
    const res = await signIn(page, accounts.protection, { answer: isApi('/api/dashboard') });
    expect(res.status()).toBe(200);
    const body = await res.json() as { todo: Array<{ kind: string; count: number }>; figures: { children: { count: number } } };
    expect(body.todo.map((t) => [t.kind, t.count])).toEqual([['sharingApprovals', 1], ['expiringGrants', 0], ['turningFourteen', 1], ['deletionTasks', 0], ['emergencyReviews', 1]]);
    expect(body.figures.children.count).toBe(14);

    const sharing = page.getByTestId('todo-sharingApprovals');
    await sharing.getByText('待审批的数据共享').waitFor();
    await sharing.getByText('鼓楼区阳光社会工作服务中心').waitFor();
    const turning = page.getByTestId('todo-turningFourteen');
    await turning.getByText('郑**').waitFor();
    await turning.getByText(/起满十四周岁/).waitFor();
    await page.getByTestId('todo-emergencyReviews').getByText(/林医生/).waitFor();
    await page.getByTestId('todo-deletionTasks').getByText('暂无').waitFor();

    await page.getByText('少于 5 的数字不显示，以免识别到具体儿童', { exact: false }).waitFor();
    await page.getByRole('img', { name: /^按儿童类别统计：孤儿 <5，.*农村留守儿童 11，流动儿童 <5$/ }).waitFor();
    await page.getByRole('img', { name: /^按乡级区划统计：鼓东街道 7，鼓西街道 <5，温泉街道 <5$/ }).waitFor();
    await page.getByText('已覆盖 <5，未覆盖 <5。人数少于 5 时不显示比例。', { exact: false }).waitFor();
    // Canvas drawing settles after the chunk loads.
    await page.locator('canvas').nth(1).waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'home-1280');

    await turning.getByRole('link', { name: '去处理（共 1 项）' }).click();
    await page.waitForURL((u) => u.pathname === '/turning-14');
    await closePage(page, errors);
  });

  scenario('2. the same at 375 px, without sideways scrolling', async () => {
    const { page, errors } = await freshPage('phone');
    await signIn(page, accounts.protection);
    await page.getByTestId('todo-sharingApprovals').waitFor();
    await page.getByRole('img', { name: /孤儿 <5/ }).waitFor();
    await page.locator('canvas').nth(1).waitFor();
    await page.waitForTimeout(600);
    await noHorizontalOverflow(page);
    await shot(page, 'home-375');
    await closePage(page, errors);
  });
});
