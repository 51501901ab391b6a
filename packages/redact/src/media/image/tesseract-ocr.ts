import { spawn } from 'node:child_process';
import type { Box } from './image.types.ts';
import { imageErrors } from './image-errors.ts';

export interface OcrWord {
  readonly text: string;
  readonly box: Box;
  /** Tesseract's confidence, 0–100. */
  readonly conf: number;
  /** Block, paragraph and line numbers: words sharing them are one line of text. */
  readonly line: string;
}

const LANGS = ['chi_sim', 'eng'];
/** Generous: a 50 MP photo full of text takes tens of seconds on one core. */
const TIMEOUT_MS = 180_000;

/** The Debian binary; HUTONG_TESSERACT points elsewhere (another install, or a test of a missing one). */
const binary = (): string => process.env.HUTONG_TESSERACT || 'tesseract';

const status = new Map<string, Promise<{ ok: true } | { ok: false; reason: string }>>();

/** Whether tesseract runs and has Simplified Chinese and English; asked once per binary. */
export function tesseractStatus(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const bin = binary();
  let s = status.get(bin);
  if (!s) {
    s = run(bin, ['--list-langs'], undefined, 20_000).then(
      (out) => {
        const have = new Set(out.split(/\r?\n/u).map((l) => l.trim()));
        const missing = LANGS.filter((l) => !have.has(l));
        return missing.length
          ? { ok: false as const, reason: `tesseract 缺少语言包 ${missing.join('、')}（Debian：apt-get install tesseract-ocr-chi-sim）` }
          : { ok: true as const };
      },
      (e: Error & { code?: string }) => ({
        ok: false as const,
        reason: e.code === 'ENOENT' ? `未安装文字识别程序 tesseract（${bin}；Debian：apt-get install tesseract-ocr tesseract-ocr-chi-sim）` : `tesseract 无法运行：${e.message}`,
      }),
    );
    status.set(bin, s);
  }
  return s;
}

/**
 * Words and their boxes in a PNG, read by tesseract in sparse-text mode (--psm 11: photos carry
 * text on signs, badges and banners rather than in a page layout). Local process, no network.
 */
export async function recogniseWords(png: Buffer): Promise<OcrWord[]> {
  let tsv: string;
  try {
    // One thread each: on a small machine tesseract's OpenMP threads only contend with the face model.
    tsv = await run(binary(), ['stdin', 'stdout', '-l', LANGS.join('+'), '--psm', '11', 'tsv'], png, TIMEOUT_MS, { OMP_THREAD_LIMIT: '1' });
  } catch (e) {
    throw imageErrors.ocrFailed(e instanceof Error ? e.message : String(e));
  }
  return parseTsv(tsv);
}

/** Tesseract's TSV: level 5 rows are words (left, top, width, height, conf, text). */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split(/\r?\n/u)) {
    const c = row.split('\t');
    if (c.length < 12 || c[0] !== '5') continue;
    const text = c.slice(11).join('\t').trim();
    const conf = Number(c[10]);
    if (!text || !(conf >= 0)) continue;
    words.push({
      text, conf, line: `${c[2]}.${c[3]}.${c[4]}`,
      box: { x: Number(c[6]), y: Number(c[7]), width: Number(c[8]), height: Number(c[9]) },
    });
  }
  return words;
}

function run(bin: string, args: string[], input: Buffer | undefined, timeoutMs: number, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [], err: Buffer[] = [];
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`超过 ${timeoutMs / 1000} 秒未完成`)); }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`tesseract 退出码 ${code}：${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`));
    });
    child.stdin.on('error', () => { /* the close handler reports the failure */ });
    child.stdin.end(input);
  });
}
