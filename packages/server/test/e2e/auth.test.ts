import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { clockOf, setAuthClock } from '../../src/auth/clock.ts';
import { totpCodeAt } from '../../src/auth/totp.ts';
import { ensureFirstAdmin } from '../../src/users/first-admin.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, createUser, freshTotpCode, loginAs, sessionCookieOf, signInAs } from '../helpers/auth-helpers.ts';

let ctx: AppContext;
let app: FastifyInstance;
/** Every secret a test handled: none of them may appear anywhere in the ledger. */
const secrets: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const post = (url: string, payload?: object, cookie?: string) =>
  app.inject({ method: 'POST', url, ...(payload ? { payload } : {}), headers: cookie ? { cookie } : {} });
const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const advance = (ms: number) => {
  const inner = clockOf(ctx);
  setAuthClock(ctx, { now: () => new Date(inner.now().getTime() + ms) });
};
const ledger = (act?: string) =>
  ctx.db.selectFrom('ledger_entries').selectAll().where('act', act ? '=' : '!=', act ?? '').orderBy('id').execute();

describe('POST /api/auth/login (staged)', () => {
  it('takes the first admin through new password, TOTP enrolment and code before any data route', async () => {
    const lines: string[] = [];
    await ensureFirstAdmin(ctx, { print: (l) => lines.push(l) });
    const password = /一次性密码 (\S+)（/.exec(lines[0]!)![1]!;
    secrets.push(password);
    expect(lines[0]).toContain('首次启动：管理员账号 admin');
    const login = await post('/api/auth/login', { username: 'admin', password });
    expect(login.json()).toEqual({ next: 'change_password' });
    const cookie = sessionCookieOf(login)!;
    secrets.push(cookie.split('=')[1]!);
    const me = await get('/api/auth/me', cookie);
    expect(me.json()).toMatchObject({ stage: 'change_password', permissions: [], user: { username: 'admin', role: 'admin', jurisdiction: '000000000000', mustChangePassword: true }, org: null });
    const blocked = await get('/api/users', cookie);
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json()).toMatchObject({ code: 'HUTONG_LOGIN_INCOMPLETE', next: 'change_password' });
    expect((await post('/api/auth/totp/enrol', undefined, cookie)).json()).toMatchObject({ code: 'HUTONG_LOGIN_STEP', next: 'change_password' });
    const newPassword = 'Gx7!tq2-Lm9#pz';
    secrets.push(newPassword);
    const changed = await post('/api/auth/password', { currentPassword: password, newPassword }, cookie);
    expect(changed.json()).toEqual({ next: 'enrol_totp' });
    expect((await get('/api/users', cookie)).json()).toMatchObject({ code: 'HUTONG_LOGIN_INCOMPLETE', next: 'enrol_totp' });
    const enrol = await post('/api/auth/totp/enrol', undefined, cookie);
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = enrol.json();
    secrets.push(secret);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(decodeURIComponent(otpauthUrl)).toContain('issuer=护童 Hutong');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const row = await ctx.db.selectFrom('users').select(['totp_secret_enc', 'totp_enrolled']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.totp_enrolled).toBe(false);
    expect(row.totp_secret_enc!.toString('latin1')).not.toContain(secret);
    const wrong = await post('/api/auth/totp/enrol/confirm', { code: '000000' === totpCodeAt(secret, clockOf(ctx).now()) ? '111111' : '000000' }, cookie);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('HUTONG_TOTP_INVALID');
    const adminId = (await ctx.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    const done = await post('/api/auth/totp/enrol/confirm', { code: await freshTotpCode(ctx, adminId, secret) }, cookie);
    expect(done.json()).toEqual({ next: 'done' });
    const active = await get('/api/auth/me', cookie);
    expect(active.json()).toMatchObject({ stage: 'active', user: { roleLabel: '系统管理员', mustChangePassword: false }, idleTimeoutSeconds: 1800 });
    expect(active.json().permissions).toEqual(['org.manage', 'user.manage', 'region.read']);
    expect((await get('/api/users', cookie)).statusCode).toBe(200);
    expect((await ledger('totp_enrol')).map((e) => e.outcome)).toEqual(['failed', 'succeeded']);
    expect((await ledger('password_change'))[0]).toMatchObject({ category: 'security', actor_user_id: adminId, outcome: 'succeeded', reason: 'initial' });
  });

  it('sets an httpOnly, SameSite=Strict, path=/ cookie, Secure only when configured', async () => {
    const { user, password } = await createUser(ctx, { role: 'admin' });
    const res = await post('/api/auth/login', { username: user.username, password });
    const c = res.cookies.find((x) => x.name === 'hutong_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(c.secure).toBeFalsy();
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.every((s) => s.token_hash.length === 32 && !s.token_hash.toString('latin1').includes(c.value))).toBe(true);
    const secureCtx = await createTestContext({ secureCookies: true });
    const secureApp = await buildApp(secureCtx);
    try {
      const u = await createUser(secureCtx, { role: 'admin' });
      const r = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.user.username, password: u.password } });
      expect(r.cookies.find((x) => x.name === 'hutong_session')!.secure).toBe(true);
    } finally {
      await secureApp.close();
      await secureCtx.close();
    }
  });

  it('answers an unknown user and a wrong password identically, and audits both without the input', async () => {
    const { user } = await createUser(ctx, { role: 'admin' });
    const a = await post('/api/auth/login', { username: 'nobody-here', password: 'Wrong-Pass-123' });
    const b = await post('/api/auth/login', { username: user.username, password: 'Wrong-Pass-123' });
    expect(a.statusCode).toBe(401);
    const strip = (r: typeof a) => { const { requestId: _, ...rest } = r.json(); return rest; };
    expect(strip(a)).toEqual(strip(b));
    expect(a.json()).toMatchObject({ code: 'HUTONG_BAD_CREDENTIALS', detail: '用户名或密码错误' });
    const failed = await ledger('login_failed');
    expect(failed.map((e) => e.reason)).toEqual(expect.arrayContaining(['unknown_user', 'bad_password']));
    expect(JSON.stringify(failed)).not.toMatch(/Wrong-Pass|nobody-here/);
  });

  it('refuses a TOTP code replayed within its step', async () => {
    const org = await createOrg(ctx);
    const { user, cookie, password, totpSecret } = await signInAs(app, ctx, { role: 'civil_affairs_officer', orgId: org.id });
    secrets.push(password, totpSecret);
    await post('/api/auth/logout', undefined, cookie);
    const last = await ctx.db.selectFrom('users').select('totp_last_step').where('id', '=', user.id).executeTakeFirstOrThrow();
    const usedCode = totpCodeAt(totpSecret, new Date(Number(last.totp_last_step) * 30_000 + 1000));
    const again = await post('/api/auth/login', { username: user.username, password });
    expect(again.json()).toEqual({ next: 'totp' });
    const replay = await post('/api/auth/totp', { code: usedCode }, sessionCookieOf(again)!);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('HUTONG_TOTP_INVALID');
    expect((await ledger('login_failed')).at(-1)).toMatchObject({ actor_user_id: user.id, reason: 'totp_replay' });
    const ok = await post('/api/auth/totp', { code: await freshTotpCode(ctx, user.id, totpSecret) }, sessionCookieOf(again)!);
    expect(ok.json()).toEqual({ next: 'done' });
  });

  it('rejects a malformed code with a field message and writes nothing', async () => {
    const before = (await ledger()).length;
    const res = await post('/api/auth/totp', { code: '12ab' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'code', message: '动态口令应为 6 位数字' });
    expect((await ledger()).length).toBe(before);
  });
});

