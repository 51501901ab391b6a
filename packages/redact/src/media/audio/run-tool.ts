import { spawn } from 'node:child_process';

/** Why an external tool did not finish normally; callers turn this into a user-facing error. */
export class ToolFailure extends Error {
  constructor(
    readonly tool: string,
    readonly kind: 'missing' | 'timeout' | 'exit' | 'output',
    /** The tail of stderr: enough to tell a corrupt input from a crash, bounded in memory. */
    readonly stderr: string,
  ) {
    super(`${tool} ${kind}: ${stderr.slice(-300)}`);
    this.name = 'ToolFailure';
  }
}

export interface ToolOptions {
  readonly timeoutMs: number;
  /** Stdout beyond this is a failure, not a silent truncation (ffprobe JSON is a few KB). */
  readonly maxStdout?: number;
}

const STDERR_TAIL = 8192;

/**
 * Runs a program with an argument array — never through a shell, so no file name or transcript
 * text can become a command — with stdin closed and a hard timeout that kills the process.
 */
export function runTool(tool: string, args: readonly string[], opts: ToolOptions): Promise<Buffer> {
  const maxStdout = opts.maxStdout ?? 1 << 20;
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: ToolFailure | undefined;
    const fail = (kind: ToolFailure['kind']): void => {
      failure ??= new ToolFailure(tool, kind, err);
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail('timeout'), opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > maxStdout) fail('output');
      else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ToolFailure(tool, e.code === 'ENOENT' ? 'missing' : 'exit', e.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(new ToolFailure(tool, failure.kind, err));
      else if (code !== 0) reject(new ToolFailure(tool, 'exit', err));
      else resolve(Buffer.concat(out));
    });
  });
}
