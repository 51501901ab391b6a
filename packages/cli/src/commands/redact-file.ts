import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { ENTITY_TYPES, FILE_FORMATS, PRESET_NAMES, PRESETS, redactFile, writeReport, type EntityType, type FileReport, type PresetName, type RedactEngine } from '../redact-api.ts';
import { setExit } from '../exit.ts';
import { printError, stdio, type Out } from '../output.ts';
import { engineFor, loadRegistryTerms, registryOptions } from './redact-engine.ts';
import { isMediaFile, runRedactMedia } from './redact-media.ts';

/** Below this a file takes a few seconds at most: a bar would only flicker. */
const BAR_MIN_BYTES = 5 * 1024 * 1024;
const REPORT_EXTS = ['.json', '.md', '.csv'];

const HELP_AFTER = `
支持的文件：${Object.keys(FILE_FORMATS).join(' ')}（输出与输入同格式；处理成功后才出现输出文件）。
图片 .jpg .jpeg .png .webp：人脸模糊（--faces pixelate 打马赛克），图中可识别文字涂盖，去除 EXIF、GPS 等元数据。
录音 .wav .mp3：变声（音高与共振峰），--transcript 给出字幕（WebVTT 或 SRT）时按时间静音姓名、学校等；不需要 --preset。
预设：${PRESET_NAMES.map((p) => `${p}（${PRESETS[p].title}）`).join('、')}
处理策略文件（--policy，JSON）可改写某类信息的处理方式或保留某些内容，例如：
  {"operators":{"PHONE":{"op":"mask","keepEnd":4}},"keep":["PLATE","某某县民政局"]}
审核报告（--report）按扩展名写为 .json、.md 或 .csv；原文在报告中以遮盖形式出现。`;

interface RedactCliOptions { in: string; out: string; preset?: PresetName; transcript?: string; faces?: 'blur' | 'pixelate'; policy?: string; report?: string; registry?: boolean; org?: string }

export function registerRedactFile(program: Command): void {
  const c = program.command('redact')
    .description('对文件做技术处理：识别个人信息并按预设替换（化名、遮盖、概括等），可同时生成审核报告')
    .requiredOption('--in <文件>', '输入文件')
    .requiredOption('--out <文件>', '输出文件（与输入同格式）')
    .addOption(new Option('--preset <预设>', `处理预设（文本与表格必填）：${PRESET_NAMES.join('、')}`).argParser(oneOf(PRESET_NAMES)))
    .option('--transcript <文件>', '录音的字幕（.vtt 或 .srt），用于静音说出的姓名等')
    .addOption(new Option('--faces <方式>', '图片中人脸的处理：blur（模糊，默认）或 pixelate（马赛克）').argParser(oneOf(['blur', 'pixelate'] as const)))
    .option('--policy <文件>', '处理策略文件（JSON），在预设之上改写')
    .option('--report <文件>', '审核报告（.json、.md 或 .csv）');
  registryOptions(c)
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: RedactCliOptions) => {
      const { terms, code } = await loadRegistryTerms(stdio, opts);
      if (code) return setExit(code);
      if (isMediaFile(opts.in)) return setExit(await runRedactMedia(opts, terms, stdio));
      if (!opts.preset) {
        stdio.err(`错误：文本与表格文件须用 --preset 指定处理预设（${PRESET_NAMES.join('、')}）`);
        return setExit(1);
      }
      setExit(await runRedactFile(engineFor(terms), { ...opts, preset: opts.preset }, stdio));
    });
}

/** Commander's own choices() message is English; this one is Chinese. */
export function oneOf<T extends string>(choices: readonly T[]): (v: string) => T {
  return (v) => {
    if (!(choices as readonly string[]).includes(v)) throw new InvalidArgumentError(`可选：${choices.join('、')}`);
    return v as T;
  };
}

function progressBar(totalBytes: number) {
  if (!process.stderr.isTTY || totalBytes < BAR_MIN_BYTES) return { update: () => {}, stop: () => {} };
  const mb = (b: number) => Math.round(b / 2 ** 20);
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '处理 |{bar}| {percentage}% {value}/{total} MB | 已处理 {findings} 处 | 剩余约 {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(mb(totalBytes), 0, { findings: 0 });
  return {
    update: (p: { bytesRead: number; findings: number }) => bar.update(mb(p.bytesRead), { findings: p.findings }),
    stop: () => bar.stop(),
  };
}

export function printRedactSummary(o: Out, r: FileReport, out: string, seconds: number, bytes: number): void {
  const counts = Object.entries(r.counts).map(([t, n]) => `${ENTITY_TYPES[t as EntityType] ?? t} ${n}`).join('、');
  o.out(`已处理 ${r.file} → ${out}（预设 ${r.preset}）：共 ${r.total} 处${counts ? `（${counts}）` : ''}`);
  if (r.flagged) o.out(`需人工复核 ${r.flagged} 处（募捐、直播带货等用语，依第十五条不得用于此类目的；见审核报告“提示”列）`);
  o.out(`用时 ${seconds.toFixed(1)} 秒，约 ${(bytes / 2 ** 20 / Math.max(seconds, 1e-3)).toFixed(2)} MB/秒`);
}

/** Processes one file; 0 on success, 1 with a Chinese message otherwise. */
export async function runRedactFile(engine: RedactEngine, opts: Omit<RedactCliOptions, 'registry' | 'org' | 'preset'> & { preset: PresetName }, o: Out): Promise<number> {
  if (opts.report && !REPORT_EXTS.includes(path.extname(opts.report).toLowerCase())) {
    o.err(`错误：--report 的扩展名应为 ${REPORT_EXTS.join('、')}`);
    return 1;
  }
  let policy: unknown;
  if (opts.policy) {
    try {
      policy = JSON.parse(await fs.promises.readFile(opts.policy, 'utf8'));
    } catch (e) {
      o.err(e instanceof SyntaxError ? `错误：处理策略文件“${opts.policy}”不是有效的 JSON：${e.message}` : `错误：无法读取处理策略文件“${opts.policy}”`);
      return 1;
    }
  }
  let bytes = 0;
  try { bytes = (await fs.promises.stat(opts.in)).size; } catch { /* redactFile names the missing file */ }
  const bar = progressBar(bytes);
  const t0 = performance.now();
  let report: FileReport;
  try {
    report = await redactFile(engine, opts.in, opts.out, { preset: opts.preset, ...(policy !== undefined ? { policy: policy as object } : {}), onProgress: bar.update });
  } catch (e) {
    bar.stop();
    return printError(o, e, { policy: '--policy' });
  }
  bar.stop();
  const seconds = (performance.now() - t0) / 1000;
  if (opts.report) {
    try {
      await writeReport(report, opts.report);
    } catch (e) {
      printError(o, e);
      o.err(`处理后的文件已写入 ${opts.out}，但审核报告未能写入`);
      return 1;
    }
  }
  printRedactSummary(o, report, opts.out, seconds, bytes);
  if (report.omitted) o.out(`审核报告列出前 ${report.entries.length} 条，另有 ${report.omitted} 条只计数`);
  return 0;
}