describe('POST /api/auth/password', () => {
  it.each([
    ['Ab1!short', '至少需要 10 个字符'],
    ['alllowercase123', '缺少：大写字母、特殊符号'],
    ['Password@123', '常见弱密码'],
  ])('rejects %s with a message naming the rule', async (weak, expected) => {
    const org = await createOrg(ctx);
    const { user, password } = await createUser(ctx, { role: 'volunteer', orgId: org.id });
    const cookie = sessionCookieOf(await post('/api/auth/login', { username: user.username, password }))!;
    const before = (await ledger()).length;
    const res = await post('/api/auth/password', { currentPassword: password, newPassword: weak }, cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'newPassword', message: expect.stringContaining(expected) }]);
    expect((await ledger()).length).toBe(before);
  });

  it('rejects a password containing the username', async () => {
    const org = await createOrg(ctx);
    const { user, password } = await createUser(ctx, { role: 'volunteer', orgId: org.id, username: 'zhangsan' });
    const cookie = sessionCookieOf(await post('/api/auth/login', { username: user.username, password }))!;
    const res = await post('/api/auth/password', { currentPassword: password, newPassword: 'Zhangsan-2024!' }, cookie);
    expect(res.json().fields[0].message).toContain('不能包含用户名');
  });
});

describe('lockout', () => {
  it('counts wrong TOTP codes too, and the lock lapses after lockoutMinutes', async () => {
    const org = await createOrg(ctx);
    const s = await signInAs(app, ctx, { role: 'social_worker', orgId: org.id });
    const login = await post('/api/auth/login', { username: s.user.username, password: s.password });
    const cookie = sessionCookieOf(login)!;
    const good = totpCodeAt(s.totpSecret, clockOf(ctx).now());
    const bad = good === '123456' ? '654321' : '123456';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post('/api/auth/totp', { code: bad }, cookie)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    // The lock also ended the unfinished login.
    expect((await post('/api/auth/totp', { code: good }, cookie)).statusCode).toBe(401);
    advance(31 * 60_000);
    const again = await loginAs(app, ctx, s.user.username, s.password);
    expect((await get('/api/auth/me', again.cookie)).json().stage).toBe('active');
  });
});

