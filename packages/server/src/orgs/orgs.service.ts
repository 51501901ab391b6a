import { errors, type OrgType } from '@hutong/core';
import type { AppContext } from '../context.ts';
import { auditAdmin } from '../auth/admin-audit.ts';
import { clockOf } from '../auth/clock.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertOrgChangeKeepsMembers } from '../users/users.rules.ts';
import { checkRegionCode } from './region-check.ts';
import { orgsRepo, type OrgRow } from './orgs.repo.ts';
import { toOrgDto, type OrgDto } from './orgs.schema.ts';

export interface CreateOrgInput {
  name: string;
  type: OrgType;
  /** 2/4/6/9/12 digits; stored as 12. */
  regionCode: string;
}

export type PatchOrgInput = Partial<CreateOrgInput>;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

const nameTaken = (name: string) => errors.conflict(`机构名称“${name}”已存在`);

/**
 * Organisations (第四条 谁主管谁负责). Callers check `org.manage` first (routes) or are the CLI
 * (actor null, recorded as system). Every change is an admin ledger entry in its transaction.
 */
export const orgsService = {
  async listOrgs(ctx: AppContext): Promise<OrgDto[]> {
    return (await orgsRepo.list(ctx.db)).map(toOrgDto);
  },

  async getOrg(ctx: AppContext, id: string): Promise<OrgDto> {
    const org = await orgsRepo.findById(ctx.db, id);
    if (!org) throw errors.notFound('机构');
    return toOrgDto(org);
  },

  /** By UUID or exact name, for `hutong org …` and `hutong user add --org`. */
  async findOrgByIdOrName(ctx: AppContext, idOrName: string): Promise<OrgDto | null> {
    const key = idOrName.trim();
    const org = (await orgsRepo.findById(ctx.db, key)) ?? (await orgsRepo.findByName(ctx.db, key));
    return org ? toOrgDto(org) : null;
  },

  async createOrg(ctx: AppContext, actor: Actor | null, input: CreateOrgInput): Promise<OrgDto> {
    const name = input.name.trim();
    const regionCode = checkRegionCode(input.regionCode, 'regionCode');
    if (await orgsRepo.findByName(ctx.db, name)) throw nameTaken(name);
    const now = clockOf(ctx).now();
    try {
      const org = await ctx.db.transaction().execute(async (trx) => {
        const row = await orgsRepo.insert(trx, { name, type: input.type, regionCode, now });
        await auditAdmin(trx, 'org_create', actor, `org:${row.id}`, { fields: ['name', 'type', 'region_code'] });
        return row;
      });
      return toOrgDto(org);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(name); // lost a race with a concurrent create
      throw err;
    }
  },

  async updateOrg(ctx: AppContext, actor: Actor | null, id: string, patch: PatchOrgInput): Promise<OrgDto> {
    const current = await orgsRepo.findById(ctx.db, id);
    if (!current) throw errors.notFound('机构');
    const next: { name?: string; type?: string; region_code?: string } = {};
    if (patch.name !== undefined && patch.name.trim() !== current.name) next.name = patch.name.trim();
    if (patch.type !== undefined && patch.type !== current.type) next.type = patch.type;
    if (patch.regionCode !== undefined) {
      const code = checkRegionCode(patch.regionCode, 'regionCode');
      if (code !== current.region_code.trim()) next.region_code = code;
    }
    if (Object.keys(next).length === 0) return toOrgDto(current);
    if (next.name && (await orgsRepo.findByName(ctx.db, next.name))) throw nameTaken(next.name);
    if (next.type || next.region_code) {
      await assertOrgChangeKeepsMembers(ctx.db, {
        id, type: next.type ?? current.type, regionCode: next.region_code ?? current.region_code.trim(),
      });
    }
    const now = clockOf(ctx).now();
    try {
      const row: OrgRow = await ctx.db.transaction().execute(async (trx) => {
        const updated = await orgsRepo.update(trx, id, next, now);
        await auditAdmin(trx, 'org_update', actor, `org:${id}`, { fields: Object.keys(next) });
        return updated;
      });
      return toOrgDto(row);
    } catch (err) {
      if (isUniqueViolation(err) && next.name) throw nameTaken(next.name);
      throw err;
    }
  },
};
