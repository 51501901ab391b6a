/**
 * Roles and what each may do. Separation of duties (等保2.0 三级 安全管理中心): the admin manages
 * accounts but never reads children's data; the auditor reads the ledger, never the records.
 */
export const ROLES = {
  admin: '系统管理员',
  protection_officer: '个人信息保护负责人',
  civil_affairs_officer: '民政工作人员',
  child_supervisor: '儿童督导员',
  child_director: '儿童主任',
  department_staff: '部门工作人员',
  social_worker: '社会工作者',
  volunteer: '志愿者',
  reviewer: '审核员',
  auditor: '审计员',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as Role[];
export function isRole(s: string): s is Role {
  return Object.hasOwn(ROLES, s);
}

export const PERMISSIONS = [
  'org.manage', 'user.manage', 'region.read',
  'child.read', 'child.write', 'child.import', 'child.export', 'visit.write',
  'ledger.read', 'ledger.verify',
  'purpose.manage', 'sharing.request', 'sharing.approve',
  // 第八、十三、十四条: who drafts publicity about children, who reviews it (publication/publishers.ts).
  'publication.submit', 'publication.review',
  // 第五条: compiling the leak-screening package (fingerprints only) from the registry.
  'screen.build',
  // 第五条: handling leak incidents (notices to platforms, follow-up, closure, breach handling).
  'incident.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_WRITE: Permission[] = ['region.read', 'child.read', 'child.write', 'visit.write'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  admin: ['org.manage', 'user.manage', 'region.read'],
  // 个人信息保护法 第五十二条: the protection officer edits purposes and decides on sharing (第五十五条 assessment).
  protection_officer: [...READ_WRITE, 'child.import', 'child.export', 'ledger.read', 'ledger.verify', 'purpose.manage', 'sharing.request', 'sharing.approve', 'publication.review', 'screen.build', 'incident.manage'],
  civil_affairs_officer: [...READ_WRITE, 'child.import', 'child.export', 'sharing.request', 'publication.submit', 'incident.manage'],
  child_supervisor: READ_WRITE,
  child_director: READ_WRITE,
  // incident.manage only in a cyberspace (网信) org: the server checks the org type (incidents/incident-access.ts).
  department_staff: ['region.read', 'child.read', 'sharing.request', 'publication.submit', 'incident.manage'],
  social_worker: ['region.read', 'child.read', 'sharing.request'],
  volunteer: ['region.read', 'child.read'],
  reviewer: ['region.read', 'publication.review'],
  auditor: ['region.read', 'ledger.read', 'ledger.verify'],
});

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * 等保2.0 三级 requires two different factors for administrators and for anyone who can see
 * identifying data; every role here either manages accounts or can see such data, or audits it.
 */
export function requiresTotp(_role: Role): boolean {
  return true;
}