describe('session lifetime', () => {
  it('slides with activity and expires after idleTimeoutMinutes of silence (401 HUTONG_SESSION_EXPIRED)', async () => {
    const s = await signInAs(app, ctx, { role: 'admin' });
    advance(20 * 60_000);
    expect((await get('/api/auth/me', s.cookie)).statusCode).toBe(200);
    advance(20 * 60_000);
    expect((await get('/api/auth/me', s.cookie)).statusCode).toBe(200);
    advance(31 * 60_000);
    const expired = await get('/api/users', s.cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'HUTONG_SESSION_EXPIRED', detail: '会话已超时，请重新登录' });
    expect((await ledger('session_expired')).at(-1)).toMatchObject({ actor_user_id: s.user.id, reason: 'idle_timeout' });
    expect((await get('/api/users', s.cookie)).json().code).toBe('HUTONG_UNAUTHENTICATED');
  });

  it('ends at sessionMaxHours however active', async () => {
    const s = await signInAs(app, ctx, { role: 'admin' });
    for (let i = 0; i < 25; i++) {
      advance(29 * 60_000);
      const res = await get('/api/auth/me', s.cookie);
      if (res.statusCode !== 200) {
        expect(res.json().code).toBe('HUTONG_SESSION_EXPIRED');
        expect(i).toBe(24); // 12 h / 29 min
        return;
      }
    }
    throw new Error('session outlived sessionMaxHours');
  });

  it('logs out: 204, cookie cleared, row gone, audited', async () => {
    const s = await signInAs(app, ctx, { role: 'admin' });
    const res = await post('/api/auth/logout', undefined, s.cookie);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'hutong_session')!.value).toBe('');
    expect((await get('/api/auth/me', s.cookie)).statusCode).toBe(401);
    expect((await ledger('logout')).at(-1)).toMatchObject({ actor_user_id: s.user.id, outcome: 'succeeded' });
  });
});

