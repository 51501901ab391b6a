import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { PURPOSE_CODES, FORBIDDEN_PURPOSES } from '@hutong/core';
import { cliActor, exportChildren, importChildren, orgsService, type AppContext, type ImportReport } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import type { Out } from '../output.ts';
import { setExit } from '../exit.ts';

const MAX_PRINTED = 100;

async function resolveOrg(ctx: AppContext, ref: string) {
  const org = await orgsService.findOrgByIdOrName(ctx, ref);
  if (!org) throw Object.assign(new Error(`找不到机构“${ref}”（请填写机构编号或完整名称；用 hutong org list 查看）`), { code: 'HUTONG_NOT_FOUND' });
  return org;
}

/** A bar on stderr only for people watching a long import; logs and pipes get the summary alone. */
function progressBar() {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(p: { phase: 'validate' | 'write'; done: number; total: number }) {
      if (p.phase !== 'write' || p.total <= 1000) return;
      if (!bar) {
        bar = new cliProgress.SingleBar({ stream: process.stderr, format: '写入 |{bar}| {percentage}% {value}/{total} 行 | 已用 {duration_formatted} | 剩余约 {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(p.total, 0);
      }
      bar.update(p.done);
    },
    stop: () => bar?.stop(),
  };
}

export function printImportReport(o: Out, r: ImportReport, skipInvalid: boolean): number {
  o.out(`文件：${r.file}（${r.format.toUpperCase()}），共 ${r.rows} 行数据；无误 ${r.valid} 行，有问题 ${r.invalid} 行`);
  for (const p of r.problems.slice(0, MAX_PRINTED)) o.out(`  第 ${p.row} 行 ${p.column}：${p.message}`);
  if (r.problems.length > MAX_PRINTED) o.out(`  ……另有 ${r.problems.length - MAX_PRINTED} 个问题未列出（加 --json 可输出全部）`);
  const speed = `用时 ${r.seconds.toFixed(1)} 秒，约 ${r.rowsPerSecond} 行/秒`;
  if (r.refused) {
    o.out(`未导入任何数据：文件中有 ${r.invalid} 行有问题。请改正后重新导入，或加 --skip-invalid 只导入无误的行。`);
    return 1;
  }
  if (r.dryRun) {
    o.out(`试运行：校验完成，未写入任何数据（正式导入将导入 ${r.valid} 行；${speed}）`);
    return 0;
  }
  o.out(`已导入 ${r.imported} 名儿童，每人一条“收集”台账记录${skipInvalid && r.invalid ? `；跳过有问题的 ${r.invalid} 行` : ''}（${speed}）`);
  return 0;
}

export function registerImportExport(program: Command): void {
  program.command('import').description('批量导入').command('children')
    .description('从 CSV（UTF-8 或 GB18030）或 XLSX 导入儿童名册；先校验全部行，任何一行有误则不导入')
    .requiredOption('--file <文件>', '名册文件（.csv 或 .xlsx），表头：姓名,性别,出生日期,身份证号,区划代码,现住址,就读学校,儿童类别,监护人姓名,监护人关系,监护人电话（可加 民族,户籍地址,年级,联系电话,健康状况,残疾情况,监护情况,救助帮扶情况,监护人身份证号）')
    .requiredOption('--org <机构>', '儿童信息的归属机构：机构编号或完整名称')
    .option('--skip-invalid', '只导入无误的行，跳过并列出有问题的行')
    .option('--dry-run', '只校验，不写入')
    .option('--json', '以 JSON 输出完整报告')
    .action(async (opts: { file: string; org: string; skipInvalid?: boolean; dryRun?: boolean; json?: boolean }) => setExit(await withContext(async ({ ctx, o }) => {
      const org = await resolveOrg(ctx, opts.org);
      const bar = progressBar();
      let report: ImportReport;
      try {
        report = await importChildren(ctx, { file: opts.file, org, actor: cliActor(org), skipInvalid: opts.skipInvalid === true, dryRun: opts.dryRun === true, onProgress: bar.update });
      } finally {
        bar.stop();
      }
      const code = opts.json ? (o.out(JSON.stringify(report, null, 2)), report.refused ? 1 : 0) : printImportReport(o, report, opts.skipInvalid === true);
      // Sequencing (numbers, hash chain, Merkle tree, signed checkpoint) runs when the command ends.
      if (report.imported > 1000) o.err(`正在为 ${report.imported} 条台账记录编号、计算哈希链并签署检查点……`);
      return code;
    }, { file: '--file' })));

  const purposes = Object.entries(PURPOSE_CODES).filter(([k]) => !(FORBIDDEN_PURPOSES as string[]).includes(k)).map(([k, v]) => `${k}（${v}）`).join('、');
  program.command('export').description('导出').command('children')
    .description('导出本机构的儿童名册（表头同导入模板）；默认脱敏，导出全部信息须说明目的，均记入处理台账')
    .requiredOption('--org <机构>', '机构编号或完整名称')
    .requiredOption('--out <文件>', '输出文件（.csv 或 .xlsx）；已存在则拒绝覆盖')
    .option('--purpose <目的>', `处理目的代码，给出时导出未脱敏信息：${purposes}（募捐、直播带货、博眼球等目的依第十五条一律拒绝）`)
    .action(async (opts: { org: string; out: string; purpose?: string }) => setExit(await withContext(async ({ ctx, o }) => {
      const org = await resolveOrg(ctx, opts.org);
      const r = await exportChildren(ctx, { org, actor: cliActor(org), out: opts.out, ...(opts.purpose ? { purpose: opts.purpose } : {}) });
      o.out(`已导出 ${r.children} 名儿童到 ${r.file}（${r.masked ? '已脱敏' : `未脱敏，目的：${PURPOSE_CODES[r.purpose as keyof typeof PURPOSE_CODES]}`}；文件权限 600）`);
      o.out('本次导出已作为一条“使用”记录写入处理台账。导出文件含儿童个人信息，请妥善保管、用后删除。');
    }, { purpose: '--purpose', file: '--out' })));
}
