import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = path.join(ROOT, 'packages/cli/bin/hutong.js');
export const FIX = path.join(ROOT, 'packages/server/test/fixtures');

export interface HutongResult { code: number; stdout: string; stderr: string }

export interface HutongOptions {
  /** HUTONG_DATA_DIR for the run; without it the caller's environment passes through untouched (for commands that open no database). */
  dataDir?: string;
  /** Written to standard input, which is then closed so a command reading `-` sees its end. */
  stdin?: string;
  /** Set last, over the data dir and the scrubbing; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}

/** Runs the real executable, as `npx hutong …` does, from the repository root. */
export function runHutong(args: string[], opts: HutongOptions = {}): Promise<HutongResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (opts.dataDir !== undefined) {
      env.HUTONG_DATA_DIR = opts.dataDir;
      // Only the data dir decides: no key file, key variable or PostgreSQL from the caller's shell.
      for (const k of ['HUTONG_KEY_FILE', 'HUTONG_MASTER_KEYS', 'DATABASE_URL']) delete env[k];
    }
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

/** `hutong(args, stdin?)` bound to one data directory, the form every CLI test calls. */
export function hutongIn(dataDir?: string, env?: HutongOptions['env']): (args: string[], stdin?: string) => Promise<HutongResult> {
  return (args, stdin) => runHutong(args, { dataDir, stdin, env });
}

/** A throw-away directory for this test file, removed after its last test. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
