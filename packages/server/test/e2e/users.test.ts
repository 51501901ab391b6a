import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiresTotp, ROLE_KEYS, type Role } from '@hutong/core';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { passwordProblems } from '../../src/auth/passwords.ts';
import { ensureFirstAdmin } from '../../src/users/first-admin.ts';
import { createTestContext } from '../helpers/test-context.ts';
import { createOrg, createUser, loginAs, sessionCookieOf, signInAs } from '../helpers/auth-helpers.ts';

let ctx: AppContext;
let app: FastifyInstance;
let admin: Awaited<ReturnType<typeof signInAs>>;
let civil: { id: string };
let school: { id: string };

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  civil = await createOrg(ctx, { name: '北京市东城区民政局', type: 'civil_affairs', regionCode: '110101' });
  school = await createOrg(ctx, { name: '东华门小学', type: 'school', regionCode: '110101001000' });
  admin = await signInAs(app, ctx, { role: 'admin' });
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = admin.cookie) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const counts = async () => ({
  users: (await ctx.db.selectFrom('users').select('id').execute()).length,
  ledger: (await ctx.db.selectFrom('ledger_entries').select('id').execute()).length,
});

describe('POST /api/users', () => {
  it('creates an account with a one-time password that meets the rule and must be changed', async () => {
    const res = await send('POST', '/api/users', { username: 'LiSi', displayName: '李四', orgId: civil.id, role: 'child_director', jurisdiction: '110101001001' });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({ username: 'lisi', role: 'child_director', roleLabel: '儿童主任', jurisdiction: '110101001001', orgName: '北京市东城区民政局', mustChangePassword: true, totpEnrolled: false });
    expect(passwordProblems(initialPassword, 'lisi')).toEqual([]);
    expect(res.body).not.toContain('password_hash');
    const entry = await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'user_create').where('reason', '=', `user:${user.id}`).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ category: 'admin', actor_user_id: admin.user.id, outcome: 'succeeded' });
    expect(JSON.stringify(entry)).not.toContain(initialPassword);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lisi', password: initialPassword } });
    expect(login.json()).toEqual({ next: 'change_password' });
  });

  it('defaults the jurisdiction to the org region and admits nationwide only for admin and auditor', async () => {
    const a = await send('POST', '/api/users', { username: 'wangwu', displayName: '王五', orgId: school.id, role: 'department_staff' });
    expect(a.json().user.jurisdiction).toBe('110101001000');
    const b = await send('POST', '/api/users', { username: 'audit1', displayName: '审计', orgId: civil.id, role: 'auditor', jurisdiction: '000000000000' });
    expect(b.json().user.jurisdiction).toBe('000000000000');
    const c = await send('POST', '/api/users', { username: 'admin2', displayName: '管理员二', role: 'admin' });
    expect(c.json().user).toMatchObject({ orgId: null, jurisdiction: '000000000000' });
  });

  it.each([
    [{ username: 'x1', displayName: '甲', orgId: 'civil', role: 'volunteer' }, 'username'],
    [{ username: 'okname', displayName: '甲', orgId: 'civil', role: 'chief' }, 'role'],
    [{ username: 'okname', displayName: '甲', orgId: 'civil', role: 'volunteer', jurisdiction: '110105000000' }, 'jurisdiction'],
    [{ username: 'okname', displayName: '甲', orgId: 'civil', role: 'volunteer', jurisdiction: '000000000000' }, 'jurisdiction'],
    [{ username: 'okname', displayName: '甲', orgId: 'civil', role: 'volunteer', jurisdiction: '110101999000' }, 'jurisdiction'],
    [{ username: 'okname', displayName: '甲', orgId: 'school', role: 'child_director' }, 'role'],
    [{ username: 'okname', displayName: '甲', role: 'volunteer' }, 'orgId'],
  ])('400 writes nothing: %j → field %s', async (body, field) => {
    const b = body as Record<string, string>;
    const payload = { ...b, ...(b.orgId ? { orgId: b.orgId === 'civil' ? civil.id : school.id } : {}) };
    const before = await counts();
    const res = await send('POST', '/api/users', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.json().fields[0].message).toMatch(/[\u4e00-\u9fff]/u);
    expect(await counts()).toEqual(before);
  });

  it('refuses a duplicate username (409)', async () => {
    await send('POST', '/api/users', { username: 'dup', displayName: '甲', orgId: civil.id, role: 'volunteer' });
    expect((await send('POST', '/api/users', { username: 'dup', displayName: '乙', orgId: civil.id, role: 'volunteer' })).statusCode).toBe(409);
  });
});

