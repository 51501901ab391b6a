/**
 * Browser test helper: drives Debian's chromium through playwright-core (no browser download)
 * and saves screenshots to packages/web/test-output/screenshots/.
 *
 *   const b = await launchBrowser();
 *   const page = await openPage(b, 'phone');
 *   await page.goto(baseUrl + '/login');
 *   await screenshot(page, 'login-phone');
 *   await b.close();
 *
 * Set HUTONG_CHROMIUM to use another executable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_DIR = path.join(WEB_DIR, 'test-output', 'screenshots');
/** The repository's own test-output/screenshots/ (gitignored), where `npm test` leaves its pictures. */
export const REPO_SCREENSHOT_DIR = path.resolve(WEB_DIR, '..', '..', 'test-output', 'screenshots');

const CANDIDATES = [process.env.HUTONG_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const found = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) throw new Error('chromium not found: apt-get install -y chromium fonts-wqy-microhei (or set HUTONG_CHROMIUM)');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=zh-CN'],
  });
}

export type Viewport = 'desktop' | 'phone' | { width: number; height: number };

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

/** A page in a fresh context (own cookies): a desktop at 1280 px or a phone at 375 px. */
export async function openPage(browser: Browser, viewport: Viewport = 'desktop'): Promise<Page> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => {
    // 4xx answers are expected in tests; the browser logs each as a failed resource.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) console.error(`[console] ${m.text()}`);
  });
  return page;
}

export async function newContext(browser: Browser, viewport: Viewport = 'desktop'): Promise<BrowserContext> {
  const phone = viewport === 'phone';
  const size = typeof viewport === 'string' ? VIEWPORTS[viewport] : viewport;
  return browser.newContext({
    viewport: size,
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
}

/**
 * Saves `<name>.png` in `dir` (default SCREENSHOT_DIR) and returns its path: the full page (at
 * most `maxHeight` CSS px of it, so a long list stays legible) unless `fullPage: false` asks for
 * the viewport only.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean; maxHeight?: number; dir?: string } = {}): Promise<string> {
  const dir = opts.dir ?? SCREENSHOT_DIR;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  // Let antd's motion (CSS transitions and animations) settle so the picture shows the end
  // state; endless ones (spinners, skeleton shimmer) are not waited for, nor anything past 2 s.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity
      || ((a.effect as KeyframeEffect | null)?.target as Element | null)?.classList?.contains('ant-wave')),
    undefined, { timeout: 2000, polling: 50 },
  ).catch(() => {});
  const fullPage = opts.fullPage ?? true;
  const width = page.viewportSize()?.width ?? 1280;
  const height = fullPage ? await page.evaluate(() => document.documentElement.scrollHeight) : 0;
  const maxHeight = opts.maxHeight ?? (width < 768 ? 1800 : 1600);
  const clip = fullPage && height > maxHeight ? { x: 0, y: 0, width, height: maxHeight } : undefined;
  await page.screenshot({ path: file, fullPage, animations: 'disabled', ...(clip ? { clip } : {}) });
  return file;
}

/** Fill the staged login up to the home page (TOTP code for the mock: 123456). */
export async function login(page: Page, baseUrl: string, username: string, password: string, code = '123456'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByLabel('动态口令', { exact: true }).fill(code);
  await page.getByRole('button', { name: '验证并登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
