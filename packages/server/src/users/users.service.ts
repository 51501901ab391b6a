import type { z } from 'zod';
import { errors, type Role } from '@hutong/core';
import type { AppContext } from '../context.ts';
import { auditAdmin } from '../auth/admin-audit.ts';
import { clockOf } from '../auth/clock.ts';
import { credentialsRepo } from '../auth/credentials.repo.ts';
import { generateInitialPassword, hashPassword } from '../auth/passwords.ts';
import { sessionsRepo } from '../auth/sessions.repo.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import type { Actor } from '../shared/http/actor.ts';
import { createUserBody, patchUserBody, toUserDto, type UserDto } from './users.schema.ts';
import { checkAccountPlacement, type OrgFacts } from './users.rules.ts';
import { usersRepo } from './users.repo.ts';

export type CreateUserInput = z.input<typeof createUserBody>;
export type PatchUserInput = z.input<typeof patchUserBody>;
export interface UserWithPassword { user: UserDto; password: string }

/** The CLI and the seed call services without zod in front: same rules, same Chinese messages. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw errors.validation(r.error.issues.map((i) => ({ field: i.path.join('.') || '(请求体)', message: i.message })));
}

async function orgFacts(ctx: AppContext, orgId: string | null | undefined): Promise<OrgFacts | null> {
  if (!orgId) return null;
  const org = await orgsRepo.findById(ctx.db, orgId);
  if (!org) throw errors.validation([{ field: 'orgId', message: '所属机构不存在' }]);
  return { id: org.id, type: org.type, regionCode: org.region_code.trim() };
}

async function mustFind(ctx: AppContext, id: string) {
  const row = await usersRepo.findById(ctx.db, id);
  if (!row) throw errors.notFound('用户');
  return row;
}

/**
 * Accounts (第三十六条: 最小授权、专人专岗). Routes check `user.manage` first; the CLI and the
 * first-start bootstrap pass actor null, recorded in the ledger as system. New and reset
 * accounts get a generated one-time password that must be changed at the next login, and every
 * account must enrol TOTP before it reaches any data (core requiresTotp).
 */
export const usersService = {
  async listUsers(ctx: AppContext, q: { orgId?: string; limit: number; offset: number }) {
    const { items, total } = await usersRepo.list(ctx.db, q);
    return { items: items.map(toUserDto), total };
  },

  async getUser(ctx: AppContext, id: string): Promise<UserDto> {
    return toUserDto(await mustFind(ctx, id));
  },

  /** For the CLI, where people name accounts, not ids. */
  async findByUsername(ctx: AppContext, username: string): Promise<UserDto | null> {
    const row = await usersRepo.findByUsername(ctx.db, username);
    return row ? toUserDto(row) : null;
  },

  async createUser(ctx: AppContext, actor: Actor | null, raw: CreateUserInput): Promise<UserWithPassword> {
    const input = parse(createUserBody, raw);
    const org = await orgFacts(ctx, input.orgId);
    const jurisdiction = checkAccountPlacement(input.role, org, input.jurisdiction);
    if (await usersRepo.usernameTaken(ctx.db, input.username)) throw errors.conflict(`用户名“${input.username}”已存在`);
    const password = generateInitialPassword(input.username);
    const passwordHash = await hashPassword(password);
    const now = clockOf(ctx).now();
    let id: string;
    try {
      id = await ctx.db.transaction().execute(async (trx) => {
        const newId = await usersRepo.insert(trx, {
          username: input.username, displayName: input.displayName, orgId: org?.id ?? null, role: input.role, jurisdiction, passwordHash, now,
        });
        await auditAdmin(trx, 'user_create', actor, `user:${newId}`, { fields: ['username', 'display_name', 'org_id', 'role', 'jurisdiction'] });
        return newId;
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw errors.conflict(`用户名“${input.username}”已存在`);
      throw err;
    }
    return { user: toUserDto(await mustFind(ctx, id)), password };
  },

  async updateUser(ctx: AppContext, actor: Actor | null, id: string, raw: PatchUserInput): Promise<UserDto> {
    const patch = parse(patchUserBody, raw);
    const current = await mustFind(ctx, id);
    if (actor?.userId === id && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
      throw errors.conflict('不能停用自己的账号或取消自己的管理员角色，请由另一位管理员操作');
    }
    const role = (patch.role ?? current.role) as Role;
    const orgId = patch.orgId !== undefined ? patch.orgId : current.org_id;
    const org = await orgFacts(ctx, orgId);
    // A move to another org without a new jurisdiction takes the new org's region.
    const orgChanged = orgId !== current.org_id;
    const rawJurisdiction = patch.jurisdiction ?? (orgChanged ? undefined : current.jurisdiction.trim());
    const jurisdiction = checkAccountPlacement(role, org, rawJurisdiction);

    const changes: Record<string, unknown> = {};
    if (patch.displayName !== undefined && patch.displayName !== current.display_name) changes.display_name = patch.displayName;
    if (orgChanged) changes.org_id = orgId;
    if (role !== current.role) changes.role = role;
    if (jurisdiction !== current.jurisdiction.trim()) changes.jurisdiction = jurisdiction;
    if (patch.disabled !== undefined && patch.disabled !== current.disabled) changes.disabled = patch.disabled;
    if (Object.keys(changes).length === 0) return toUserDto(current);

    const now = clockOf(ctx).now();
    await ctx.db.transaction().execute(async (trx) => {
      await usersRepo.update(trx, id, changes, now);
      // A disabled account's sessions end now; its tokens are refused from the next request on.
      if (changes.disabled === true) await sessionsRepo.deleteForUser(trx, id);
      await auditAdmin(trx, 'user_update', actor, `user:${id}`, { fields: Object.keys(changes) });
    });
    return toUserDto(await mustFind(ctx, id));
  },

  /** A new one-time password; optionally unbinds TOTP too (lost phone). Ends sessions, clears a lock. */
  async resetPassword(ctx: AppContext, actor: Actor | null, id: string, opts: { resetTotp?: boolean } = {}): Promise<UserWithPassword> {
    const current = await mustFind(ctx, id);
    const password = generateInitialPassword(current.username);
    const passwordHash = await hashPassword(password);
    const now = clockOf(ctx).now();
    await ctx.db.transaction().execute(async (trx) => {
      await credentialsRepo.setPassword(trx, id, passwordHash, true, now);
      await credentialsRepo.clearFailures(trx, id, now);
      if (opts.resetTotp) await credentialsRepo.clearTotp(trx, id, now);
      await sessionsRepo.deleteForUser(trx, id);
      await auditAdmin(trx, 'user_update', actor, `user:${id}`, {
        reason: opts.resetTotp ? 'password_reset totp_reset' : 'password_reset',
        fields: opts.resetTotp ? ['password_hash', 'totp_secret_enc'] : ['password_hash'],
      });
    });
    return { user: toUserDto(await mustFind(ctx, id)), password };
  },

  async unlockUser(ctx: AppContext, actor: Actor | null, id: string): Promise<UserDto> {
    await mustFind(ctx, id);
    const now = clockOf(ctx).now();
    await ctx.db.transaction().execute(async (trx) => {
      await credentialsRepo.clearFailures(trx, id, now);
      await auditAdmin(trx, 'user_unlock', actor, `user:${id}`, { fields: ['failed_logins', 'locked_until'] });
    });
    return toUserDto(await mustFind(ctx, id));
  },

  countUsers(ctx: AppContext): Promise<number> {
    return usersRepo.count(ctx.db);
  },
};
