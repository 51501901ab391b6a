import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redactFile } from '../../src/index.ts';
import { ID1, ID2, realEngine } from '../operators/stub-engine.ts';
import { tempDir } from './tmp.ts';

const p = tempDir();
const real = realEngine({ persons: ['李小花', '钱多多'], schools: [], places: [] });

/** The real detectors, as far as they are ready in this checkout (skipped when they do not load). */
describe.skipIf(!real)('files with the real detectors', () => {
  it('CSV aid list: registry names, IDs and phones never survive', async () => {
    writeFileSync(p('a.csv'), `序号,姓名,身份证号,联系电话,备注\n1,李小花,${ID1},13905991234,家住福建省南平市松溪县郑墩镇双源村12号\n2,钱多多,${ID2},13905990000,电话13905991234\n`);
    await redactFile(real!, p('a.csv'), p('a.out.csv'), { preset: 'aid_list' });
    const out = readFileSync(p('a.out.csv'), 'utf8');
    expect(out).not.toMatch(new RegExp(`李小花|钱多多|${ID1}|${ID2}|13905991234|13905990000|双源村`, 'u'));
    expect(out).toContain('李**');
  });

  it('text news: a registered child never slips through', async () => {
    writeFileSync(p('a.txt'), `本报讯 李小花（身份证号${ID1}）今年十岁，家住福建省南平市松溪县郑墩镇双源村12号。\n李小花的妈妈说……\n`);
    await redactFile(real!, p('a.txt'), p('a.out.txt'), { preset: 'news' });
    const out = readFileSync(p('a.out.txt'), 'utf8');
    expect(out).not.toMatch(new RegExp(`李小花|${ID1}|双源村`, 'u'));
    expect(out).toContain('松溪县');
  });
});
