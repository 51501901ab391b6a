import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';
import { clockOf } from './clock.ts';
import { toPrincipal, type Principal } from './principal.ts';
import { auditSecurity } from './security-audit.ts';
import { sessionsRepo, type SessionStage } from './sessions.repo.ts';

export const SESSION_COOKIE = 'hutong_session';

export interface LoadedSession {
  readonly tokenHash: Buffer;
  readonly stage: SessionStage;
  readonly expiresAt: Date;
  readonly principal: Principal;
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'ok'; session: LoadedSession };

const STAGES: readonly string[] = ['change_password', 'enrol_totp', 'totp', 'active'];

/** SM3 under the national suite, SHA-256 under the international one: whatever the keyring uses. */
export function hashSecretToken(ctx: AppContext, token: string): Buffer {
  return ctx.keyring.suite.hash(token);
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string, expiresAt: Date): void {
  // SameSite=Strict: the console and the API share an origin, so no cross-site request needs it.
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'strict', path: '/', secure: ctx.config.secureCookies, expires: expiresAt,
  });
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: ctx.config.secureCookies });
}

/**
 * Finds the session for a cookie token and enforces both limits: idle (last_seen_at sliding)
 * and absolute (expires_at). An expired session is deleted and its expiry audited once, by
 * whichever request deleted it. A live one has last_seen_at moved to now.
 */
export async function lookupSession(ctx: AppContext, token: string, requestId: string): Promise<SessionLookup> {
  if (!token || token.length > 128) return { kind: 'none' };
  const tokenHash = hashSecretToken(ctx, token);
  const row = await sessionsRepo.findWithPrincipal(ctx.db, tokenHash);
  if (!row) return { kind: 'none' };
  const now = clockOf(ctx).now();
  const idleMs = ctx.config.idleTimeoutMinutes * 60_000;
  const reason = now.getTime() - row.last_seen_at.getTime() > idleMs ? 'idle_timeout'
    : now.getTime() >= row.expires_at.getTime() ? 'max_age' : null;
  const principal = toPrincipal(row);
  if (reason || !principal || principal.disabled || !STAGES.includes(row.stage)) {
    await ctx.db.transaction().execute(async (trx) => {
      const deleted = await sessionsRepo.delete(trx, tokenHash);
      if (deleted && reason) {
        await auditSecurity(trx, 'session_expired', { userId: row.u_id, orgId: row.o_id, requestId }, 'denied', reason);
      }
    });
    return reason ? { kind: 'expired' } : { kind: 'none' };
  }
  await sessionsRepo.touch(ctx.db, tokenHash, now);
  return { kind: 'ok', session: { tokenHash, stage: row.stage as SessionStage, expiresAt: row.expires_at, principal } };
}
