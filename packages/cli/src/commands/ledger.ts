import type { Command } from 'commander';
import { appendLedger, cliActor, verifyLedger } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { setExit } from '../exit.ts';

export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('处理台账');

  ledger.command('verify')
    .description('校验台账：重算每条记录的哈希、哈希链、默克尔树与全部 SM2 签名检查点（含检查点文件）')
    .option('--json', '以 JSON 输出报告')
    .action(async (opts: { json?: boolean }) => setExit(await withContext(async ({ ctx, o }) => {
      // Entries written just now (e.g. at first start) are sequenced first, as the API does.
      await ctx.ledger.flush();
      const r = await verifyLedger(ctx.db, ctx.keyring, { checkpointFile: ctx.ledger.checkpointFile, windowMs: ctx.config.ledgerSequencingWindowMs });
      const actor = cliActor(null, 'auditor');
      await appendLedger(ctx.db, { category: 'admin', act: 'ledger_verify', actorUserId: actor.userId, requestId: actor.requestId, outcome: r.ok ? 'succeeded' : 'failed', reason: r.firstError?.kind ?? null });
      if (opts.json) {
        o.out(JSON.stringify({ ...r, entriesPerSecond: Math.round(r.entries / Math.max(r.seconds, 1e-6)) }, null, 2));
        return r.ok ? 0 : 1;
      }
      const rate = Math.round(r.entries / Math.max(r.seconds, 1e-6));
      o.out(r.ok ? '台账校验通过：未发现篡改、删除、插入或重排' : '台账校验失败');
      o.out(`  已核验条目：${r.entries}`);
      o.out(`  已核验检查点：${r.checkpoints}（其中 ${r.fileCheckpoints} 个来自检查点文件 ${ctx.ledger.checkpointFile ?? '（无）'}）`);
      o.out(`  根哈希（SM3）：${r.root}`);
      o.out(`  用时：${r.seconds.toFixed(2)} 秒（约 ${rate} 条/秒）`);
      if (r.ok) return 0;
      const e = r.firstError!;
      o.err(`错误：第一处不一致：${e.seq === null ? '' : `第 ${e.seq} 号条目，`}类型 ${e.kind}：${e.message}`);
      return 1;
    })));
}