describe('role boundaries', () => {
  const others = ROLE_KEYS.filter((r) => r !== 'admin');
  it.each(others)('%s gets 403 on /api/users and on /api/orgs writes', async (role: Role) => {
    const orgId = ['child_director', 'child_supervisor'].includes(role) ? civil.id : school.id;
    const s = await signInAs(app, ctx, { role, orgId });
    const list = await send('GET', '/api/users', undefined, s.cookie);
    expect(list.statusCode).toBe(403);
    expect(list.json().detail).toContain('user.manage');
    expect((await send('POST', '/api/users', { username: 'zzz', displayName: '甲', orgId, role: 'admin' }, s.cookie)).statusCode).toBe(403);
    expect((await send('POST', `/api/users/${s.user.id}/unlock`, undefined, s.cookie)).statusCode).toBe(403);
    expect((await send('POST', '/api/orgs', { name: `越权机构${role}`, type: 'school', regionCode: '110101' }, s.cookie)).statusCode).toBe(403);
    expect((await send('PATCH', `/api/orgs/${school.id}`, { name: '改名' }, s.cookie)).statusCode).toBe(403);
    expect((await send('GET', '/api/orgs', undefined, s.cookie)).statusCode).toBe(200);
  });

  it('names the role and the permission in Chinese', async () => {
    const s = await signInAs(app, ctx, { role: 'volunteer', orgId: school.id });
    expect((await send('GET', '/api/users', undefined, s.cookie)).json().detail).toBe('角色“志愿者”没有“管理用户账号”权限（user.manage）');
  });
});

