/**
 * What the CLI prints: Chinese error messages with one line per faulty field, and tables whose
 * columns line up with Chinese text (a Han character takes two terminal cells).
 */
export interface Out {
  out(line?: string): void;
  err(line?: string): void;
}

export const stdio: Out = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line = '') => process.stderr.write(`${line}\n`),
};

interface ErrorLike {
  message?: string;
  code?: string;
  statusCode?: number;
  details?: { fields?: Array<{ field: string; message: string; row?: number }>; article?: string };
}

/**
 * Prints the error and returns the exit code (always non-zero, so scripts can stop on it).
 * `labels` renames service field names to the option the user typed (regionCode → --region).
 */
export function printError(o: Out, err: unknown, labels: Record<string, string> = {}): number {
  const e = (err ?? {}) as ErrorLike;
  const known = typeof e.code === 'string' && e.code.startsWith('HUTONG_');
  if (!known) {
    o.err(`错误：程序内部错误：${e.message ?? String(err)}`);
    if (process.env.HUTONG_DEBUG === '1' && err instanceof Error) o.err(err.stack);
    else o.err('（设置环境变量 HUTONG_DEBUG=1 可显示详细信息）');
    return 1;
  }
  const fields = e.details?.fields ?? [];
  // A single field problem already is the whole message; don't print it twice.
  const single = fields.length === 1 && e.message === `${fields[0]!.field}：${fields[0]!.message}`;
  o.err(`错误：${single ? '输入有误' : e.message}`);
  for (const f of fields) o.err(`  - ${f.row !== undefined ? `第 ${f.row} 行 ` : ''}${labels[f.field] ?? f.field}：${f.message}`);
  if (e.details?.article) o.err(`  依据：${e.details.article}`);
  return 1;
}

/** Terminal cells a string occupies: East Asian wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd))) ? 2 : 1;
  }
  return w;
}

export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** Commander's own messages are English; these are the ones a user meets. */
const COMMANDER_MESSAGES: Array<[RegExp, (...m: string[]) => string]> = [
  [/^error: unknown option '(.+?)'(?:\s*\(Did you mean (.+)\?\))?/u, (o, s) => `错误：未知选项 ${o}${s ? `（是否想用 ${s}？）` : ''}`],
  [/^error: unknown command '(.+?)'(?:\s*\(Did you mean (.+)\?\))?/u, (c, s) => `错误：未知命令 ${c}${s ? `（是否想用 ${s}？）` : ''}`],
  [/^error: required option '(.+?)' not specified/u, (o) => `错误：缺少必填选项 ${o}`],
  [/^error: option '(.+?)' argument missing/u, (o) => `错误：选项 ${o} 缺少取值`],
  [/^error: missing required argument '(.+?)'/u, (a) => `错误：缺少参数 ${a}`],
  [/^error: too many arguments/u, () => '错误：参数过多'],
  [/^error: option '(.+?)' argument '(.+?)' is invalid\.(.*)/su, (o, v, why) => `错误：选项 ${o} 的取值“${v}”无效。${why.trim()}`],
];

export function translateCommander(message: string): string {
  for (const [re, fn] of COMMANDER_MESSAGES) {
    const m = re.exec(message.trim());
    if (m) return `${fn(...m.slice(1).map((x) => x ?? ''))}\n（用 hutong --help 或 hutong <命令> --help 查看用法）\n`;
  }
  return message;
}

export const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：',
};
