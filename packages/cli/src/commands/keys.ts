import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { cliActor, keyStatus, rotateMasterKey } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { table } from '../output.ts';
import { setExit } from '../exit.ts';

const HOLDER_KEY = { child: '数据密钥', publication_record: '记录密钥', publication_draft: '原稿密钥' } as const;

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('主密钥管理（密钥文件：HUTONG_KEY_FILE，默认 <数据目录>/keys/master.json）');

  keys.command('rotate')
    .description('轮换主密钥：在密钥文件中新增一个主密钥版本，并把每名儿童与每份发布稿件的数据密钥改用新版本封装（密文不变；旧版本保留在密钥文件中）')
    .option('--batch <条数>', '每批重新封装的密钥数（默认 200）', (v) => Number(v))
    .action(async (opts: { batch?: number }) => setExit(await withContext(async ({ ctx, o }) => {
      let bar: cliProgress.SingleBar | null = null;
      const r = await rotateMasterKey(ctx, {
        actor: cliActor(null), ...(opts.batch ? { batchSize: opts.batch } : {}),
        onProgress: ({ done, total }) => {
          if (!process.stderr.isTTY || total <= 1000) return;
          if (!bar) { bar = new cliProgress.SingleBar({ stream: process.stderr, format: '重新封装 |{bar}| {percentage}% {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic); bar.start(total, 0); }
          bar.update(done);
        },
      });
      (bar as cliProgress.SingleBar | null)?.stop();
      o.out(`主密钥已从版本 ${r.from} 轮换到版本 ${r.to}：重新封装 ${r.byHolder.child} 名儿童的数据密钥、${r.byHolder.publication_record + r.byHolder.publication_draft} 个发布稿件密钥（用时 ${r.seconds.toFixed(1)} 秒）`);
      if (r.skipped) o.out(`  ${r.skipped} 个密钥在轮换期间被销毁（儿童记录删除、稿件原稿销毁）或已由其他进程处理，未改动`);
      if (r.remaining > 0) o.out(`  仍有 ${r.remaining} 个密钥使用旧版本（运行中的服务器尚未读取新密钥文件时新写入的），可稍后再次运行 hutong keys rotate`);
      o.out('  旧版本主密钥仍保留在密钥文件中，运行中的服务器可照常读取；请备份新的密钥文件。');
      for (const f of r.failed.slice(0, 20)) o.err(`错误：${f.holder === 'child' ? '儿童' : '发布稿件'} ${f.id} 的${HOLDER_KEY[f.holder]}无法解开：${f.message}`);
      return r.failed.length ? 1 : 0;
    })));

  keys.command('status')
    .description('列出主密钥版本及各版本封装的儿童数据密钥与发布稿件密钥数')
    .action(async () => setExit(await withContext(async ({ ctx, o }) => {
      const s = await keyStatus(ctx);
      o.out(`加密套件：${s.suite}；当前主密钥版本：${s.currentVersion}`);
      for (const line of table(['版本', '儿童', '发布稿件密钥', '状态'], s.versions.map((v) => [
        String(v.version), String(v.children), String(v.publicationKeys), !v.inKeyFile ? '密钥文件中没有此版本！' : v.version === s.currentVersion ? '当前' : '旧版本（保留以读取旧数据）',
      ]))) o.out(line);
      return s.versions.some((v) => !v.inKeyFile && v.children + v.publicationKeys > 0) ? 1 : 0;
    })));
}
