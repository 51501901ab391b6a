import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { checkPolicyScenario } from '@hutong/core';
import { setExit } from '../exit.ts';
import { stdio, type Out } from '../output.ts';

const HELP_AFTER = `
每行一个场景（JSON），例如：
  {"id":"s1","date":"2024-05-11","actor":{"orgType":"social_org","role":"social_worker","regionCode":"350724"},
   "child":{"birthDate":"2010-05-10","regionCode":"350724101201","categories":["left_behind"],"canExpressWill":true},
   "consents":[{"by":"child","purposes":["care_service"],"recipientOrgTypes":["social_org"],"date":"2024-05-11","withdrawn":false}],
   "guardianNotified":"2024-05-11","purpose":"care_service","act":"use","fields":["name","guardianPhone"]}
可选：actor.orgId；consents[].id、recipientOrgIds、expiresOn（有效期最后一天）、withdrawnOn（撤回生效日）、
noticeOfNecessityAndImpact；recipient {"orgType","orgId"}（提供时的接收方）；note（备注）。
每个场景在标准输出打印一行：{"id","decision":"allow"|"deny","allowedFields":[…],"reasons":[{"article","message"}]}。
有误的行在标准错误中逐行说明（行号与字段），其余场景照常判定；只要有一行有误，退出码为 1。
示例文件：docs/policy-scenarios.example.jsonl`;

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('合法性基础试算（纯规则判定，不连接数据库）');
  policy.command('check')
    .description('逐行读取 JSONL 场景，按《困境儿童个人信息保护工作办法》第十二至十五条及《个人信息保护法》判定是否允许、可处理哪些字段及依据')
    .requiredOption('--in <文件>', '场景文件（JSONL，每行一个场景）；用 - 从标准输入读取')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: { in: string }) => setExit(await runPolicyCheck(opts.in, stdio)));
}

/** Decides every scenario line; returns 1 if any line was unreadable or invalid, else 0. */
export async function runPolicyCheck(file: string, o: Out, stdin: Readable = process.stdin): Promise<number> {
  let input: Readable;
  if (file === '-') input = stdin;
  else {
    try {
      await fs.promises.access(file, fs.constants.R_OK);
    } catch {
      o.err(`错误：无法读取场景文件“${file}”（文件不存在或没有读取权限）`);
      return 1;
    }
    input = fs.createReadStream(file, { encoding: 'utf8' });
  }

  let lineNo = 0, decided = 0, bad = 0;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const raw of rl) {
      lineNo += 1;
      const line = (lineNo === 1 ? raw.replace(/^\uFEFF/u, '') : raw).trim();
      if (line === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        bad += 1;
        o.err(`错误：第 ${lineNo} 行 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const checked = checkPolicyScenario(value);
      if (!checked.ok) {
        bad += 1;
        const who = checked.id ? `（场景 ${checked.id}）` : '';
        for (const p of checked.problems) o.err(`错误：第 ${lineNo} 行${who} ${p.field}：${p.message}`);
        continue;
      }
      decided += 1;
      o.out(JSON.stringify(checked.result));
    }
  } catch (e) {
    o.err(`错误：读取场景时出错（第 ${lineNo} 行之后）：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  if (bad > 0) {
    o.err(`共 ${decided + bad} 个场景：已判定 ${decided} 个，${bad} 行有误未判定（见上）`);
    return 1;
  }
  return 0;
}
