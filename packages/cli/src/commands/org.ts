import type { Command } from 'commander';
import { ORG_TYPES, ORG_TYPE_KEYS, type OrgType } from '@hutong/core';
import { cliActor, orgsService } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { table } from '../output.ts';
import { setExit } from '../exit.ts';

const LABELS = { name: '--name', type: '--type', regionCode: '--region' };

/** Accepts the type code or its Chinese label (民政, 学校…). */
export function parseOrgType(s: string): OrgType | string {
  const t = s.trim();
  return ORG_TYPE_KEYS.find((k) => k === t || ORG_TYPES[k] === t) ?? t;
}

export function registerOrg(program: Command): void {
  const org = program.command('org').description('机构管理（谁主管谁负责：儿童信息归属登记它的机构）');

  org.command('add')
    .description('新建机构，输出机构编号')
    .requiredOption('--name <名称>', '机构名称，如“松溪县民政局”')
    .requiredOption('--type <类型>', `机构类型代码或名称：${ORG_TYPE_KEYS.map((k) => `${k}（${ORG_TYPES[k]}）`).join('、')}`)
    .requiredOption('--region <区划代码>', '机构所在行政区划代码（2–12 位，如 350724 为松溪县）')
    .action(async (opts: { name: string; type: string; region: string }) => setExit(await withContext(async ({ ctx, o }) => {
      const type = parseOrgType(opts.type);
      if (!(ORG_TYPE_KEYS as string[]).includes(type)) {
        o.err(`错误：未知的机构类型“${opts.type}”。可选：${ORG_TYPE_KEYS.map((k) => `${k}（${ORG_TYPES[k]}）`).join('、')}`);
        return 1;
      }
      const created = await orgsService.createOrg(ctx, cliActor(null), { name: opts.name, type: type as OrgType, regionCode: opts.region });
      o.err(`已创建机构“${created.name}”（${created.typeLabel}，${created.regionName ?? created.regionCode}）`);
      o.out(created.id);
    }, LABELS)));

  org.command('list')
    .description('列出全部机构')
    .action(async () => setExit(await withContext(async ({ ctx, o }) => {
      const orgs = await orgsService.listOrgs(ctx);
      if (orgs.length === 0) { o.out('尚无机构。用 hutong org add 新建。'); return; }
      for (const line of table(['机构编号', '名称', '类型', '区划'], orgs.map((x) => [x.id, x.name, x.typeLabel, `${x.regionCode} ${x.regionName ?? ''}`]))) o.out(line);
    })));
}
