import { z } from 'zod';
import { ROLE_KEYS, ROLES, type Role } from '@hutong/core';
import type { UserRow } from './users.repo.ts';

const role = z.enum(ROLE_KEYS as [Role, ...Role[]], { message: '角色不在允许范围内' });
const jurisdiction = z.string().trim().regex(/^\d{2,12}$/, '管辖范围应为 2、4、6、9 或 12 位行政区划代码');
const orgId = z.uuid('机构编号格式不正确').nullable();

/** Lower-case ASCII so that 张三 vs ZhangSan look-alikes cannot coexist; people's names go in displayName. */
export const USERNAME_RULE = /^[a-z][a-z0-9._-]{2,31}$/;
export const username = z.string().trim().toLowerCase()
  .regex(USERNAME_RULE, '用户名应为 3–32 位小写字母、数字或 . _ -，并以字母开头');
const displayName = z.string().trim().min(1, '请填写姓名或称呼').max(50, '姓名不能超过 50 个字');

export const createUserBody = z.object({
  username,
  displayName,
  orgId: orgId.optional(),
  role,
  jurisdiction: jurisdiction.optional().describe('管辖范围行政区划代码；不填则取所属机构的区划（管理员、审计员可为全国 000000000000）'),
});

export const patchUserBody = z.object({
  displayName: displayName.optional(),
  orgId: orgId.optional(),
  role: role.optional(),
  jurisdiction: jurisdiction.optional(),
  disabled: z.boolean().optional(),
}).refine((b) => Object.values(b).some((v) => v !== undefined), { message: '至少修改一项' });

export const resetPasswordBody = z.object({
  resetTotp: z.boolean().default(false).describe('同时解除动态口令绑定（用户丢失手机时）'),
}).default({ resetTotp: false });

export const userIdParams = z.object({ id: z.uuid('用户编号格式不正确') });

export const listUsersQuery = z.object({
  orgId: z.uuid('机构编号格式不正确').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const userDto = z.object({
  id: z.string(), username: z.string(), displayName: z.string(),
  orgId: z.string().nullable(), orgName: z.string().nullable(),
  role: z.string(), roleLabel: z.string(), jurisdiction: z.string(),
  mustChangePassword: z.boolean(), totpEnrolled: z.boolean(), disabled: z.boolean(),
  failedLogins: z.number().int(), lockedUntil: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export type UserDto = z.infer<typeof userDto>;

export const userListResponse = z.object({ items: z.array(userDto), total: z.number().int() });
export const userWithPasswordResponse = z.object({
  user: userDto,
  initialPassword: z.string().describe('一次性密码，仅此一次显示；首次登录须修改'),
});

export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id, username: u.username, displayName: u.display_name,
    orgId: u.org_id, orgName: u.org_name,
    role: u.role, roleLabel: ROLES[u.role as Role] ?? u.role, jurisdiction: u.jurisdiction.trim(),
    mustChangePassword: u.must_change_password, totpEnrolled: u.totp_enrolled, disabled: u.disabled,
    failedLogins: u.failed_logins, lockedUntil: u.locked_until?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(), updatedAt: u.updated_at.toISOString(),
  };
}
