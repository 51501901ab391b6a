import type { AppContext } from '../context.ts';
import { NATIONWIDE } from '../orgs/region-check.ts';
import { usersService } from './users.service.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * On an empty database, creates `admin` (系统管理员, no org, jurisdiction 000000000000 = 全国,
 * the division tree's root) with a one-time password printed once. Like every account it must
 * change that password and enrol TOTP before its first session becomes active. The password is
 * printed, never logged or stored in clear; if it is lost, `hutong user reset-password admin`.
 */
export async function ensureFirstAdmin(ctx: AppContext, opts: { print: (line: string) => void }): Promise<void> {
  if ((await usersService.countUsers(ctx)) > 0) return;
  let password: string;
  try {
    ({ password } = await usersService.createUser(ctx, null, {
      username: FIRST_ADMIN_USERNAME, displayName: '系统管理员', orgId: null, role: 'admin', jurisdiction: NATIONWIDE,
    }));
  } catch (err) {
    // Another process (CLI and server started together) created it first: nothing to print.
    if ((err as { code?: string }).code === 'HUTONG_CONFLICT') return;
    throw err;
  }
  opts.print(`首次启动：管理员账号 ${FIRST_ADMIN_USERNAME}，一次性密码 ${password}（首次登录须修改密码并绑定动态口令）`);
  opts.print(`First start: administrator account "${FIRST_ADMIN_USERNAME}", one-time password ${password} (change it and enrol an authenticator app at first login).`);
}
