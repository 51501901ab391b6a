import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { OrgType, Role } from '@hutong/core';
import type { AppContext } from '../../src/context.ts';
import { clockOf, setAuthClock } from '../../src/auth/clock.ts';
import { generateInitialPassword } from '../../src/auth/passwords.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.service.ts';
import { openTotpSecret } from '../../src/auth/totp-secret.ts';
import { TOTP_PERIOD_SECONDS, totpCodeAt, totpStep } from '../../src/auth/totp.ts';
import { orgsService, type OrgDto } from '../../src/orgs/index.ts';
import { usersService, type UserDto } from '../../src/users/index.ts';

/**
 * One-line set-up for e2e tests: orgs and users through the real services (actor null = system),
 * and a login that walks every stage (new password → TOTP enrolment → code) over app.inject.
 */
let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function createOrg(ctx: AppContext, o: { name?: string; type?: OrgType; regionCode?: string } = {}): Promise<OrgDto> {
  return orgsService.createOrg(ctx, null, {
    name: o.name ?? `测试机构${unique()}`, type: o.type ?? 'civil_affairs', regionCode: o.regionCode ?? '110101000000',
  });
}

export async function createUser(ctx: AppContext, u: {
  role: Role; orgId?: string | null; jurisdiction?: string; username?: string; displayName?: string;
}): Promise<{ user: UserDto; password: string }> {
  return usersService.createUser(ctx, null, {
    username: u.username ?? `u${unique()}`, displayName: u.displayName ?? '测试用户', orgId: u.orgId ?? null, role: u.role,
    ...(u.jurisdiction !== undefined ? { jurisdiction: u.jurisdiction } : {}),
  });
}

/** `hutong_session=<token>` from a response's Set-Cookie, for the next request's cookie header. */
export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  return c && c.value ? `${SESSION_COOKIE}=${c.value}` : null;
}

/**
 * A code the server will accept now for this user. The server refuses a step it has seen, so a
 * second login within one 30 s step uses the next step's code (inside the ±1 window), and a
 * third moves this context's clock on by one step.
 */
export async function freshTotpCode(ctx: AppContext, userId: string, secret: string): Promise<string> {
  const row = await ctx.db.selectFrom('users').select('totp_last_step').where('id', '=', userId).executeTakeFirstOrThrow();
  const last = row.totp_last_step === null ? null : Number(row.totp_last_step);
  let now = clockOf(ctx).now();
  if (last !== null && last >= totpStep(now) + 1) {
    const inner = clockOf(ctx);
    const shift = (last - totpStep(now)) * TOTP_PERIOD_SECONDS * 1000;
    setAuthClock(ctx, { now: () => new Date(inner.now().getTime() + shift) });
    now = clockOf(ctx).now();
  }
  const step = last !== null && last >= totpStep(now) ? totpStep(now) + 1 : totpStep(now);
  return totpCodeAt(secret, new Date(step * TOTP_PERIOD_SECONDS * 1000 + 1000));
}

async function userIdOf(ctx: AppContext, username: string): Promise<{ id: string; totp_secret_enc: Buffer | null }> {
  return ctx.db.selectFrom('users').select(['id', 'totp_secret_enc']).where('username', '=', username).executeTakeFirstOrThrow();
}

function expectOk(res: LightMyRequestResponse, what: string): { next: string } {
  if (res.statusCode !== 200) throw new Error(`${what} failed: ${res.statusCode} ${res.body}`);
  return res.json() as { next: string };
}

/**
 * Logs in through every stage the account needs and returns the active session cookie, the
 * TOTP secret (enrolled now or read back from the database) and the password now in force.
 */
export async function loginAs(app: FastifyInstance, ctx: AppContext, username: string, password: string): Promise<{
  cookie: string; totpSecret: string; password: string;
}> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  let { next } = expectOk(login, 'login');
  const cookie = sessionCookieOf(login);
  if (!cookie) throw new Error('login set no session cookie');
  const headers = { cookie };
  let current = password;
  if (next === 'change_password') {
    const newPassword = generateInitialPassword(username);
    ({ next } = expectOk(await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: current, newPassword } }), 'password change'));
    current = newPassword;
  }
  const { id } = await userIdOf(ctx, username);
  let totpSecret: string;
  if (next === 'enrol_totp') {
    const enrol = await app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers });
    if (enrol.statusCode !== 200) throw new Error(`TOTP enrol failed: ${enrol.statusCode} ${enrol.body}`);
    totpSecret = (enrol.json() as { secret: string }).secret;
    const code = await freshTotpCode(ctx, id, totpSecret);
    ({ next } = expectOk(await app.inject({ method: 'POST', url: '/api/auth/totp/enrol/confirm', headers, payload: { code } }), 'TOTP confirm'));
  } else {
    const { totp_secret_enc } = await userIdOf(ctx, username);
    if (!totp_secret_enc) throw new Error(`${username} has no TOTP secret`);
    totpSecret = openTotpSecret(ctx.keyring, id, totp_secret_enc);
    const code = await freshTotpCode(ctx, id, totpSecret);
    ({ next } = expectOk(await app.inject({ method: 'POST', url: '/api/auth/totp', headers, payload: { code } }), 'TOTP'));
  }
  if (next !== 'done') throw new Error(`login ended at ${next}`);
  return { cookie, totpSecret, password: current };
}

/** A new user of `role` with an active session, in one line. */
export async function signInAs(app: FastifyInstance, ctx: AppContext, u: Parameters<typeof createUser>[1]) {
  const { user, password } = await createUser(ctx, u);
  const session = await loginAs(app, ctx, user.username, password);
  return { user, ...session };
}

/** A personal API token (raw `htk_…`) created by an active session. */
export async function tokenFor(app: FastifyInstance, cookie: string, opts: { name?: string; expiresInDays?: number } = {}): Promise<string> {
  const res = await app.inject({
    method: 'POST', url: '/api/auth/tokens', headers: { cookie }, payload: { name: opts.name ?? '测试令牌', expiresInDays: opts.expiresInDays ?? 30 },
  });
  if (res.statusCode !== 201) throw new Error(`token creation failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}
