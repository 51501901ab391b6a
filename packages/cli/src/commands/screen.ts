import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { runWorker, scanJsonl, Scanner, ScreeningPackage, type JsonlScanReport } from '@hutong/screen';
import { buildScreeningPackage, cliActor, orgsService } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { printError, stdio, type Out } from '../output.ts';
import { setExit } from '../exit.ts';

const HOLDER_NOTE = '巡查包不含任何姓名或证件号，但持有者可以用它验证对“完整组合”（如姓名＋村名）的猜测：只交给负责巡查的网信部门或网络平台，过期后删除。';

const SCAN_HELP = `
输入每行一个 JSON：{"id":"p1","url":"https://…","text":"……"}（url 可省略）。
输出每行一个 JSON，每条命中一行：{"id":"p1","child":"<不透明引用>","evidence":[{"kind":"name","start":0,"end":3},{"kind":"village","start":5,"end":8}],"flags":["label"],"score":0.98}
child 只有平台能对应到儿童；start、end 按 Unicode 码位计数，end 不含。只出现姓名（没有村、乡镇、学校、监护人姓名或身份证号）的帖子不算命中。
flags：label 含标签化用语、exploit 含募捐/直播带货等用语（第十五条）。有误的行在标准错误中逐行说明，其余照常处理；有误时退出码为 1。`;

export function registerScreen(program: Command): void {
  const screen = program.command('screen').description('泄露巡查（第五条）：编制只含密钥指纹的巡查包，扫描帖子，或作为 JetStream 工作进程运行');

  screen.command('build')
    .description('从名册编制巡查包：只含姓名与村/乡镇/学校/监护人姓名等组合及身份证号的密钥指纹，不含任何明文；名册变化后只重新计算变化的儿童（记入处理台账）')
    .requiredOption('--out <文件>', '巡查包文件（已存在则拒绝覆盖；以 600 权限创建）')
    .option('--org <机构>', '按该机构的辖区编制（机构编号或完整名称）；不填则编制全国的巡查包')
    .option('--days <天数>', '有效期（1–90 天，默认 30）')
    .option('--rekey', '启用新的密钥周期：全部儿童重新计算指纹，此前各版巡查包的密钥不再匹配')
    .action(async (opts: { out: string; org?: string; days?: string; rekey?: boolean }) => {
      if (fs.existsSync(opts.out)) {
        stdio.err(`错误：输出文件“${opts.out}”已存在，为免覆盖旧版巡查包，请换一个文件名或先删除它`);
        return setExit(1);
      }
      setExit(await withContext(async ({ ctx, o }) => {
        let org = null;
        if (opts.org) {
          org = await orgsService.findOrgByIdOrName(ctx, opts.org);
          if (!org) throw Object.assign(new Error(`找不到机构“${opts.org}”（请填写机构编号或完整名称；用 hutong org list 查看）`), { code: 'HUTONG_NOT_FOUND' });
        }
        const validDays = opts.days === undefined ? undefined : Number(opts.days);
        const { bytes, report: r } = await buildScreeningPackage(ctx, cliActor(org, 'protection_officer'), { ...(validDays !== undefined ? { validDays } : {}), rekey: opts.rekey === true });
        fs.writeFileSync(opts.out, bytes, { mode: 0o600, flag: 'wx' });
        o.out(`已编制巡查包 ${opts.out}：第 ${r.version} 版（密钥周期 ${r.epoch}），${r.children} 名儿童、${r.fingerprints} 个指纹，${(r.bytes / 2 ** 20).toFixed(1)} MiB`);
        o.out(`本次重新计算 ${r.derived} 名、沿用 ${r.reused} 名、移除 ${r.removed} 名；用时 ${r.seconds.toFixed(1)} 秒；有效期至 ${r.expiresAt}`);
        o.out(`SM3：${r.digest}`);
        o.out(HOLDER_NOTE);
      }, { validDays: '--days', org: '--org' }));
    });

  screen.command('scan')
    .description('用巡查包扫描帖子（JSONL），逐行输出披露了在册儿童的帖子；不需要数据库')
    .requiredOption('--package <文件>', '巡查包')
    .requiredOption('--in <文件>', '输入 JSONL；用 - 从标准输入读取')
    .requiredOption('--out <文件>', '输出 JSONL；用 - 写到标准输出')
    .addHelpText('after', SCAN_HELP)
    .action(async (opts: { package: string; in: string; out: string }) => setExit(await runScan(opts, stdio)));

  screen.command('worker')
    .description('作为 JetStream 工作进程扫描：从流 S（主题 S.posts）取帖子，命中写入流 S_HITS（主题 S.hits，按命中编号去重）；可同时运行多个')
    .requiredOption('--nats <地址>', 'NATS 服务器，例如 nats://127.0.0.1:4222')
    .requiredOption('--stream <名称>', '帖子流名称 S（字母、数字、下划线、连字符）')
    .requiredOption('--package <文件>', '巡查包')
    .option('--batch <条数>', '每次拉取的消息数（默认 256）')
    .action(async (opts: { nats: string; stream: string; package: string; batch?: string }) => setExit(await runScreenWorker(opts, stdio)));
}

