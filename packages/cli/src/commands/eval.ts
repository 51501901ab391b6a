import fs from 'node:fs';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { defaultEngine, ENTITY_TYPES, ENTITY_TYPE_KEYS, evaluate, EVAL_FORMATS, LABEL_MAPS, readCorpus, scoredTypes, type EntityType, type EvalFormat, type EvalReport, type LabelMap } from '../redact-api.ts';
import { setExit } from '../exit.ts';
import { oneOf } from './redact-file.ts';
import { stdio, table, type Out } from '../output.ts';

const FORMAT_HELP: Record<EvalFormat, string> = {
  bio: '逐字 BIO（人民日报、UNER）：PER→PERSON',
  conll: '微博 NER（字+分词位 TAB 标签）：PER.NAM→PERSON（PER.NOM 称谓不计）',
  cluener: 'CLUENER2020 JSON 行：name→PERSON，address→ADDRESS',
  bdci: 'BDCI 2020 docs.jsonl：name→PERSON，address→ADDRESS，mobile→PHONE，email→EMAIL，QQ→QQ，vx→WECHAT',
  address: '地址解析语料（21 种成分标签）：整条地址放入例句，作为一个 ADDRESS',
};

const HELP_AFTER = `
格式与标签对应：
${EVAL_FORMATS.map((f) => `  ${f.padEnd(8)}${FORMAT_HELP[f]}`).join('\n')}
  未列出的标签不计分；用 --map LOC=ADDRESS,GPE=ADDRESS 增加对应。
可用类型：${ENTITY_TYPE_KEYS.map((t) => `${t}（${ENTITY_TYPES[t]}）`).join('、')}
指标：精确匹配（类型、起止都相同）与逐字符的准确率 P、召回率 R、F1；速度为检测本身的字符/秒（不含读取、计分和首次载入模型与地名库）。
检测使用完整引擎（全部检测器，与实际处理相同），只对所选类型计分。`;

export function registerEval(program: Command): void {
  program.command('eval')
    .description('用标注语料评测识别效果：按类型输出准确率、召回率、F1（精确匹配与逐字符）和速度')
    .addOption(new Option('--format <格式>', `语料格式：${EVAL_FORMATS.join('、')}`).argParser(oneOf(EVAL_FORMATS)).makeOptionMandatory())
    .requiredOption('--file <文件>', '语料文件')
    .option('--types <类型>', '计分的类型，逗号分隔（默认：该格式对应到的类型）')
    .option('--map <对应>', '追加标签对应，如 LOC=ADDRESS,GPE=ADDRESS')
    .option('--limit <篇数>', '只评测前 N 篇（句）')
    .option('--json', '以 JSON 输出')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: EvalOptions) => setExit(await runEval(opts, stdio)));
}

export interface EvalOptions {
  format: EvalFormat;
  file: string;
  types?: string;
  map?: string;
  limit?: string;
  json?: boolean;
}

function parseTypes(s: string): { types?: EntityType[]; error?: string } {
  const list = s.split(/[,，\s]+/u).filter(Boolean);
  const unknown = list.filter((t) => !(ENTITY_TYPE_KEYS as string[]).includes(t));
  if (unknown.length || !list.length) return { error: `--types：未知类型 ${unknown.join('、') || '（空）'}；可用：${ENTITY_TYPE_KEYS.join(',')}` };
  return { types: list as EntityType[] };
}

function parseMap(s: string): { map?: LabelMap; error?: string } {
  const map: Record<string, EntityType> = {};
  for (const pair of s.split(/[,，]+/u).filter(Boolean)) {
    const [label, type] = pair.split('=').map((x) => x.trim());
    if (!label || !type || !(ENTITY_TYPE_KEYS as string[]).includes(type)) return { error: `--map：“${pair}”应为 标签=类型，类型取值：${ENTITY_TYPE_KEYS.join(',')}` };
    map[label] = type as EntityType;
  }
  return { map };
}

const pct = (x: number) => (x * 100).toFixed(1);

export function printEvalTable(o: Out, r: EvalReport): void {
  const rows = r.types.map((t) => [
    t.type, String(t.exact.gold), String(t.exact.predicted), String(t.exact.correct),
    pct(t.exact.precision), pct(t.exact.recall), pct(t.exact.f1),
    pct(t.chars.precision), pct(t.chars.recall), pct(t.chars.f1),
  ]);
  for (const line of table(['类型', '标注', '识别', '精确命中', '精确P%', '精确R%', '精确F1%', '字符P%', '字符R%', '字符F1%'], rows)) o.out(line);
  o.out(`共 ${r.docs} 篇（句），${r.chars} 字；检测用时 ${r.seconds.toFixed(2)} 秒，约 ${r.charsPerSecond} 字/秒`);
}

/** Reads, evaluates, prints; 1 when the corpus could not be read or had unreadable lines. */
export async function runEval(opts: EvalOptions, o: Out): Promise<number> {
  let types: EntityType[] | undefined, extra: LabelMap = {};
  if (opts.types) {
    const p = parseTypes(opts.types);
    if (p.error) { o.err(`错误：${p.error}`); return 1; }
    types = p.types;
  }
  if (opts.map) {
    const p = parseMap(opts.map);
    if (p.error) { o.err(`错误：${p.error}`); return 1; }
    extra = p.map!;
  }
  const limit = opts.limit === undefined ? Infinity : Number(opts.limit);
  if (!(limit > 0)) { o.err('错误：--limit 应为正整数'); return 1; }
  let source: string;
  try {
    source = await fs.promises.readFile(opts.file, 'utf8');
  } catch {
    o.err(`错误：无法读取语料文件“${opts.file}”（文件不存在或没有读取权限）`);
    return 1;
  }
  const { docs, problems } = readCorpus(opts.format, source, extra);
  for (const p of problems.slice(0, 20)) o.err(`错误：第 ${p.line} 行 ${p.message}`);
  if (problems.length > 20) o.err(`……另有 ${problems.length - 20} 行无法读取`);
  const chosen = docs.slice(0, limit);
  const scored = types ?? scoredTypes({ ...LABEL_MAPS[opts.format], ...extra });
  const engine = defaultEngine();
  // The gazetteer and the tagger model load on the first document: not part of the speed.
  engine.detect('王小明住在松溪县郑墩镇，电话13912345678。');
  const bar = process.stderr.isTTY && !opts.json && chosen.length > 2000
    ? new cliProgress.SingleBar({ stream: process.stderr, format: '评测 |{bar}| {percentage}% {value}/{total} 篇 | 剩余约 {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(chosen.length, 0);
  let report: EvalReport;
  try {
    report = evaluate(chosen, (text) => engine.detect(text), { types: scored, onProgress: (done) => bar?.update(done) });
  } catch (e) {
    o.err(`错误：识别时出错：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    bar?.stop();
  }
  if (opts.json) o.out(JSON.stringify({ format: opts.format, file: opts.file, unreadableLines: problems.length, ...report }, null, 2));
  else printEvalTable(o, report);
  if (problems.length) {
    o.err(`有 ${problems.length} 行无法读取，未计入评测（见上）`);
    return 1;
  }
  return 0;
}
