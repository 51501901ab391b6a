import { z } from 'zod';
import { effectivePermissions, ORG_TYPES, ROLES } from '@hutong/core';
import type { Principal } from './principal.ts';
import type { SessionStage } from './sessions.repo.ts';

export const nextStepSchema = z.object({
  next: z.enum(['change_password', 'enrol_totp', 'totp', 'done']).describe('下一步：修改密码、绑定动态口令、输入动态口令或完成'),
});

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256, '密码过长'),
  newPassword: z.string().min(1, '请输入新密码').max(256, '密码过长'),
});

export const totpCodeBody = z.object({
  code: z.string().trim().regex(/^\d{6}$/, '动态口令应为 6 位数字'),
});

export const totpEnrolResponse = z.object({
  secret: z.string().describe('Base32 密钥（仅本次显示，可手动输入验证器）'),
  otpauthUrl: z.string(),
  qrDataUrl: z.string().describe('二维码图片（data:image/png）'),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string(), username: z.string(), displayName: z.string(), role: z.string(), roleLabel: z.string(),
    jurisdiction: z.string(), mustChangePassword: z.boolean(),
  }),
  org: z.object({ id: z.string(), name: z.string(), type: z.string(), typeLabel: z.string(), regionCode: z.string() }).nullable(),
  permissions: z.array(z.string()),
  stage: z.enum(['change_password', 'enrol_totp', 'totp', 'active']),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
});

export const tokenCreateBody = z.object({
  name: z.string().trim().min(1, '请填写令牌名称').max(64, '名称不能超过 64 个字符'),
  expiresInDays: z.number().int('有效天数应为整数').min(1, '有效天数至少 1 天').max(365, '有效天数不能超过 365 天'),
});

const tokenDto = z.object({
  id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), expiresAt: z.string(),
  lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(), revoked: z.boolean(), expired: z.boolean(),
});
export const tokenListResponse = z.object({ items: z.array(tokenDto) });
export const tokenCreatedResponse = tokenDto.extend({ token: z.string().describe('完整令牌，仅此一次显示') });
export const tokenIdParams = z.object({ id: z.uuid('令牌编号格式不正确') });

/** Permissions are listed only once the login is complete: before that the session can do nothing. */
export function toMeDto(p: Principal, stage: SessionStage, expiresAt: Date, idleTimeoutMinutes: number): z.infer<typeof meResponse> {
  return {
    user: {
      id: p.userId, username: p.username, displayName: p.displayName, role: p.role, roleLabel: ROLES[p.role],
      jurisdiction: p.jurisdiction, mustChangePassword: p.mustChangePassword,
    },
    org: p.org ? { id: p.org.id, name: p.org.name, type: p.org.type, typeLabel: ORG_TYPES[p.org.type], regionCode: p.org.regionCode } : null,
    permissions: stage === 'active' ? effectivePermissions(p.role, p.org?.type ?? null) : [],
    stage,
    idleTimeoutSeconds: idleTimeoutMinutes * 60,
    expiresAt: expiresAt.toISOString(),
  };
}
