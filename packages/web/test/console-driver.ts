/**
 * The skeleton every real-server browser test shares: a chromium, a test database, the server
 * serving the built console on a free port, accounts already through their first login, and the
 * helpers that drive the console as a person would (sign in, open a menu item, pick in a select).
 *
 *   const run = new ConsoleDriver<'officer'>({ prefix: 'registry-', tmpPrefix: 'registry-' });
 *   describe('…', () => {
 *     run.hooks(async (ctx) => ({ officer: await createUser(ctx, { … }) }));
 *     run.scenario('1. …', async () => { const { page } = await run.freshPage('desktop'); … });
 *   });
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import type { AppContext } from '../../server/src/context.ts';
import { setAuthClock } from '../../server/src/auth/clock.ts';
import type { UserDto } from '../../server/src/users/index.ts';
import { createTestContext } from '../../server/test/helpers/test-context.ts';
import { loginAs } from '../../server/test/helpers/auth-helpers.ts';
import { launchBrowser, REPO_SCREENSHOT_DIR, screenshot, WEB_DIR } from './browser.ts';
import { freshCode, freshPage, scenarioRunner, type Account } from './real-session.ts';

/** Where the pictures go too, for a person looking at the run without the repository. */
export const TMP_SHOTS = '/tmp/shots';

/** A user as the test helpers create it: its one-time password not yet changed. */
export interface Made { user: UserDto; password: string }

export interface ShotStyle {
  /** Name prefix in <repo>/test-output/screenshots/ (e.g. 'incidents-'). */
  prefix: string;
  /** Also saved in /tmp/shots under this prefix; not there when undefined. */
  tmpPrefix?: string;
  /** Scroll to the top before a full-page picture (a drawer or dialog is pictured as the viewport shows it). */
  scrollTop?: boolean;
  maxHeight?: number;
  /** Prefix of the picture taken when a scenario fails (default none: `FAILED-<n>`). */
  failedPrefix?: string;
}

interface SignInOptions { atCode?: (page: Page) => Promise<void> }
interface SignIn {
  (page: Page, acc: Account, o?: SignInOptions): Promise<void>;
  (page: Page, acc: Account, o: SignInOptions & { answer: (r: Response) => boolean }): Promise<Response>;
}

export class ConsoleDriver<K extends string> {
  ctx!: AppContext;
  app!: FastifyInstance;
  browser!: Browser;
  /** http://127.0.0.1:<port>, once set-up has run. */
  base = '';
  readonly accounts = {} as Record<K, Account>;
  /** Runs one scenario; see scenarioRunner. */
  readonly scenario: (name: string, fn: () => Promise<void>) => void;
  /** The page the running scenario drives: pictured when the scenario fails. */
  private current: Page | null = null;
  /** Set-up errors (no chromium, no build) fail every scenario with their message: a failing beforeAll would only skip them. */
  private setupError: unknown = null;
  /** How far the server's auth clock runs ahead of the wall clock (freshCode moves it). */
  private clockOffsetMs = 0;

  constructor(private readonly style: ShotStyle) {
    this.scenario = scenarioRunner({
      setupError: () => this.setupError, current: () => this.current, reset: () => { this.current = null; },
      shot: this.shot, prefix: style.failedPrefix,
    });
  }

  /**
   * Registers the set-up and tear-down in the enclosing describe. `seed` creates orgs, users and
   * data through the services; the accounts it returns go through their first login over the API
   * (password change, TOTP enrolment) and land in `accounts`.
   */
  hooks(seed: (ctx: AppContext) => Promise<Partial<Record<K, Made>>>): void {
    beforeAll(async () => {
      try {
        await this.setUp(seed);
      } catch (e) {
        this.setupError = e;
      }
    }, 180_000);
    afterAll(async () => {
      await this.browser?.close();
      await this.app?.close();
      await this.ctx?.close();
    });
  }

  private async setUp(seed: (ctx: AppContext) => Promise<Partial<Record<K, Made>>>): Promise<void> {
    const dist = path.join(process.env.HUTONG_WEB_DIST ? path.resolve(process.env.HUTONG_WEB_DIST) : path.join(WEB_DIR, 'dist'), 'index.html');
    if (!fs.existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build -w packages/web\` (npm test does it)`);
    if (this.style.tmpPrefix !== undefined) fs.mkdirSync(TMP_SHOTS, { recursive: true });
    // Fails here, loudly, when chromium is not installed: CI installs it.
    this.browser = await launchBrowser().catch((e: unknown) => {
      const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      throw new Error(`chromium could not be started for the console browser tests (apt-get install -y chromium fonts-wqy-microhei, or set HUTONG_CHROMIUM): ${why}`);
    });
    this.ctx = await createTestContext();
    setAuthClock(this.ctx, { now: () => new Date(Date.now() + this.clockOffsetMs) });
    const made = await seed(this.ctx);

    this.app = await buildApp(this.ctx, { serveWeb: true });
    await this.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = this.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
    this.base = `http://127.0.0.1:${addr.port}`;
    for (const [key, m] of Object.entries(made) as Array<[K, Made]>) {
      const s = await loginAs(this.app, this.ctx, m.user.username, m.password);
      this.accounts[key] = { user: m.user, password: s.password, secret: s.totpSecret };
    }
  }

