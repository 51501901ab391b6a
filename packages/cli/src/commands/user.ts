import type { Command } from 'commander';
import { ROLES, ROLE_KEYS, type Role } from '@hutong/core';
import { cliActor, orgsService, usersService } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { setExit } from '../exit.ts';

const LABELS = { username: '--username', displayName: '--name', orgId: '--org', role: '--role', jurisdiction: '--jurisdiction' };
const ROLE_HELP = ROLE_KEYS.map((k) => `${k}（${ROLES[k]}）`).join('、');

/** Accepts the role code or its Chinese label (儿童主任…). */
export function parseRole(s: string): Role | undefined {
  const t = s.trim();
  return ROLE_KEYS.find((k) => k === t || ROLES[k] === t);
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('用户管理');

  user.command('add')
    .description('新建用户，输出一次性密码（首次登录须修改密码并绑定动态口令）')
    .requiredOption('--username <用户名>', '登录名：3–32 位小写字母、数字或 . _ -，以字母开头')
    .requiredOption('--name <显示名>', '姓名或称呼，如“张主任”')
    .requiredOption('--org <机构>', '所属机构：机构编号或完整名称')
    .requiredOption('--role <角色>', `角色代码或名称：${ROLE_HELP}`)
    .option('--jurisdiction <区划代码>', '管辖范围（默认为所属机构的区划；儿童主任通常填所在村/社区的 12 位代码）')
    .action(async (opts: { username: string; name: string; org: string; role: string; jurisdiction?: string }) => setExit(await withContext(async ({ ctx, o }) => {
      const role = parseRole(opts.role);
      if (!role) { o.err(`错误：未知的角色“${opts.role}”。可选：${ROLE_HELP}`); return 1; }
      const org = await orgsService.findOrgByIdOrName(ctx, opts.org);
      if (!org) { o.err(`错误：找不到机构“${opts.org}”（请填写机构编号或完整名称；用 hutong org list 查看）`); return 1; }
      const { user: created, password } = await usersService.createUser(ctx, cliActor(null), {
        username: opts.username, displayName: opts.name, orgId: org.id, role,
        ...(opts.jurisdiction ? { jurisdiction: opts.jurisdiction } : {}),
      });
      o.out(`已创建用户 ${created.username}（${created.displayName}，${created.roleLabel}，${org.name}，管辖范围 ${created.jurisdiction}）`);
      o.out(`一次性密码：${password}`);
      o.out('请当面或经安全渠道交给本人；仅显示这一次。首次登录须修改密码并绑定动态口令。');
    }, LABELS)));

  user.command('reset-password')
    .description('重置口令并输出新的一次性密码（如管理员遗失首次口令）；可同时解除动态口令绑定')
    .argument('<用户名>', '登录名，如 admin')
    .option('--reset-totp', '同时解除动态口令绑定（须在首次登录时重新绑定）')
    .action(async (username: string, opts: { resetTotp?: boolean }) => setExit(await withContext(async ({ ctx, o }) => {
      const found = await usersService.findByUsername(ctx, username);
      if (!found) { o.err(`错误：找不到用户“${username}”`); return 1; }
      const { password } = await usersService.resetPassword(ctx, cliActor(null), found.id, { resetTotp: opts.resetTotp === true });
      o.out(`已重置 ${found.username} 的口令。一次性密码：${password}`);
      o.out(opts.resetTotp ? '动态口令绑定已解除，首次登录须修改密码并重新绑定。' : '首次登录须修改密码。');
    }, LABELS)));
}