describe('PATCH /api/users/:id', () => {
  it('changes role and jurisdiction within the rules, and disabling ends sessions and logins', async () => {
    const s = await signInAs(app, ctx, { role: 'volunteer', orgId: civil.id });
    const up = await send('PATCH', `/api/users/${s.user.id}`, { role: 'child_supervisor', jurisdiction: '110101001' });
    expect(up.json()).toMatchObject({ role: 'child_supervisor', jurisdiction: '110101001000' });
    expect((await send('PATCH', `/api/users/${s.user.id}`, { orgId: school.id })).statusCode).toBe(400);
    const me = await send('GET', '/api/auth/me', undefined, s.cookie);
    expect(me.json().user.role).toBe('child_supervisor');

    expect((await send('PATCH', `/api/users/${s.user.id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await send('GET', '/api/auth/me', undefined, s.cookie)).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: s.user.username, password: s.password } });
    expect(login.statusCode).toBe(401);
    expect(login.json().code).toBe('HUTONG_BAD_CREDENTIALS');
  });

  it('refuses an admin disabling or demoting themself', async () => {
    expect((await send('PATCH', `/api/users/${admin.user.id}`, { disabled: true })).statusCode).toBe(409);
    expect((await send('PATCH', `/api/users/${admin.user.id}`, { role: 'auditor', orgId: civil.id })).statusCode).toBe(409);
  });
});

describe('POST /api/users/:id/unlock', () => {
  it('locks after 5 consecutive failures (423 with the unlock time) until an admin unlocks', async () => {
    const { user, password } = await createUser(ctx, { role: 'social_worker', orgId: school.id });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(user.username, `Wrong-${i}-Pass!x`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);
    const locked = await login(user.username, password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'HUTONG_ACCOUNT_LOCKED' });
    expect(locked.json().detail).toMatch(/账户因连续登录失败已锁定，请于\d{4}年.*（北京时间）后重试/);
    expect(await ctx.db.selectFrom('ledger_entries').select('id').where('act', '=', 'lockout').execute()).toHaveLength(1);

        const unlock = await send('POST', `/api/users/${user.id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect((await login(user.username, password)).json()).toEqual({ next: 'change_password' });
    expect(await ctx.db.selectFrom('ledger_entries').selectAll().where('act', '=', 'user_unlock').executeTakeFirstOrThrow()).toMatchObject({ category: 'admin', actor_user_id: admin.user.id, reason: `user:${user.id}` });
  });

});

describe('POST /api/users/:id/reset-password', () => {
  it('issues a new one-time password, ends sessions, and unbinds TOTP only when asked', async () => {
    const s = await signInAs(app, ctx, { role: 'volunteer', orgId: school.id });
    const r1 = await send('POST', `/api/users/${s.user.id}/reset-password`, {});
    expect(r1.statusCode).toBe(200);
    expect(r1.json().user).toMatchObject({ mustChangePassword: true, totpEnrolled: true });
    expect((await send('GET', '/api/auth/me', undefined, s.cookie)).statusCode).toBe(401);
    const l1 = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: s.user.username, password: r1.json().initialPassword } });
    expect(l1.json()).toEqual({ next: 'change_password' });
    const p = await send('POST', '/api/auth/password', { currentPassword: r1.json().initialPassword, newPassword: 'Another-Pass-135' }, sessionCookieOf(l1)!);
    expect(p.json()).toEqual({ next: 'totp' });

    const r2 = await send('POST', `/api/users/${s.user.id}/reset-password`, { resetTotp: true });
    expect(r2.json().user.totpEnrolled).toBe(false);
    const again = await loginAs(app, ctx, s.user.username, r2.json().initialPassword);
    expect(again.totpSecret).not.toBe(s.totpSecret);
    const entries = await ctx.db.selectFrom('ledger_entries').select(['act', 'reason']).where('reason', 'like', `user:${s.user.id}%`).execute();
    expect(entries.map((e) => e.reason)).toEqual(expect.arrayContaining([`user:${s.user.id} password_reset`, `user:${s.user.id} password_reset totp_reset`]));
  });
});

describe('ensureFirstAdmin', () => {
  it('creates admin once on an empty database, nationwide, with first-login duties', async () => {
    const fresh = await createTestContext();
    try {
      const lines: string[] = [];
      await ensureFirstAdmin(fresh, { print: (l) => lines.push(l) });
      await ensureFirstAdmin(fresh, { print: (l) => lines.push(l) });
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^首次启动：管理员账号 admin，一次性密码 \S+（首次登录须修改密码并绑定动态口令）$/);
      const row = await fresh.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ username: 'admin', role: 'admin', org_id: null, must_change_password: true, totp_enrolled: false });
      expect(row.jurisdiction).toBe('000000000000');
      const entry = await fresh.db.selectFrom('ledger_entries').selectAll().executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ category: 'admin', act: 'user_create', actor_user_id: 'system' });
    } finally {
      await fresh.close();
    }
  });

  it('a new admin (like every role) must enrol TOTP before its first session is active', async () => {
    expect(ROLE_KEYS.every(requiresTotp)).toBe(true);
    const { user, password } = await createUser(ctx, { role: 'admin' });
    const cookie = sessionCookieOf(await login(user.username, password))!;
    const next = await send('POST', '/api/auth/password', { currentPassword: password, newPassword: 'Fresh-Pass-2468' }, cookie);
    expect(next.json()).toEqual({ next: 'enrol_totp' });
    expect((await send('GET', '/api/orgs', undefined, cookie)).statusCode).toBe(401);
  });

  it('does nothing when users exist', async () => {
    const lines: string[] = [];
    await ensureFirstAdmin(ctx, { print: (l) => lines.push(l) });
    expect(lines).toEqual([]);
  });
});

describe('createUser helper', () => {
  it('creates through the service for the CLI and seed (actor null)', async () => {
    const { user, password } = await createUser(ctx, { role: 'reviewer', orgId: civil.id });
    expect(user.role).toBe('reviewer');
    expect(password.length).toBeGreaterThanOrEqual(10);
  });
});
