import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import { authErrors, type LoginStep } from './auth.errors.ts';
import { clockOf } from './clock.ts';
import { credentialsRepo, type Account } from './credentials.repo.ts';
import { assertNotLocked, failWith, who, type RequestMeta } from './lockout.ts';
import { assertStrongPassword, hashPassword, verifyDummy, verifyPassword } from './passwords.ts';
import { auditSecurity } from './security-audit.ts';
import { sessionsRepo, type SessionStage } from './sessions.repo.ts';
import { hashSecretToken, newSessionToken, type LoadedSession } from './sessions.service.ts';

export type NextStep = LoginStep | 'done';

/** The first unfinished step: a new password first, then a second factor (等保 双因素). */
export function stageFor(account: Pick<Account, 'must_change_password' | 'totp_enrolled'>): LoginStep {
  if (account.must_change_password) return 'change_password';
  return account.totp_enrolled ? 'totp' : 'enrol_totp';
}

export function nextOf(stage: SessionStage): NextStep {
  return stage === 'active' ? 'done' : stage;
}

export function normaliseUsername(username: string): string {
  return username.trim().normalize('NFKC').toLowerCase();
}

/**
 * Step 1: username and password. Success opens a session that can only finish the login; data
 * routes accept it once the TOTP step is passed. Unknown, disabled and wrong-password attempts
 * get one identical answer after one argon2 verify each.
 */
export async function login(ctx: AppContext, meta: RequestMeta, input: { username: string; password: string }, replacing?: Buffer) {
  const account = await credentialsRepo.findByUsername(ctx.db, normaliseUsername(input.username));
  if (!account) {
    await verifyDummy(input.password);
    // No user id and not the typed name: a password pasted into the username box stays out of the ledger.
    await auditSecurity(ctx.db, 'login_failed', { userId: null, orgId: null, requestId: meta.requestId }, 'failed', 'unknown_user');
    throw authErrors.badCredentials();
  }
  const passwordOk = await verifyPassword(account.password_hash, input.password);
  if (account.disabled) {
    await auditSecurity(ctx.db, 'login_failed', who(account, meta), 'denied', 'disabled');
    throw authErrors.badCredentials();
  }
  await assertNotLocked(ctx, meta, account);
  if (!passwordOk) return failWith(ctx, meta, account, 'login_failed', 'bad_password', authErrors.badCredentials());

  const now = clockOf(ctx).now();
  const stage = stageFor(account);
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000);
  await ctx.db.transaction().execute(async (trx) => {
    if (replacing) await sessionsRepo.delete(trx, replacing);
    await sessionsRepo.insert(trx, {
      tokenHash: hashSecretToken(ctx, token), userId: account.id, stage, now, expiresAt, ip: meta.ip, userAgent: meta.userAgent,
    });
  });
  return { token, expiresAt, next: stage as NextStep };
}

/**
 * Allowed at any step. A session still at change_password moves on to the second factor; every
 * other session of the user ends, since whoever knew the old password may hold one.
 */
export async function changePassword(
  ctx: AppContext, meta: RequestMeta, session: LoadedSession, input: { currentPassword: string; newPassword: string },
): Promise<NextStep> {
  const account = await credentialsRepo.findById(ctx.db, session.principal.userId);
  if (!account) throw authErrors.noLoginSession();
  // The rule is checked first: a 400 for a weak password writes nothing.
  assertStrongPassword(input.newPassword, account.username, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw errors.validation([{ field: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  await assertNotLocked(ctx, meta, account, 'password_change');
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    return failWith(ctx, meta, account, 'password_change', 'bad_current_password', authErrors.badCurrentPassword());
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = clockOf(ctx).now();
  const stage: SessionStage = session.stage === 'change_password' ? stageFor({ must_change_password: false, totp_enrolled: account.totp_enrolled }) : session.stage;
  await ctx.db.transaction().execute(async (trx) => {
    await credentialsRepo.setPassword(trx, account.id, passwordHash, false, now);
    await sessionsRepo.setStage(trx, session.tokenHash, stage, now);
    await sessionsRepo.deleteForUser(trx, account.id, { except: session.tokenHash });
    await auditSecurity(trx, 'password_change', who(account, meta), 'succeeded', session.stage === 'change_password' ? 'initial' : 'self');
  });
  return nextOf(stage);
}

export async function logout(ctx: AppContext, meta: RequestMeta, session: LoadedSession): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (await sessionsRepo.delete(trx, session.tokenHash)) {
      await auditSecurity(trx, 'logout', { userId: session.principal.userId, orgId: session.principal.org?.id ?? null, requestId: meta.requestId }, 'succeeded');
    }
  });
}
