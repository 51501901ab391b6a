import type { Command } from 'commander';
import { seedDemo } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { table } from '../output.ts';
import { setExit } from '../exit.ts';

export function registerDemo(program: Command): void {
  program.command('demo').description('演示数据').command('seed')
    .description('在空数据库中生成演示数据：福建省松溪县与湖南省隆回县的演示机构、各角色账号和虚构儿童（姓名、身份证号、电话均为合成，不对应真实人员）')
    .option('--children <人数>', '生成的儿童人数（默认 1000）', (v) => Number(v))
    .action(async (opts: { children?: number }) => setExit(await withContext(async ({ ctx, o }) => {
      if (opts.children !== undefined && !(Number.isInteger(opts.children) && opts.children >= 0 && opts.children <= 200_000)) {
        o.err('错误：--children 应为 0–200000 之间的整数');
        return 1;
      }
      const r = await seedDemo(ctx, { ...(opts.children !== undefined ? { children: opts.children } : {}), print: (line) => o.err(line) });
      o.out(`演示数据已生成：${r.orgs.length} 个机构，${r.accounts.length} 个账号，${r.children} 名儿童，${r.visits} 次走访（用时 ${r.seconds.toFixed(1)} 秒）`);
      o.out('');
      for (const line of table(['用户名', '姓名', '角色', '机构', '管辖范围', '一次性密码'], r.accounts.map((a) => [a.username, a.displayName, a.roleLabel, a.orgName, a.jurisdiction, a.password]))) o.out(line);
      o.out('');
      o.out('以上一次性密码仅显示这一次；首次登录须修改密码并绑定动态口令。');
    })));
}
