import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIX, hutongIn, tempDir } from './run-hutong.ts';

const dir = tempDir('hutong-cli-incident-');
const file = (name: string) => path.join(dir, name);
const hutong = hutongIn(dir);

/**
 * 第五条 from a fresh data directory: registry → screening package → scan → incident → notice →
 * follow-up → closure, each step through `hutong`. The children are the synthetic fixture
 * (高嘉星 of 郑墩村, grandmother 孙语兰, ID 350724201806250771).
 */
describe('hutong incident (第五条)', { timeout: 300_000 }, () => {
  const CIVIL = '松溪县民政局（事件CLI测试）';
  const CAC = '松溪县网信办（事件CLI测试）';
  const ingest = (hits: string, ...more: string[]) =>
    hutong(['incident', 'ingest', '--hits', hits, '--source-kind', 'cyberspace_screening', '--source-name', '某短视频平台', '--as', 'cac.staff', ...more]);
  let id = '';

  it('build → scan: a post naming a child and her village is a hit', async () => {
    expect((await hutong(['org', 'add', '--name', CIVIL, '--type', '民政', '--region', '350724000000'])).code).toBe(0);
    expect((await hutong(['org', 'add', '--name', CAC, '--type', '网信', '--region', '350724000000'])).code).toBe(0);
    expect((await hutong(['import', 'children', '--file', path.join(FIX, 'children-valid.csv'), '--org', CIVIL])).code).toBe(0);
    for (const [username, org, role] of [['pio.officer', CIVIL, 'protection_officer'], ['cac.staff', CAC, 'department_staff'], ['zd.director', CIVIL, 'child_director']]) {
      const r = await hutong(['user', 'add', '--username', username!, '--name', '测试', '--org', org!, '--role', role!]);
      expect(r.code, r.stderr).toBe(0);
    }
    const build = await hutong(['screen', 'build', '--out', file('screen.pkg'), '--org', CIVIL]);
    expect(build.code, build.stderr).toBe(0);
    fs.writeFileSync(file('posts.jsonl'), [
      { id: 'v-1', url: 'https://video.example.net/v/1', text: '郑墩村的高嘉星，奶奶孙语兰一个人带他，是留守儿童，身份证号350724201806250771' },
      { id: 'v-2', text: '今天天气很好' },
    ].map((p) => JSON.stringify(p)).join('\n'));
    const scan = await hutong(['screen', 'scan', '--package', file('screen.pkg'), '--in', file('posts.jsonl'), '--out', file('hits.jsonl')]);
    expect(scan.code, scan.stderr).toBe(0);
    expect(fs.readFileSync(file('hits.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('ingest refuses a bad hits file by line and a role without incident.manage; nothing is ingested', async () => {
    fs.writeFileSync(file('bad-hits.jsonl'), `${fs.readFileSync(file('hits.jsonl'), 'utf8').trim()}\nnot json\n{"id":"x","child":"zz","evidence":[],"score":2}\n`);
    const bad = await ingest(file('bad-hits.jsonl'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('命中文件有误，未导入任何命中');
    expect(bad.stderr).toContain('第 2 行 --hits：不是有效的 JSON');
    expect(bad.stderr).toMatch(/第 3 行 --hits：child：应为 32 位十六进制/u);
    const director = await hutong(['incident', 'ingest', '--hits', file('hits.jsonl'), '--source-kind', 'cyberspace_screening', '--source-name', '某短视频平台', '--as', 'zd.director']);
    expect(director.code).toBe(1);
    expect(director.stderr).toContain('第五条');
  });

  it('ingest registers the incident once (nothing was left by the refusals); the same hits again are duplicates', async () => {
    const r = await ingest(file('hits.jsonl'), '--posts', file('posts.jsonl'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已登记 1 起泄露事件（已告知儿童所属机构）；重复 0 条；无法对应到本辖区在册儿童 0 条');
    id = r.stdout.trim().split('\n').at(-1)!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);
    const again = await ingest(file('hits.jsonl'), '--posts', file('posts.jsonl'));
    expect(again.stdout).toContain('已登记 0 起泄露事件（已告知儿童所属机构）；重复 1 条');
  });

  it('the owning org lists and shows it with a masked name and a processed excerpt', async () => {
    const list = await hutong(['incident', 'list', '--as', 'pio.officer']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('共 1 起');
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('高**');
    const show = await hutong(['incident', 'show', id, '--as', 'zd.director']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('证据');
    for (const v of ['高嘉星', '孙语兰', '郑墩村', '350724201806250771']) expect(show.stdout).not.toContain(v);
  });

  it('notice: a 0-day deadline is refused; then the letter is written, citing 第五、十四、十五条 without the leaked data', async () => {
    const bad = await hutong(['incident', 'notice', id, '--as', 'cac.staff', '--recipient', '某短视频平台', '--due-days', '0', '--out', file('letter-0.md')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--due-days：处理期限至少 1 天');
    expect(fs.existsSync(file('letter-0.md'))).toBe(false);
    const r = await hutong(['incident', 'notice', id, '--as', 'cac.staff', '--recipient', '某短视频平台', '--due-days', '5', '--contact', '0599-0000000', '--out', file('letter.md')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('引用第五条、第十四条、第十五条');
    const letter = fs.readFileSync(file('letter.md'), 'utf8');
    for (const s of ['第五条', '第十四条', '第十五条', 'https://video.example.net/v/1', '0599-0000000', '5 日内']) expect(letter).toContain(s);
    for (const v of ['高嘉星', '孙语兰', '郑墩村', '350724201806250771']) expect(letter).not.toContain(v);
  });

  it('follow-up and closure; the ledger still verifies', async () => {
    expect((await hutong(['incident', 'follow-up', id, '--as', 'pio.officer', '--note', '平台已下架', '--outcome', 'removed'])).code).toBe(0);
    const close = await hutong(['incident', 'close', id, '--as', 'cac.staff', '--resolution', 'removed', '--note', '复核确认已删除']);
    expect(close.code, close.stderr).toBe(0);
    const show = await hutong(['incident', 'show', id, '--as', 'pio.officer']);
    expect(show.stdout).toContain('已结案');
    expect(show.stdout).toContain('结案：已删除');
    expect(show.stdout).toContain('平台已下架（已删除）');
    const verify = await hutong(['ledger', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
