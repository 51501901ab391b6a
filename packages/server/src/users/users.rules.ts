import type { Kysely } from 'kysely';
import { errors, ORG_TYPES, ROLES, type OrgType, type Role } from '@hutong/core';
import { checkRegionCode, NATIONWIDE, regionWithin } from '../orgs/region-check.ts';
import type { Database } from '../shared/db/schema.ts';
import { usersRepo } from './users.repo.ts';

/**
 * Which account fits which org (第三十六条 最小授权). These rules are the whole of it; the
 * service applies them on create and on every change, the org service when an org changes.
 */
export interface OrgFacts {
  readonly id: string;
  readonly type: string;
  readonly regionCode: string;
}

/** Roles whose work is not tied to one place: jurisdiction may be anywhere, even nationwide. */
const UNBOUND_ROLES: ReadonlySet<Role> = new Set(['admin', 'auditor']);
/** 儿童督导员 and 儿童主任 are posts of the civil-affairs system (民发〔2019〕34号). */
const CIVIL_AFFAIRS_ONLY: ReadonlySet<Role> = new Set(['child_director', 'child_supervisor']);

export function roleFitProblem(role: Role, org: Pick<OrgFacts, 'type'> | null): string | null {
  if (!org) return role === 'admin' ? null : `角色“${ROLES[role]}”必须隶属于某个机构`;
  if (CIVIL_AFFAIRS_ONLY.has(role) && org.type !== 'civil_affairs') {
    return `角色“${ROLES[role]}”只能设在民政机构，而该机构类型为“${ORG_TYPES[org.type as OrgType] ?? org.type}”`;
  }
  return null;
}

export function jurisdictionProblem(role: Role, org: Pick<OrgFacts, 'regionCode'> | null, jurisdiction: string): string | null {
  if (UNBOUND_ROLES.has(role)) return null;
  if (jurisdiction === NATIONWIDE) return '只有系统管理员和审计员的管辖范围可以是全国';
  if (org && !regionWithin(org.regionCode, jurisdiction)) {
    return `管辖范围 ${jurisdiction} 不在所属机构的区划 ${org.regionCode} 之内`;
  }
  return null;
}

/**
 * Validates role + org + jurisdiction together and returns the normalised jurisdiction. When
 * none is given, a bound role takes its org's region and admin/auditor take the whole country.
 */
export function checkAccountPlacement(role: Role, org: OrgFacts | null, rawJurisdiction: string | undefined): string {
  const fit = roleFitProblem(role, org);
  if (fit) throw errors.validation([{ field: org ? 'role' : 'orgId', message: fit }]);
  const unbound = UNBOUND_ROLES.has(role);
  const jurisdiction = rawJurisdiction === undefined
    ? (unbound && !org ? NATIONWIDE : org!.regionCode)
    : checkRegionCode(rawJurisdiction, 'jurisdiction', { allowNationwide: unbound });
  const problem = jurisdictionProblem(role, org, jurisdiction);
  if (problem) throw errors.validation([{ field: 'jurisdiction', message: problem }]);
  return jurisdiction;
}

/** An org may not change type or region under its members' feet: 409 says how many are affected. */
export async function assertOrgChangeKeepsMembers(db: Kysely<Database>, org: OrgFacts): Promise<void> {
  const members = await usersRepo.membersOf(db, org.id);
  let misfit = 0;
  let outside = 0;
  for (const m of members) {
    const role = m.role as Role;
    if (!Object.hasOwn(ROLES, role)) continue;
    if (roleFitProblem(role, org)) misfit++;
    else if (jurisdictionProblem(role, org, m.jurisdiction.trim())) outside++;
  }
  if (misfit || outside) {
    const parts = [misfit ? `${misfit} 个用户的角色与新机构类型不符` : '', outside ? `${outside} 个用户的管辖范围不在新区划之内` : ''].filter(Boolean);
    throw errors.conflict(`不能这样修改机构：${parts.join('，')}；请先调整这些用户`);
  }
}