describe('/api/auth/tokens', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('creates a token shown once, stores only its hash, and authenticates with it', async () => {
    const s = await signInAs(app, ctx, { role: 'admin' });
    const created = await post('/api/auth/tokens', { name: '同步脚本', expiresInDays: 30 }, s.cookie);
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    secrets.push(token);
    expect(token).toMatch(/^htk_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);
    const rows = await ctx.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(rows.every((r) => !r.token_hash.toString('latin1').includes(token))).toBe(true);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ stage: 'active', user: { id: s.user.id } });
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) })).statusCode).toBe(200);
    expect((await ledger('token_use')).filter((e) => e.reason === `token:${id}`)).toHaveLength(2);
    expect((await ledger('token_create')).at(-1)).toMatchObject({ actor_user_id: s.user.id, reason: `token:${id}` });
    const list = await get('/api/auth/tokens', s.cookie);
    expect(list.json().items).toEqual([expect.objectContaining({ id, name: '同步脚本', prefix, revoked: false, expired: false, lastUsedAt: expect.any(String) })]);
    expect(list.body).not.toContain(token);
  });

  it('refuses token creation from a token or an unfinished login, and bad input with a field message', async () => {
    const s = await signInAs(app, ctx, { role: 'admin' });
    const token = (await post('/api/auth/tokens', { name: 't', expiresInDays: 1 }, s.cookie)).json().token;
    const viaToken = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: bearer(token), payload: { name: 'x', expiresInDays: 1 } });
    expect(viaToken.statusCode).toBe(403);
    const { user, password } = await createUser(ctx, { role: 'admin' });
    const staged = sessionCookieOf(await post('/api/auth/login', { username: user.username, password }))!;
    expect((await post('/api/auth/tokens', { name: 'x', expiresInDays: 1 }, staged)).statusCode).toBe(401);
    const before = (await ctx.db.selectFrom('api_tokens').select('id').execute()).length;
    const bad = await post('/api/auth/tokens', { name: 'x', expiresInDays: 400 }, s.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'expiresInDays', message: '有效天数不能超过 365 天' });
    expect((await ctx.db.selectFrom('api_tokens').select('id').execute()).length).toBe(before);
  });

  it('stops accepting a revoked or expired token (401), and audits the refusal', async () => {
    const s = await signInAs(app, ctx, { role: 'admin' });
    const a = (await post('/api/auth/tokens', { name: 'a', expiresInDays: 1 }, s.cookie)).json();
    const b = (await post('/api/auth/tokens', { name: 'b', expiresInDays: 3 }, s.cookie)).json();
    const del = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${a.id}`, headers: { cookie: s.cookie } });
    expect(del.statusCode).toBe(204);
    const revoked = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(a.token) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('HUTONG_TOKEN_INVALID');
    expect((await ledger('token_revoke')).at(-1)).toMatchObject({ reason: `token:${a.id}` });
    expect((await ledger('token_use')).at(-1)).toMatchObject({ outcome: 'denied', reason: `revoked token:${a.id}` });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(b.token) })).statusCode).toBe(200);
    advance(3 * 86_400_000 + 1000);
    const expired = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(b.token) });
    expect(expired.statusCode).toBe(401);
    expect((await ledger('token_use')).at(-1)).toMatchObject({ outcome: 'denied', reason: `expired token:${b.id}` });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer('htk_nonsense') })).statusCode).toBe(401);
  });

  it("cannot revoke someone else's token (404)", async () => {
    const a = await signInAs(app, ctx, { role: 'admin' });
    const b = await signInAs(app, ctx, { role: 'admin' });
    const t = (await post('/api/auth/tokens', { name: 'a', expiresInDays: 1 }, a.cookie)).json();
    const res = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${t.id}`, headers: { cookie: b.cookie } });
    expect(res.statusCode).toBe(404);
  });
});

describe('ledger hygiene', () => {
  it('records security events and no password, secret, code or token in any column', async () => {
    const acts = new Set((await ledger()).filter((e) => e.category === 'security').map((e) => e.act));
    for (const act of ['login', 'login_failed', 'lockout', 'logout', 'password_change', 'totp_enrol', 'session_expired', 'token_create', 'token_revoke', 'token_use']) expect(acts).toContain(act);
    const dump = JSON.stringify(await ledger());
    for (const s of secrets) expect(dump).not.toContain(s);
  });
});
