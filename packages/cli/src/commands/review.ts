import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { PUBLICATION_AUDIENCES, PUBLICATION_CHANNELS, PUBLICATION_KINDS } from '@hutong/core';
import {
  actorForUsername, downloadPublicationFile, getPublication, parseBody, submitBodySchema, submitPublication, type AppContext, type PublicationDto,
} from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { table, type Out } from '../output.ts';
import { setExit } from '../exit.ts';

const list = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}（${v}）`).join('、');
const STATUS: Record<string, string> = { blocked: '已拦截（第十五条）', in_review: '待审核', approved: '已批准发布', returned: '已退回' };
const OUTCOME: Record<string, string> = { blocked: '不得发布', needs_consent: '缺少同意', flagged: '有须审核员处理的标记', ok: '未发现问题' };
const SEVERITY: Record<string, string> = { block: '拦截', consent: '缺同意', flag: '标记', info: '记录' };

function printPublication(o: Out, p: PublicationDto): void {
  o.out(`稿件 ${p.id}：${p.title}`);
  o.out(`  ${p.kindLabel} · ${p.channelLabel} · ${p.audienceLabel}；状态：${STATUS[p.status] ?? p.status}；判定：${OUTCOME[p.outcome] ?? p.outcome}`);
  if (p.revisionOf) o.out(`  修改自：${p.revisionOf}`);
  if (p.decision) o.out(`  审核：${p.decision.by.displayName} 于 ${p.decision.at}${p.decision.note ? `，${p.decision.note}` : ''}${p.decision.reasons.length ? `；退回理由：${p.decision.reasons.join('；')}` : ''}`);
  if (p.manifestSm3) o.out(`  发布版本 SM3 清单哈希：${p.manifestSm3}（已记入台账“公开”记录）`);
  o.out('文件：');
  for (const line of table(['文件', '类型', '处理', '发布版本 SM3'], p.files.map((f) => [
    f.name, f.role, Object.entries(f.counts).map(([t, n]) => `${t}×${n}`).join(' ') || (f.transcriptOf ? `转写稿（${f.transcriptOf}），不发布` : '—'), f.processedSm3?.slice(0, 16) ?? '—',
  ]))) o.out(`  ${line}`);
  if (p.children.length) {
    o.out('关联的在册儿童（匿名编号）：');
    for (const c of p.children) o.out(`  ${c.ref} ${c.maskedName ?? ''} ${c.ageBand === 'under14' ? '未满十四周岁' : '已满十四周岁'}：${c.consented ? '同意齐备' : `缺少${c.needs.filter((n) => !n.satisfied).map((n) => (n.by === 'child' ? '儿童本人' : '监护人')).join('、')}的发布同意`}`);
  }
  o.out('核对：');
  for (const c of p.checks) o.out(`  [${SEVERITY[c.severity] ?? c.severity}] ${c.message}（${c.clause}）`);
}

/** A transcript given apart is renamed after the one recording, so the server pairs them. */
function transcriptFile(path: string, files: readonly string[]): { filename: string; contentBase64: string } {
  const audio = files.filter((f) => ['.wav', '.mp3'].includes(extname(f).toLowerCase()));
  if (audio.length !== 1) throw Object.assign(new Error('--transcript 只能与恰好一个录音文件（.wav/.mp3）一起使用'), { code: 'HUTONG_VALIDATION' });
  const stem = basename(audio[0]!, extname(audio[0]!));
  return { filename: `${stem}${extname(path).toLowerCase()}`, contentBase64: readFileSync(path).toString('base64') };
}

function readInput(path: string): { filename: string; contentBase64: string } {
  if (!existsSync(path)) throw Object.assign(new Error(`文件不存在：${path}`), { code: 'HUTONG_VALIDATION' });
  return { filename: basename(path), contentBase64: readFileSync(path).toString('base64') };
}

async function download(ctx: AppContext, o: Out, username: string, id: string, out: string, original: boolean): Promise<number> {
  const actor = await actorForUsername(ctx, username);
  const p = await getPublication(ctx, actor, id);
  mkdirSync(out, { recursive: true });
  const files = p.files.filter((f) => (original ? f.downloads.original : f.downloads.processed));
  if (!files.length) {
    o.err(original ? '错误：原稿已销毁（批准后或退回、拦截 30 日后）' : '错误：该稿件没有可下载的发布版本');
    return 1;
  }
  const got = [];
  for (const f of files) got.push(await downloadPublicationFile(ctx, actor, id, f.name, original ? 'original' : 'processed'));
  const record = `审核记录-${id}.json`;
  const clash = [...got.map((g) => g.filename), record].find((n) => existsSync(join(out, n)));
  if (clash) {
    o.err(`错误：${join(out, clash)} 已存在，未覆盖任何文件`);
    return 1;
  }
  for (const g of got) {
    writeFileSync(join(out, g.filename), g.body, { mode: 0o600 });
    o.out(`${g.approval === 'approved' ? '可发布' : original ? '原稿（未经技术处理，不得发布）' : '未批准（不得发布）'}  ${join(out, g.filename)}  SM3 ${g.sm3 ?? ''}`);
  }
  writeFileSync(join(out, record), `${JSON.stringify(p, null, 2)}\n`, { mode: 0o600 });
  o.out(`审核记录：${join(out, record)}`);
  if (p.status !== 'approved' && !original) o.err('注意：该稿件尚未批准，下载的是未批准的处理版本，不得发布');
  return 0;
}

export function registerReview(program: Command): void {
  const review = program.command('review').description('发布审核（第八、十三、十四、十五条）：送审、查看结果、下载发布版本');

  review.command('submit')
    .description('提交稿件送审：文本、DOCX、XLSX 名单、图片、录音（可附转写稿）；引擎技术处理、关联名册、核对同意与第十五条')
    .argument('<文件...>', '送审文件：.txt .md .csv .docx .xlsx .jpg .png .webp .wav .mp3（录音的 .vtt/.srt 转写稿同名放在一起，或用 --transcript）')
    .requiredOption('--as <用户名>', '以哪个账号提交（部门工作人员或民政工作人员）')
    .requiredOption('--title <标题>', '稿件标题')
    .requiredOption('--channel <渠道>', `发布渠道：${list(PUBLICATION_CHANNELS)}`)
    .requiredOption('--audience <受众>', `受众：${list(PUBLICATION_AUDIENCES)}`)
    .option('--kind <类型>', `稿件类型：${list(PUBLICATION_KINDS)}`, 'news')
    .option('--purpose <用途>', '申报用途，默认 publicity（宣传报道/发布）')
    .option('--transcript <文件>', '录音的转写稿（WebVTT 或 SRT）')
    .option('--revision-of <稿件编号>', '修改被退回或被拦截的稿件后重新提交')
    .option('--json', '以 JSON 输出审核结果')
    .action(async (paths: string[], opts: { as: string; title: string; channel: string; audience: string; kind: string; purpose?: string; transcript?: string; revisionOf?: string; json?: boolean }) => setExit(await withContext(async ({ ctx, o }) => {
      const actor = await actorForUsername(ctx, opts.as);
      const files = paths.map(readInput);
      if (opts.transcript) files.push(transcriptFile(opts.transcript, paths));
      const body = parseBody(submitBodySchema, {
        title: opts.title, kind: opts.kind, channel: opts.channel, audience: opts.audience, files,
        ...(opts.purpose ? { purpose: opts.purpose } : {}), ...(opts.revisionOf ? { revisionOf: opts.revisionOf } : {}),
      });
      const p = await submitPublication(ctx, actor, body);
      if (opts.json) o.out(JSON.stringify(p, null, 2));
      else printPublication(o, p);
      if (p.status === 'blocked') {
        o.err('稿件已依第十五条被拦截，不得发布；请删除相关内容后用 --revision-of 重新提交');
        return 1;
      }
      return 0;
    }, { title: '--title', channel: '--channel', audience: '--audience', kind: '--kind', purpose: '--purpose', revisionOf: '--revision-of' })));

  review.command('status')
    .description('查看稿件的处理结果、逐条核对（引用条款）与审核结论')
    .argument('<稿件编号>')
    .requiredOption('--as <用户名>', '以哪个账号查看（提交人或本辖区审核员）')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, opts: { as: string; json?: boolean }) => setExit(await withContext(async ({ ctx, o }) => {
      const p = await getPublication(ctx, await actorForUsername(ctx, opts.as), id);
      if (opts.json) o.out(JSON.stringify(p, null, 2));
      else printPublication(o, p);
    })));

  review.command('download')
    .description('下载技术处理后的文件与审核记录；只有已批准的稿件是可发布版本，其余标为“未批准”')
    .argument('<稿件编号>')
    .requiredOption('--as <用户名>', '以哪个账号下载（提交人或本辖区审核员）')
    .requiredOption('--out <目录>', '保存到该目录（已有同名文件则不覆盖）')
    .option('--original', '下载原稿（未经技术处理，原稿销毁前）；每次下载记入台账')
    .action(async (id: string, opts: { as: string; out: string; original?: boolean }) => setExit(await withContext(({ ctx, o }) => download(ctx, o, opts.as, id, opts.out, opts.original === true))));
}
