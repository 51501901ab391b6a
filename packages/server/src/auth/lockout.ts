import type { AppContext } from '../context.ts';
import { authErrors } from './auth.errors.ts';
import { clockOf } from './clock.ts';
import { credentialsRepo, type Account } from './credentials.repo.ts';
import { auditSecurity, type SecurityAct } from './security-audit.ts';
import { sessionsRepo } from './sessions.repo.ts';

/** Where a request came from, for the ledger and the sessions table. */
export interface RequestMeta {
  readonly requestId: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/**
 * 等保2.0 三级 登录失败处理: consecutive failures — a wrong password or a wrong/replayed TOTP
 * code, at any step — lock the account for lockoutMinutes. The counter is reset only by a
 * completed login, so knowing the password does not buy unlimited guesses at the code.
 */
export async function assertNotLocked(ctx: AppContext, meta: RequestMeta, account: Account, act: SecurityAct = 'login_failed'): Promise<void> {
  const now = clockOf(ctx).now();
  if (account.locked_until && account.locked_until > now) {
    await auditSecurity(ctx.db, act, who(account, meta), 'denied', 'locked');
    throw authErrors.locked(account.locked_until);
  }
}

/**
 * Counts one failure and audits it; locks the account (and ends its unfinished logins) when the
 * threshold is reached. Commits before returning, so the caller can throw without undoing it.
 * Returns the lock time when this failure locked the account.
 */
export async function recordFailure(ctx: AppContext, meta: RequestMeta, account: Account, act: SecurityAct, reason: string): Promise<Date | null> {
  const now = clockOf(ctx).now();
  return ctx.db.transaction().execute(async (trx) => {
    const count = await credentialsRepo.addFailure(trx, account.id, now);
    await auditSecurity(trx, act, who(account, meta), 'failed', reason);
    if (count < ctx.config.lockoutThreshold) return null;
    const until = new Date(now.getTime() + ctx.config.lockoutMinutes * 60_000);
    await credentialsRepo.lock(trx, account.id, until, now);
    await sessionsRepo.deleteForUser(trx, account.id, { pendingOnly: true });
    await auditSecurity(trx, 'lockout', who(account, meta), 'succeeded', `after_${count}_failures`);
    return until;
  });
}

/** Records the failure, then throws: the lock notice when this one locked the account. */
export async function failWith(ctx: AppContext, meta: RequestMeta, account: Account, act: SecurityAct, reason: string, err: Error): Promise<never> {
  const lockedUntil = await recordFailure(ctx, meta, account, act, reason);
  throw lockedUntil ? authErrors.locked(lockedUntil) : err;
}

export function who(account: Pick<Account, 'id' | 'org_id'>, meta: RequestMeta) {
  return { userId: account.id, orgId: account.org_id, requestId: meta.requestId };
}
