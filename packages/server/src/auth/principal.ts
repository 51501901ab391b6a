import { isOrgType, isRole, type OrgType, type Role } from '@hutong/core';
import type { Actor } from '../shared/http/actor.ts';

/** A user with their org, as one query returns it for a session or a token. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly org: { readonly id: string; readonly name: string; readonly type: OrgType; readonly regionCode: string } | null;
}

/** Column aliases every principal query selects (users as u left join orgs as o). */
export const PRINCIPAL_COLUMNS = [
  'u.id as u_id', 'u.username as u_username', 'u.display_name as u_display_name', 'u.role as u_role',
  'u.jurisdiction as u_jurisdiction', 'u.must_change_password as u_must_change_password', 'u.disabled as u_disabled',
  'o.id as o_id', 'o.name as o_name', 'o.type as o_type', 'o.region_code as o_region_code',
] as const;

export interface PrincipalRow {
  u_id: string;
  u_username: string;
  u_display_name: string;
  u_role: string;
  u_jurisdiction: string;
  u_must_change_password: boolean;
  u_disabled: boolean;
  o_id: string | null;
  o_name: string | null;
  o_type: string | null;
  o_region_code: string | null;
}

/** Null when the stored role or org type is unknown: such an account authenticates nothing. */
export function toPrincipal(row: PrincipalRow): Principal | null {
  if (!isRole(row.u_role)) return null;
  let org: Principal['org'] = null;
  if (row.o_id) {
    if (!row.o_type || !isOrgType(row.o_type)) return null;
    org = { id: row.o_id, name: row.o_name ?? '', type: row.o_type, regionCode: (row.o_region_code ?? '').trim() };
  }
  return {
    userId: row.u_id,
    username: row.u_username,
    displayName: row.u_display_name,
    role: row.u_role,
    jurisdiction: row.u_jurisdiction.trim(),
    mustChangePassword: row.u_must_change_password,
    disabled: row.u_disabled,
    org,
  };
}

export function toActor(p: Principal, via: Actor['via'], requestId: string): Actor {
  return Object.freeze({
    userId: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    orgId: p.org?.id ?? null,
    orgType: p.org?.type ?? null,
    orgRegion: p.org?.regionCode ?? null,
    jurisdiction: p.jurisdiction,
    via,
    requestId,
  });
}
