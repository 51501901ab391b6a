import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temp directory per test file, removed afterwards. */
export function tempDir(): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-redact-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}
