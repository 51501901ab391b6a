import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import { authErrors } from './auth.errors.ts';
import { clockOf } from './clock.ts';
import { credentialsRepo, type Account } from './credentials.repo.ts';
import { assertNotLocked, failWith, who, type RequestMeta } from './lockout.ts';
import { nextOf, type NextStep } from './login.service.ts';
import { auditSecurity } from './security-audit.ts';
import { sessionsRepo } from './sessions.repo.ts';
import type { LoadedSession } from './sessions.service.ts';
import { checkTotp, newTotpSecret, totpQrDataUrl, totpUri } from './totp.ts';
import { isSealedUnderCurrentKey, openTotpSecret, sealTotpSecret } from './totp-secret.ts';

async function accountFor(ctx: AppContext, session: LoadedSession, stage: LoadedSession['stage']): Promise<Account> {
  if (session.stage !== stage) throw authErrors.wrongStep(nextOf(session.stage));
  const account = await credentialsRepo.findById(ctx.db, session.principal.userId);
  if (!account) throw authErrors.noLoginSession();
  return account;
}

/**
 * Starts enrolment: a fresh secret is sealed into users.totp_secret_enc but not trusted until a
 * code from it is confirmed. Asking again replaces it (a lost QR code is not a dead end).
 */
export async function beginTotpEnrol(ctx: AppContext, session: LoadedSession) {
  const account = await accountFor(ctx, session, 'enrol_totp');
  const secret = newTotpSecret();
  await credentialsRepo.setPendingTotp(ctx.db, account.id, sealTotpSecret(ctx.keyring, account.id, secret), clockOf(ctx).now());
  const otpauthUrl = totpUri(account.username, secret);
  return { secret, otpauthUrl, qrDataUrl: await totpQrDataUrl(otpauthUrl) };
}

/** A confirmed code proves the second factor, so the login completes here too. */
export async function confirmTotpEnrol(ctx: AppContext, meta: RequestMeta, session: LoadedSession, code: string): Promise<NextStep> {
  const account = await accountFor(ctx, session, 'enrol_totp');
  if (!account.totp_secret_enc) {
    throw errors.conflict('请先获取动态口令密钥（POST /api/auth/totp/enrol），再输入验证器中的口令');
  }
  await assertNotLocked(ctx, meta, account, 'totp_enrol');
  const secret = openTotpSecret(ctx.keyring, account.id, account.totp_secret_enc);
  const now = clockOf(ctx).now();
  const check = checkTotp(secret, code, now, account.totp_last_step);
  if (!check.ok) return failWith(ctx, meta, account, 'totp_enrol', 'bad_code', authErrors.totpInvalid());
  const step = check.step;
  await ctx.db.transaction().execute(async (trx) => {
    await credentialsRepo.useTotpStep(trx, account.id, step, now, { enrol: true });
    await sessionsRepo.setStage(trx, session.tokenHash, 'active', now);
    await auditSecurity(trx, 'totp_enrol', who(account, meta), 'succeeded');
    await auditSecurity(trx, 'login', who(account, meta), 'succeeded', 'totp_enrolled');
  });
  return 'done';
}

/** Step 3 for an enrolled account: the code, once per 30 s step. */
export async function verifyTotpLogin(ctx: AppContext, meta: RequestMeta, session: LoadedSession, code: string): Promise<NextStep> {
  const account = await accountFor(ctx, session, 'totp');
  await assertNotLocked(ctx, meta, account);
  if (!account.totp_enrolled || !account.totp_secret_enc) throw authErrors.wrongStep('enrol_totp');
  const secret = openTotpSecret(ctx.keyring, account.id, account.totp_secret_enc);
  const now = clockOf(ctx).now();
  const check = checkTotp(secret, code, now, account.totp_last_step);
  if (!check.ok) {
    return failWith(ctx, meta, account, 'login_failed', check.reason === 'replay' ? 'totp_replay' : 'bad_totp', authErrors.totpInvalid());
  }
  const step = check.step;
  // Opened under an older master key: re-seal under the current one while it is in hand.
  const resealed = isSealedUnderCurrentKey(ctx.keyring, account.totp_secret_enc) ? undefined : sealTotpSecret(ctx.keyring, account.id, secret);
  const ok = await ctx.db.transaction().execute(async (trx) => {
    if (!(await credentialsRepo.useTotpStep(trx, account.id, step, now, { resealed }))) return false;
    await sessionsRepo.setStage(trx, session.tokenHash, 'active', now);
    await auditSecurity(trx, 'login', who(account, meta), 'succeeded');
    return true;
  });
  // Lost the race to a concurrent request with the same code: that is a replay.
  if (!ok) return failWith(ctx, meta, account, 'login_failed', 'totp_replay', authErrors.totpInvalid());
  return 'done';
}
