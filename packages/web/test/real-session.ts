/**
 * What every real-server browser test needs, in one place: an Actor for seeding through the
 * services, a TOTP code the server has not seen yet, a page whose uncaught errors fail the test.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { generateSync } from 'otplib';
import type { OrgType, Role } from '@hutong/core';
import type { AppContext } from '../../server/src/context.ts';
import { clockOf } from '../../server/src/auth/clock.ts';
import { totpStep } from '../../server/src/auth/totp.ts';
import type { Actor } from '../../server/src/shared/http/actor.ts';
import type { OrgDto } from '../../server/src/orgs/index.ts';
import type { UserDto } from '../../server/src/users/index.ts';
import { openPage } from './browser.ts';

export interface Account { user: UserDto; password: string; secret?: string }

export function actorOf(user: UserDto, org: OrgDto): Actor {
  return {
    userId: user.id, username: user.username, displayName: user.displayName, role: user.role as Role,
    orgId: org.id, orgType: org.type as OrgType, orgRegion: org.regionCode, jurisdiction: user.jurisdiction, via: 'cli', requestId: randomUUID(),
  };
}

/**
 * A code for a step this user has not used yet: the server refuses a replayed step, so while the
 * last used step is the current one `advance` moves the test's auth clock on by one 30 s step.
 */
export async function freshCode(ctx: AppContext, acc: Account, advance: () => void): Promise<string> {
  const row = await ctx.db.selectFrom('users').select('totp_last_step').where('id', '=', acc.user.id).executeTakeFirstOrThrow();
  const last = row.totp_last_step === null ? null : Number(row.totp_last_step);
  while (last !== null && totpStep(clockOf(ctx).now()) <= last) advance();
  return generateSync({ secret: acc.secret!, epoch: Math.floor(clockOf(ctx).now().getTime() / 1000) });
}

/** A page in its own browser context; uncaught page errors are collected for closePage. */
export async function freshPage(browser: Browser, viewport: 'desktop' | 'phone'): Promise<{ page: Page; errors: string[] }> {
  const page = await openPage(browser, viewport);
  page.setDefaultTimeout(20_000);
  page.setDefaultNavigationTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function closePage(page: Page, errors: string[]): Promise<void> {
  await page.context().close();
  expect(errors, 'uncaught errors in the page').toEqual([]);
}

/** Matches the API answer to `method pathname` (a RegExp for a path with an id in it). */
export const isApi = (pathname: string | RegExp, method = 'GET') => (r: Response) => {
  const p = new URL(r.url()).pathname;
  return (typeof pathname === 'string' ? p === pathname : pathname.test(p)) && r.request().method() === method;
};

/**
 * `it` for one browser scenario: fails at once if set-up failed, and pictures the page the
 * scenario was driving (set by the file's freshPage) when it fails.
 */
export function scenarioRunner(o: {
  setupError: () => unknown; current: () => Page | null; reset: () => void;
  shot: (page: Page, name: string) => Promise<unknown>; prefix?: string;
}): (name: string, fn: () => Promise<void>) => void {
  return (name, fn) => {
    it(name, async () => {
      const failed = o.setupError();
      if (failed) throw failed;
      o.reset();
      try {
        await fn();
      } catch (e) {
        const page = o.current();
        if (page && !page.isClosed()) await o.shot(page, `${o.prefix ?? ''}FAILED-${name.split('.')[0]}`).catch(() => {});
        throw e;
      }
    });
  };
}
