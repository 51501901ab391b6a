import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md "one door": only the registry (through the jurisdiction scope in access/) touches
 * the children's tables. Key rotation may rewrite wrapped keys and nothing else. A stray query
 * or import anywhere else fails this test.
 */
const SRC = path.resolve(import.meta.dirname, '../../src');
const CLI = path.resolve(import.meta.dirname, '../../../cli/src');
const CHILD_TABLES = /(selectFrom|insertInto|updateTable|deleteFrom)\(\s*['"`](children|guardians|visits|child_index_tokens)\b/u;
const REPO_IMPORT = /from\s+['"][^'"]*registry\/children\.repo(\.ts)?['"]/u;
const ALLOWED_TABLE_USERS = ['registry/', 'access/', 'keys/'];

function sources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('one door to children’s data', () => {
  const files = [...sources(SRC), ...sources(CLI)];

  it('finds the source files it guards', () => {
    expect(files.some((f) => f.endsWith('registry/children.repo.ts'))).toBe(true);
  });

  it('no module outside registry/, access/ and keys/ queries the children’s tables', () => {
    const offenders = files.filter((f) => {
      const rel = path.relative(SRC, f);
      return !ALLOWED_TABLE_USERS.some((a) => rel.startsWith(a)) && CHILD_TABLES.test(fs.readFileSync(f, 'utf8'));
    });
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('the children repository is imported only inside registry/', () => {
    const offenders = files.filter((f) => !path.relative(SRC, f).startsWith('registry/') && REPO_IMPORT.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('keys/ only rewrites wrapped data keys', () => {
    for (const f of files.filter((x) => path.relative(SRC, x).startsWith('keys/'))) {
      const text = fs.readFileSync(f, 'utf8');
      const sets = [...text.matchAll(/\.set\(\{([^}]*)\}/gu)].map((m) => m[1]!);
      for (const s of sets) expect(s.replace(/\s/gu, '')).toMatch(/^(data_key_wrapped:[^,]+,master_key_version:[^,]+|master_key_version:[^,]+,data_key_wrapped:[^,]+),?$/u);
    }
  });
});
