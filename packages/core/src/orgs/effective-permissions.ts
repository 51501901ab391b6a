/**
 * What an account may do is its role's permissions narrowed by its org's duty: a department's
 * staff publish only in an org that publishes about children (第八、十四条) and handle leak
 * incidents only in a cyberspace office (第五条). The server enforces each where it acts; this
 * one list is what the console is told, so it never offers what the server would refuse.
 */
import { PUBLISHING_ORG_TYPES } from '../publication/publishers.ts';
import type { OrgType } from './org-types.ts';
import { ROLE_PERMISSIONS, type Permission, type Role } from './roles.ts';

const ORG_BOUND: Partial<Record<Permission, (role: Role, orgType: OrgType | null) => boolean>> = {
  'publication.submit': (_role, orgType) => orgType !== null && PUBLISHING_ORG_TYPES.includes(orgType),
  'incident.manage': (role, orgType) => role !== 'department_staff' || orgType === 'cyberspace',
};

export function effectivePermissions(role: Role, orgType: OrgType | null): Permission[] {
  return ROLE_PERMISSIONS[role].filter((p) => ORG_BOUND[p]?.(role, orgType) ?? true);
}
