import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { codePointOffsets, type RedactEngine } from '../redact-api.ts';
import { setExit } from '../exit.ts';
import { stdio, type Out } from '../output.ts';
import { engineFor, loadRegistryTerms, registryOptions } from './redact-engine.ts';

const HELP_AFTER = `
输入每行一个 JSON：{"id":"a1","text":"……"}（id 为字符串或数字）。
输出每行一个 JSON：{"id":"a1","findings":[{"type":"PERSON","start":3,"end":6,"text":"……","score":0.93,"source":"person_tagger"}]}
start、end 按 Unicode 码位计数（一个表情符号算一个字符），end 不含；type 取值见 hutong eval --help。
有误的行在标准错误中逐行说明（行号），其余行照常处理；只要有一行有误，退出码为 1。
输出含被识别出的个人信息，文件以 600 权限创建，请妥善保管。`;

export function registerDetect(program: Command): void {
  const c = program.command('detect')
    .description('识别文本中的个人信息（人名、证件号、电话、地址、学校等），逐行输出位置与类型，不改动文本')
    .requiredOption('--in <文件>', '输入 JSONL；用 - 从标准输入读取')
    .requiredOption('--out <文件>', '输出 JSONL；用 - 写到标准输出');
  registryOptions(c)
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: { in: string; out: string; registry?: boolean; org?: string }) => {
      const { terms, code } = await loadRegistryTerms(stdio, opts);
      if (code) return setExit(code);
      setExit(await runDetect(engineFor(terms), opts.in, opts.out, stdio));
    });
}

async function write(stream: Writable, s: string): Promise<void> {
  if (!stream.write(s)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

/** Detects every line; returns 1 if any line was unreadable or invalid, else 0. */
export async function runDetect(engine: RedactEngine, inFile: string, outFile: string, o: Out, stdin: Readable = process.stdin, stdout: Writable = process.stdout): Promise<number> {
  let input: Readable;
  if (inFile === '-') input = stdin;
  else {
    try {
      await fs.promises.access(inFile, fs.constants.R_OK);
    } catch {
      o.err(`错误：无法读取输入文件“${inFile}”（文件不存在或没有读取权限）`);
      return 1;
    }
    input = fs.createReadStream(inFile, { encoding: 'utf8' });
  }
  let output: Writable;
  try {
    output = outFile === '-' ? stdout : fs.createWriteStream(outFile, { mode: 0o600 });
    if (outFile !== '-') await new Promise<void>((resolve, reject) => output.once('open', () => resolve()).once('error', reject));
  } catch (e) {
    o.err(`错误：无法写入输出文件“${outFile}”：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }

  let lineNo = 0, done = 0, bad = 0;
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const raw of rl) {
      lineNo += 1;
      const line = (lineNo === 1 ? raw.replace(/^\uFEFF/u, '') : raw).trim();
      if (line === '') continue;
      const problem = (msg: string) => { bad += 1; o.err(`错误：第 ${lineNo} 行 ${msg}`); };
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        problem(`不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) { problem('应为 JSON 对象 {"id","text"}'); continue; }
      const { id, text } = value as { id?: unknown; text?: unknown };
      if (typeof id !== 'string' && typeof id !== 'number') { problem('id：必填，应为字符串或数字'); continue; }
      if (typeof text !== 'string') { problem(`text：必填，应为字符串（id ${JSON.stringify(id)}）`); continue; }
      let found;
      try {
        found = engine.detect(text);
      } catch (e) {
        problem(`识别时出错（id ${JSON.stringify(id)}）：${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const cp = codePointOffsets(text);
      const findings = found.map((f) => ({ type: f.type, start: cp(f.start), end: cp(f.end), text: f.text, score: f.score, source: f.source }));
      await write(output, `${JSON.stringify({ id, findings })}\n`);
      done += 1;
    }
  } catch (e) {
    o.err(`错误：读取输入时出错（第 ${lineNo} 行之后）：${e instanceof Error ? e.message : String(e)}`);
    bad += 1;
  } finally {
    if (output !== stdout) await new Promise<void>((resolve) => output.end(resolve));
  }
  if (bad > 0) {
    o.err(`共 ${done + bad} 行：已处理 ${done} 行，${bad} 行有误未处理（见上）`);
    return 1;
  }
  return 0;
}