  /** Pictures the page in the repository's screenshots (and /tmp/shots when asked). */
  readonly shot = async (page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> => {
    const { prefix, tmpPrefix, scrollTop, maxHeight } = this.style;
    const fullPage = opts.fullPage ?? true;
    if (scrollTop && fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `${prefix}${name}`, { dir: REPO_SCREENSHOT_DIR, fullPage, ...(maxHeight ? { maxHeight } : {}) });
    if (tmpPrefix !== undefined) await screenshot(page, `${tmpPrefix}${name}`, { dir: TMP_SHOTS, fullPage, ...(maxHeight ? { maxHeight } : {}) });
  };

  readonly freshCode = (acc: Account): Promise<string> => freshCode(this.ctx, acc, () => { this.clockOffsetMs += 30_000; });

  /** A page in its own browser context, remembered as the one to picture if the scenario fails. */
  readonly freshPage = async (viewport: 'desktop' | 'phone'): Promise<{ page: Page; errors: string[] }> => {
    const opened = await freshPage(this.browser, viewport);
    this.current = opened.page;
    return opened;
  };

  /**
   * Password, then the TOTP code, then home. An account whose first login has not happened yet
   * (its scenario filtered out with -t) goes through it over the API first. `o.atCode` runs when
   * the code is asked for; `o.answer` names an API answer to wait for and return.
   */
  readonly signIn: SignIn = (async (page: Page, acc: Account, o: SignInOptions & { answer?: (r: Response) => boolean } = {}): Promise<Response | void> => {
    if (!acc.secret) {
      const s = await loginAs(this.app, this.ctx, acc.user.username, acc.password);
      Object.assign(acc, { password: s.password, secret: s.totpSecret });
    }
    await page.goto(`${this.base}/login`);
    await page.getByLabel('用户名').fill(acc.user.username);
    await page.getByLabel('密码', { exact: true }).fill(acc.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const code = page.getByLabel('动态口令', { exact: true });
    await code.waitFor();
    if (o.atCode) await o.atCode(page);
    await code.fill(await this.freshCode(acc));
    const answer = o.answer ? page.waitForResponse(o.answer) : undefined;
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('heading', { name: `您好，${acc.user.displayName}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    return answer;
  }) as SignIn;
}

/** The menu as it shows: the side navigation, or on a phone the drawer its button opens. */
export async function openMenu(page: Page): Promise<Locator> {
  const drawerButton = page.getByRole('button', { name: '打开菜单' });
  const nav = page.getByRole('navigation', { name: '主导航' });
  // Right after a navigation neither may be drawn yet: wait for one of them.
  await drawerButton.or(nav).first().waitFor();
  if (!(await drawerButton.isVisible())) return nav;
  await drawerButton.click();
  return page.getByRole('dialog', { name: '护童 · 菜单' });
}

/** Opens a page from the menu (the drawer on a phone), as a person would. */
export async function openFromMenu(page: Page, label: string): Promise<void> {
  const menu = await openMenu(page);
  await menu.getByRole('menuitem', { name: label }).click();
  await page.getByRole('dialog', { name: '护童 · 菜单' }).waitFor({ state: 'hidden' });
}

/**
 * Picks the option with exactly this title in an antd Select, typing it first when the select
 * searches. A click now and then lands while the list is still opening (or re-rendering under
 * the search) and picks nothing; then try again, as a person would, until the choice shows in
 * the control. A single select's list is waited out; a multi-select's stays open for the next.
 */
export async function pick(select: Locator, option: string): Promise<void> {
  const page = select.page();
  const control = select.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const multiple = await control.evaluate((e) => e.classList.contains('ant-select-multiple'));
  const chosen = multiple ? control.locator('.ant-select-selection-item', { hasText: option }) : control.filter({ hasText: option });
  // This select's own list (named by aria-controls while open), not another one still fading out.
  const list = async () => {
    const id = await select.getAttribute('aria-controls');
    return id ? page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${id}"]`) }) : page.locator('.ant-select-dropdown:visible');
  };
  let dropdown = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    if ((await select.getAttribute('aria-expanded')) !== 'true') await select.click();
    // A long list renders only what is in view: typing brings the option into it.
    if (await select.isEditable()) await select.fill(option);
    dropdown = await list();
    // The list may also move (a phone scrolls the field into view) or close under the click.
    const clicked = await dropdown.getByTitle(option, { exact: true }).click({ timeout: 5_000 }).then(() => true, () => false);
    if (clicked && await chosen.first().waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
    if (attempt === 3) throw new Error(`${option} could not be picked`);
  }
  if (!multiple) await dropdown.waitFor({ state: 'hidden' }).catch(() => select.press('Escape'));
}

/** `pick` in the select labelled `label` inside `scope` (a form, drawer or dialog). */
export const pickIn = (scope: Locator, label: string, option: string): Promise<void> => pick(scope.getByLabel(label, { exact: true }), option);

/**
 * Picks an option of a multi-select and closes its list by clicking the card's title (Escape
 * would close a drawer around it).
 */
export async function pickMany(scope: Locator, select: Locator, option: string): Promise<void> {
  await pick(select, option);
  await scope.locator('.ant-card-head-title').click();
  await scope.locator('.ant-select-selection-item', { hasText: option }).first().waitFor();
}

export async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow at 375 px').toBeLessThanOrEqual(0);
}

/** axe-core (WCAG 2.0/2.1 A and AA) on the page's own content, naming each violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).include('#main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')} :: ${n.html.slice(0, 160)}`));
  expect(found, 'axe violations').toEqual([]);
}

/** Picks a day in an antd DatePicker (typing is off: inputReadOnly, for phones). */
export async function pickDate(scope: Locator, label: string, day: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  const popup = scope.page().locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  await popup.locator(`td[title="${day}"]`).click();
  await popup.waitFor({ state: 'detached' }).catch(() => popup.waitFor({ state: 'hidden' }));
}

export const cardTitled = (page: Page, title: RegExp): Locator =>
  page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });
