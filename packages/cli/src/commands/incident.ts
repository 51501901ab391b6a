import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Command } from 'commander';
import { parsePost } from '@hutong/screen';
import {
  actorForUsername, addFollowUp, breachBodySchema, closeBodySchema, closeIncident, downloadBreachLetter, downloadNoticeLetter, followUpBodySchema,
  getIncident, hitSchema, ingestBodySchema, ingestHits, issueNotice, listIncidents, MAX_HITS, noticeBodySchema, parseBody, recordBreach,
  FOLLOW_UP_OUTCOMES, RECIPIENT_KINDS, REQUESTS, RESOLUTIONS, SOURCE_KINDS, STATUSES, type IncidentDto,
} from '../server-api.ts';
import { withContext } from '../run-context.ts';
import { table, type Out } from '../output.ts';
import { setExit } from '../exit.ts';

const list = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}（${v}）`).join('、');
const STATUS_SHORT = { open: '待处置', notified: '已通知', closed: '已结案' } as const;
const AS = ['--as <用户名>', '以哪个账号操作（个人信息保护负责人、民政工作人员或网信部门工作人员；查看也可用名册范围内的账号）'] as const;
const fail = (message: string) => Object.assign(new Error(message), { code: 'HUTONG_VALIDATION' });

type Hit = ReturnType<typeof hitSchema.parse>;

/** hits.jsonl as `hutong screen scan` writes it; any bad line refuses the whole file (nothing is ingested). */
async function readHits(file: string): Promise<Hit[]> {
  if (!fs.existsSync(file)) throw fail(`文件不存在：${file}`);
  const hits: Hit[] = [];
  const problems: Array<{ field: string; message: string; row: number }> = [];
  let n = 0;
  for await (const raw of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n++;
    const line = (n === 1 ? raw.replace(/^\uFEFF/u, '') : raw).trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ field: '--hits', message: '不是有效的 JSON', row: n });
      continue;
    }
    const r = hitSchema.safeParse(value);
    if (r.success) hits.push(r.data);
    else problems.push(...r.error.issues.slice(0, 3).map((i) => ({ field: '--hits', message: `${i.path.join('.') || '(行)'}：${i.message}`, row: n })));
  }
  if (problems.length) throw Object.assign(new Error('命中文件有误，未导入任何命中'), { code: 'HUTONG_VALIDATION', details: { fields: problems.slice(0, 50) } });
  if (!hits.length) throw fail(`命中文件“${file}”中没有命中`);
  return hits;
}

/** Only the posts hits point to are kept (a scan's input may hold millions). */
async function readPosts(file: string, wanted: Set<string>): Promise<Map<string, { id: string | number; url?: string; text: string }>> {
  if (!fs.existsSync(file)) throw fail(`文件不存在：${file}`);
  const out = new Map<string, { id: string | number; url?: string; text: string }>();
  for await (const raw of readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    const line = raw.replace(/^\uFEFF/u, '').trim();
    if (!line) continue;
    const p = parsePost(line);
    if (p.ok && wanted.has(String(p.post.id))) out.set(String(p.post.id), { ...p.post });
  }
  return out;
}

function printIncident(o: Out, d: IncidentDto): void {
  o.out(`事件 ${d.id}：${STATUSES[d.status]}${d.overdue ? '（已逾期）' : ''}`);
  o.out(`  儿童：${d.child.maskedName ?? '（记录已删除）'}（所属机构：${d.child.ownerOrgName}；引用 ${d.child.ref}）`);
  o.out(`  来源：${SOURCE_KINDS[d.source.kind]} · ${d.source.name}；帖子 ${d.postId}${d.url ? ` ${d.url}` : ''}`);
  o.out(`  发现：${d.detectedAt}${d.dueAt ? `；处理期限：${d.dueAt}` : ''}${d.flags.length ? `；第十五条：${d.flags.map((f) => (f === 'label' ? '标签化' : '募捐/带货')).join('、')}` : ''}`);
  for (const e of d.evidence) o.out(`  证据（${e.kinds.join('、')}）：${e.excerpt ?? '（未提供帖子正文）'}${e.postSm3 ? `  SM3 ${e.postSm3}` : ''}`);
  for (const n of d.notices) o.out(`  通知 ${n.id}：致${n.recipient}（${RECIPIENT_KINDS[n.recipientKind]}），${n.issuedAt} 发出，期限 ${n.dueAt}`);
  for (const f of d.followUps) o.out(`  跟进 ${f.at} ${f.by}：${f.note}${f.outcome ? `（${FOLLOW_UP_OUTCOMES[f.outcome]}）` : ''}`);
  if (d.breachRecord) o.out(`  泄露处置：已报告${d.breachRecord.authority}；信息种类：${d.breachRecord.infoTypes.join('、')}`);
  if (d.closure) o.out(`  结案：${RESOLUTIONS[d.closure.resolution]}，${d.closure.by} 于 ${d.closure.at}：${d.closure.note}`);
  o.out('时间线：');
  for (const t of d.timeline) o.out(`  ${t.at} ${t.by}：${t.summary}`);
}

function writeNew(file: string, body: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, body, { mode: 0o600, flag: 'wx' });
}

function refuseExisting(...files: string[]): void {
  const clash = files.find((f) => fs.existsSync(f));
  if (clash) throw fail(`输出文件“${clash}”已存在，未覆盖；请换一个文件名`);
}

export function registerIncident(program: Command): void {
  const incident = program.command('incident').description('泄露事件（第五条）：导入巡查命中、通知平台删除或更正、跟进、结案；平台内部泄露的处置（个人信息保护法 第五十七条）');

  incident.command('ingest')
    .description('导入 hutong screen scan 的命中：对应到本辖区在册儿童后登记为事件并告知儿童所属机构；同一来源、帖子、儿童只登记一次')
    .requiredOption('--hits <文件>', '命中 JSONL（hutong screen scan 的输出）')
    .option('--posts <文件>', '帖子 JSONL（扫描的输入）：只用于计算帖子的 SM3 和证据附近经技术处理的摘录，不保存原文')
    .requiredOption('--source-kind <来源>', `来源：${list(SOURCE_KINDS)}`)
    .requiredOption('--source-name <名称>', '网络平台或发布者，例如“某短视频平台”')
    .option('--package-version <版本>', '巡查包版本')
    .requiredOption(...AS)
    .action(async (opts: { hits: string; posts?: string; sourceKind: string; sourceName: string; packageVersion?: string; as: string }) => setExit(await withContext(async ({ ctx, o }) => {
      const actor = await actorForUsername(ctx, opts.as);
      const hits = await readHits(opts.hits);
      const posts = opts.posts ? await readPosts(opts.posts, new Set(hits.map((h) => String(h.id)))) : new Map();
      // Every batch is checked before the first is ingested: a bad batch writes nothing.
      const batches = [];
      for (let i = 0; i < hits.length; i += MAX_HITS) {
        const part = hits.slice(i, i + MAX_HITS);
        const ids = new Set(part.map((h) => String(h.id)));
        batches.push(parseBody(ingestBodySchema, {
          source: { kind: opts.sourceKind, name: opts.sourceName }, hits: part,
          ...(opts.packageVersion ? { packageVersion: opts.packageVersion } : {}),
          ...(posts.size ? { posts: [...posts.values()].filter((p) => ids.has(String(p.id))) } : {}),
        }));
      }
      const total = { created: 0, duplicates: 0, unresolved: 0, incidents: [] as string[] };
      for (const b of batches) {
        const r = await ingestHits(ctx, actor, b);
        total.created += r.created;
        total.duplicates += r.duplicates;
        total.unresolved += r.unresolved;
        total.incidents.push(...r.incidents);
      }
      o.out(`已登记 ${total.created} 起泄露事件（已告知儿童所属机构）；重复 ${total.duplicates} 条；无法对应到本辖区在册儿童 ${total.unresolved} 条`);
      for (const id of total.incidents) o.out(id);
    }, { 'source.kind': '--source-kind', 'source.name': '--source-name', packageVersion: '--package-version' })));

  incident.command('list')
    .description('列出可见的泄露事件（本机构导入的，和本人名册范围内儿童的）')
    .requiredOption(...AS)
    .option('--status <状态>', `只看某一状态：${list(STATUS_SHORT)}`)
    .option('--overdue', '只看已过处理期限仍未结案的')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { as: string; status?: string; overdue?: boolean; json?: boolean }) => setExit(await withContext(async ({ ctx, o }) => {
      if (opts.status && !(opts.status in STATUS_SHORT)) throw fail(`--status：可选 ${list(STATUS_SHORT)}`);
      const r = await listIncidents(ctx, await actorForUsername(ctx, opts.as), {
        ...(opts.status ? { status: opts.status as keyof typeof STATUS_SHORT } : {}), ...(opts.overdue ? { overdue: true } : {}), pageSize: 100,
      });
      if (opts.json) return o.out(JSON.stringify(r, null, 2));
      o.out(`共 ${r.total} 起${r.total > r.items.length ? `（显示前 ${r.items.length} 起）` : ''}`);
      for (const line of table(['编号', '状态', '儿童', '所属机构', '来源', '发现', '期限'], r.items.map((i) => [
        i.id, `${STATUS_SHORT[i.status]}${i.overdue ? '（逾期）' : ''}`, i.child.maskedName ?? '—', i.child.ownerOrgName, i.source.name, i.detectedAt.slice(0, 10), i.dueAt?.slice(0, 10) ?? '—',
      ]))) o.out(line);
    })));

  incident.command('show')
    .description('事件详情：证据（摘要值与技术处理后的摘录）、通知、跟进、结案与时间线')
    .argument('<事件编号>')
    .requiredOption(...AS)
    .option('--json', '以 JSON 输出')
    .action(async (id: string, opts: { as: string; json?: boolean }) => setExit(await withContext(async ({ ctx, o }) => {
      const d = await getIncident(ctx, await actorForUsername(ctx, opts.as), id);
      if (opts.json) o.out(JSON.stringify(d, null, 2));
      else printIncident(o, d);
    })));

  incident.command('notice')
    .description('向网络平台或发布者发出删除/更正通知（第五、十四、十五条），并写出通知函')
    .argument('<事件编号>')
    .requiredOption(...AS)
    .requiredOption('--recipient <名称>', '接收方：网络平台或发布者的名称')
    .option('--recipient-kind <类型>', `接收方类型：${list(RECIPIENT_KINDS)}`, 'platform')
    .requiredOption('--due-days <天数>', '处理期限（1–30 天）')
    .option('--request <要求>', `要求：${list(REQUESTS)}`, 'remove')
    .option('--contact <联系方式>', '函件上的联系方式（不填则为本机构名称与经办人）')
    .requiredOption('--out <文件>', '通知函（Markdown；已存在则拒绝覆盖）')
    .action(async (id: string, opts: { as: string; recipient: string; recipientKind: string; dueDays: string; request: string; contact?: string; out: string }) => setExit(await withContext(async ({ ctx, o }) => {
      refuseExisting(opts.out);
      const actor = await actorForUsername(ctx, opts.as);
      const body = parseBody(noticeBodySchema, {
        recipient: opts.recipient, recipientKind: opts.recipientKind, dueDays: Number(opts.dueDays), request: opts.request, ...(opts.contact ? { contact: opts.contact } : {}),
      });
      const n = await issueNotice(ctx, actor, id, body);
      const letter = await downloadNoticeLetter(ctx, actor, id, n.id);
      writeNew(opts.out, letter.body);
      o.out(`已发出通知 ${n.id}：致${n.recipient}，期限 ${n.dueAt}；引用${n.articles.join('、')}`);
      o.out(`通知函：${opts.out}  SM3 ${letter.sm3}`);
    }, { recipient: '--recipient', recipientKind: '--recipient-kind', dueDays: '--due-days', request: '--request', contact: '--contact' })));

  incident.command('follow-up')
    .description('记录跟进情况')
    .argument('<事件编号>')
    .requiredOption(...AS)
    .requiredOption('--note <说明>', '跟进情况')
    .option('--outcome <结果>', `结果：${list(FOLLOW_UP_OUTCOMES)}`)
    .action(async (id: string, opts: { as: string; note: string; outcome?: string }) => setExit(await withContext(async ({ ctx, o }) => {
      await addFollowUp(ctx, await actorForUsername(ctx, opts.as), id, parseBody(followUpBodySchema, { note: opts.note, ...(opts.outcome ? { outcome: opts.outcome } : {}) }));
      o.out(`已记录跟进：${id}`);
    }, { note: '--note', outcome: '--outcome' })));

  incident.command('close')
    .description('结案；平台内部泄露须先登记泄露处置（误报除外）')
    .argument('<事件编号>')
    .requiredOption(...AS)
    .requiredOption('--resolution <结论>', `结论：${list(RESOLUTIONS)}`)
    .requiredOption('--note <说明>', '结案说明')
    .action(async (id: string, opts: { as: string; resolution: string; note: string }) => setExit(await withContext(async ({ ctx, o }) => {
      await closeIncident(ctx, await actorForUsername(ctx, opts.as), id, parseBody(closeBodySchema, { resolution: opts.resolution, note: opts.note }));
      o.out(`已结案：${id}（${RESOLUTIONS[opts.resolution as keyof typeof RESOLUTIONS]}）`);
    }, { resolution: '--resolution', note: '--note' })));

  incident.command('breach')
    .description('平台内部泄露：登记补救措施并写出致主管部门的报告和致监护人的告知函（个人信息保护法 第五十七条；未成年人网络保护条例 第三十五条）')
    .argument('<事件编号>')
    .requiredOption(...AS)
    .requiredOption('--cause <原因>', '泄露原因')
    .requiredOption('--info-types <种类>', '泄露的信息种类，用逗号或顿号分隔，例如“姓名、身份证号、住址”')
    .requiredOption('--harm <危害>', '可能造成的危害')
    .requiredOption('--measures <措施>', '已采取的补救措施')
    .option('--individual-measures <措施>', '个人可以采取的减轻危害的措施（不填则用通用建议）')
    .requiredOption('--contact <联系方式>', '本单位的联系方式')
    .requiredOption('--authority <部门>', '报告的部门，例如“某县网信办”')
    .requiredOption('--out-dir <目录>', '写出两份函件的目录（已有同名文件则不覆盖）')
    .action(async (id: string, opts: { as: string; cause: string; infoTypes: string; harm: string; measures: string; individualMeasures?: string; contact: string; authority: string; outDir: string }) => setExit(await withContext(async ({ ctx, o }) => {
      const actor = await actorForUsername(ctx, opts.as);
      const body = parseBody(breachBodySchema, {
        cause: opts.cause, infoTypes: opts.infoTypes.split(/[,，、]/u).map((s) => s.trim()).filter(Boolean), harm: opts.harm, measures: opts.measures,
        ...(opts.individualMeasures ? { individualMeasures: opts.individualMeasures } : {}), contact: opts.contact, authority: opts.authority,
      });
      const files = { authority: path.join(opts.outDir, `泄露事件报告-${id.slice(0, 8)}.md`), guardian: path.join(opts.outDir, `监护人告知函-${id.slice(0, 8)}.md`) };
      refuseExisting(files.authority, files.guardian);
      await recordBreach(ctx, actor, id, body);
      for (const kind of ['authority', 'guardian'] as const) {
        const letter = await downloadBreachLetter(ctx, actor, id, kind);
        writeNew(files[kind], letter.body);
        o.out(`${kind === 'authority' ? '致主管部门的报告' : '致监护人的告知函'}：${files[kind]}  SM3 ${letter.sm3}`);
      }
    }, { cause: '--cause', infoTypes: '--info-types', harm: '--harm', measures: '--measures', individualMeasures: '--individual-measures', contact: '--contact', authority: '--authority' })));
}
