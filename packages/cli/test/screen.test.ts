import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, hutongIn, tempDir } from './run-hutong.ts';

const dir = tempDir('hutong-cli-screen-');
const hutong = hutongIn(dir);

describe('hutong screen (第五条)', { timeout: 180_000 }, () => {
  const pkg = path.join(dir, 'screen.pkg');

  it('build compiles a package from the imported registry, and refuses to overwrite it', async () => {
    expect((await hutong(['org', 'add', '--name', '松溪县民政局（巡查测试）', '--type', '民政', '--region', '350724000000'])).code).toBe(0);
    expect((await hutong(['import', 'children', '--file', path.join(FIX, 'children-valid.csv'), '--org', '松溪县民政局（巡查测试）'])).code).toBe(0);
    const r = await hutong(['screen', 'build', '--out', pkg, '--org', '松溪县民政局（巡查测试）', '--days', '14']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/第 1 版（密钥周期 1），20 名儿童/u);
    expect(r.stdout).toContain('本次重新计算 20 名、沿用 0 名、移除 0 名');
    expect(fs.statSync(pkg).mode & 0o777).toBe(0o600);
    const again = await hutong(['screen', 'build', '--out', pkg]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在');
  });

  it('scan writes one line per disclosed child and explains bad lines', async () => {
    const posts = [
      { id: 'p1', url: 'https://example.net/1', text: '郑墩村的高嘉星，奶奶孙语兰，是留守儿童' },
      { id: 'p2', text: '高嘉星今天上学去了' },
      { id: 3, text: '身份证号 35072420131109843x 被公开了' },
    ].map((p) => JSON.stringify(p));
    const input = path.join(dir, 'posts.jsonl'), output = path.join(dir, 'hits.jsonl');
    fs.writeFileSync(input, [...posts, '{"id":"p4"}', 'not json'].join('\n'));
    const r = await hutong(['screen', 'scan', '--package', pkg, '--in', input, '--out', output]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 4 行 text：必填');
    expect(r.stderr).toContain('第 5 行 不是有效的 JSON');
    expect(r.stderr).toContain('已扫描 3 条帖子');
    const hits = fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; child: string; evidence: Array<{ kind: string }>; flags: string[]; score: number });
    expect(hits.map((h) => h.id)).toEqual(['p1', 3]);
    expect(hits[0]!.flags).toEqual(['label']);
    expect(hits[0]!.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['village', 'name', 'guardian_name']));
    expect(hits[1]!.evidence).toEqual([{ kind: 'id_number', start: 5, end: 23 }]);
    expect(hits[0]!.child).toMatch(/^[0-9a-f]{32}$/u);
    expect(hits[0]!.child).not.toBe(hits[1]!.child);
  });

  it('scan reads standard input and refuses a damaged package', async () => {
    const ok = await hutong(['screen', 'scan', '--package', pkg, '--in', '-', '--out', '-'], '{"id":"s","text":"洋墩村的刘天浩"}\n');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: 's', flags: [] });
    const bad = path.join(dir, 'bad.pkg');
    const bytes = fs.readFileSync(pkg);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    fs.writeFileSync(bad, bytes);
    const r = await hutong(['screen', 'scan', '--package', bad, '--in', '-', '--out', '-'], '');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('巡查包校验失败');
    expect(r.stderr).toContain('第五条');
  });

  it('a rebuild with no registry change re-derives nobody', async () => {
    const r = await hutong(['screen', 'build', '--out', path.join(dir, 'screen-2.pkg'), '--org', '松溪县民政局（巡查测试）']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('本次重新计算 0 名、沿用 20 名、移除 0 名');
  });
});