function openPackage(file: string): Scanner {
  return new Scanner(ScreeningPackage.open(file).assertCurrent());
}

export async function runScan(opts: { package: string; in: string; out: string }, o: Out, stdin: Readable = process.stdin, stdout: Writable = process.stdout): Promise<number> {
  let scanner: Scanner;
  try {
    scanner = openPackage(opts.package);
  } catch (e) {
    return printError(o, e);
  }
  let input: Readable, output: Writable;
  try {
    input = opts.in === '-' ? stdin : fs.createReadStream(opts.in);
    if (opts.in !== '-') await new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject));
  } catch {
    o.err(`错误：无法读取输入文件“${opts.in}”（文件不存在或没有读取权限）`);
    return 1;
  }
  try {
    output = opts.out === '-' ? stdout : fs.createWriteStream(opts.out, { mode: 0o600 });
    if (opts.out !== '-') await new Promise<void>((resolve, reject) => output.once('open', () => resolve()).once('error', reject));
  } catch (e) {
    o.err(`错误：无法写入输出文件“${opts.out}”：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const t0 = performance.now();
  let r: JsonlScanReport;
  try {
    r = await scanJsonl(scanner, input, output, (line, msg) => o.err(`错误：第 ${line} 行 ${msg}`));
  } catch (e) {
    o.err(`错误：读取输入时出错：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    if (output !== stdout) await new Promise<void>((resolve) => output.end(resolve));
  }
  const seconds = (performance.now() - t0) / 1000;
  o.err(`已扫描 ${r.posts} 条帖子（${(r.bytes / 1e6).toFixed(1)} MB，${seconds.toFixed(1)} 秒）：${r.postsWithHits} 条披露了在册儿童，共 ${r.hits} 条命中${r.bad ? `；${r.bad} 行有误未处理（见上）` : ''}`);
  return r.bad ? 1 : 0;
}

async function runScreenWorker(opts: { nats: string; stream: string; package: string; batch?: string }, o: Out): Promise<number> {
  const batch = opts.batch === undefined ? undefined : Number(opts.batch);
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 10_000)) {
    o.err('错误：--batch 应为 1–10000 的整数');
    return 1;
  }
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const scanner = openPackage(opts.package);
    const r = await runWorker({
      servers: opts.nats, stream: opts.stream, scanner, signal: abort.signal, log: (line) => o.err(line),
      ...(batch !== undefined ? { batch } : {}),
      onReady: () => o.err(`巡查工作进程已启动：${opts.nats} 流 ${opts.stream}（第 ${scanner.pkg.header.version} 版巡查包，${scanner.pkg.header.children} 名儿童）；Ctrl+C 停止`),
    });
    o.err(`已停止：处理 ${r.posts} 条帖子，写入命中 ${r.hits} 条（重复投递去重 ${r.duplicates} 条），丢弃有误消息 ${r.bad} 条`);
    return r.expired ? 1 : 0;
  } catch (e) {
    if (e instanceof RangeError) {
      o.err(`错误：${e.message}`);
      return 1;
    }
    return printError(o, e);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
