import { randomBytes } from 'node:crypto';
import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { authErrors } from './auth.errors.ts';
import { clockOf } from './clock.ts';
import { toPrincipal, type Principal } from './principal.ts';
import { auditSecurity } from './security-audit.ts';
import { hashSecretToken } from './sessions.service.ts';
import { tokensRepo, type TokenRow } from './tokens.repo.ts';

export const TOKEN_PREFIX = 'htk_';
/** htk_ + 32 random bytes in base64url. */
const TOKEN_SHAPE = /^htk_[A-Za-z0-9_-]{43}$/;
/** Enough to recognise a token in a list, far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = 12;

export interface TokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revoked: boolean;
  expired: boolean;
}

function toDto(t: TokenRow, now: Date): TokenDto {
  return {
    id: t.id, name: t.name, prefix: t.prefix,
    createdAt: t.created_at.toISOString(), expiresAt: t.expires_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null, revokedAt: t.revoked_at?.toISOString() ?? null,
    revoked: t.revoked_at !== null, expired: t.expires_at <= now,
  };
}

const whoOf = (a: Actor) => ({ userId: a.userId, orgId: a.orgId, requestId: a.requestId });

/**
 * A token is as strong as the login that made it, so only a console session that passed the
 * TOTP step may create one; a token cannot mint further tokens.
 */
export async function createToken(ctx: AppContext, actor: Actor, input: { name: string; expiresInDays: number }) {
  if (actor.via !== 'session') throw errors.forbidden('访问令牌只能在已通过动态口令验证的控制台会话中创建');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const now = clockOf(ctx).now();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await tokensRepo.insert(trx, {
      userId: actor.userId, name: input.name, tokenHash: hashSecretToken(ctx, token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH), now, expiresAt,
    });
    await auditSecurity(trx, 'token_create', whoOf(actor), 'succeeded', `token:${r.id}`);
    return r;
  });
  return { ...toDto(row, now), token };
}

export async function listTokens(ctx: AppContext, actor: Actor): Promise<TokenDto[]> {
  const now = clockOf(ctx).now();
  return (await tokensRepo.listForUser(ctx.db, actor.userId)).map((t) => toDto(t, now));
}

/** Idempotent; someone else's token answers 404 like a missing one. */
export async function revokeToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!(await tokensRepo.findForUser(ctx.db, actor.userId, id))) throw errors.notFound('访问令牌');
  const now = clockOf(ctx).now();
  await ctx.db.transaction().execute(async (trx) => {
    if (await tokensRepo.revoke(trx, actor.userId, id, now)) {
      await auditSecurity(trx, 'token_revoke', whoOf(actor), 'succeeded', `token:${id}`);
    }
  });
}

/**
 * Authenticates `Authorization: Bearer htk_…`. Each use is one ledger entry (with last_used_at,
 * in one transaction); a refused token is audited too, then answered 401.
 */
export async function authenticateToken(ctx: AppContext, raw: string, requestId: string): Promise<{ principal: Principal; tokenId: string; expiresAt: Date }> {
  const refuse = async (userId: string | null, orgId: string | null, reason: string): Promise<never> => {
    await auditSecurity(ctx.db, 'token_use', { userId, orgId, requestId }, 'denied', reason);
    throw authErrors.tokenInvalid();
  };
  if (!TOKEN_SHAPE.test(raw)) return refuse(null, null, 'malformed_token');
  const row = await tokensRepo.findWithPrincipal(ctx.db, hashSecretToken(ctx, raw));
  if (!row) return refuse(null, null, 'unknown_token');
  const now = clockOf(ctx).now();
  if (row.t_revoked_at) return refuse(row.u_id, row.o_id, `revoked token:${row.t_id}`);
  if (row.t_expires_at <= now) return refuse(row.u_id, row.o_id, `expired token:${row.t_id}`);
  const principal = toPrincipal(row);
  if (!principal || principal.disabled) return refuse(row.u_id, row.o_id, `disabled token:${row.t_id}`);
  // Two independent statements: the audit entry must commit before the request proceeds; the
  // last-used stamp is informational. No transaction, so neither waits for the other's lock.
  await Promise.all([
    tokensRepo.markUsed(ctx.db, row.t_id, now),
    auditSecurity(ctx.db, 'token_use', { userId: principal.userId, orgId: principal.org?.id ?? null, requestId }, 'succeeded', `token:${row.t_id}`),
  ]);
  return { principal, tokenId: row.t_id, expiresAt: row.t_expires_at };
}
