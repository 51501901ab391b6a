import { describe, expect, it } from 'vitest';
import { Scanner } from '../src/index.ts';
import { buildPackage, child, CHILDREN, ID_A, ID_X, refHex } from './test-package.ts';

const pkg = buildPackage();
const scan = (text: string) => new Scanner(pkg).scan(text);
const at = (text: string, part: string) => {
  const cps = [...text];
  for (let i = 0; i < cps.length; i++) if (cps.slice(i, i + [...part].length).join('') === part) return { start: i, end: i + [...part].length };
  throw new Error(`${part} not in ${text}`);
};

describe('scanner: a post that discloses a registered child (第五条)', () => {
  it.each([
    ['name + village', '龚梓骁家住双源村，今年十二岁。', 'A', ['name', 'village']],
    ['name + township', '郑墩镇的龚梓骁同学获了奖', 'A', ['township', 'name']],
    ['name + school', '郑墩星河中心小学龚梓骁', 'A', ['school', 'name']],
    ['child + guardian', '龚梓骁的奶奶蔺秀蓉说', 'A', ['name', 'guardian_name']],
    ['guardian + village', '双源村村民蔺秀蓉一家', 'A', ['village', 'guardian_name']],
    ['compound surname + village', '洋墩村的欧阳沐晴', 'B', ['village', 'name']],
    ['Ext-B name + village', '黄沙村的𠮷田雅', 'D', ['village', 'name']],
  ])('%s', (_what, text, who, kinds) => {
    const hits = scan(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.child).toBe(refHex(who));
    expect(hits[0]!.evidence.map((e) => e.kind)).toEqual(kinds);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0.5);
  });

  it('reports evidence in code points of the original post, emoji and Ext-B counted once', () => {
    const text = '😀😀黄沙村 😀 的 𠮷-田·雅';
    const [hit] = scan(text);
    const name = hit!.evidence.find((e) => e.kind === 'name')!;
    expect([...text].slice(name.start, name.end).join('')).toBe('𠮷-田·雅');
    expect(hit!.evidence.find((e) => e.kind === 'village')).toMatchObject({ ...at(text, '黄沙村') });
  });

  it('catches a name written with spaces or punctuation between its characters', () => {
    for (const text of ['龚 梓 骁 家住双源村', '龚-梓-骁，双源村', '龚·梓·骁（双·源·村）', '龚，梓，骁住在双源村']) {
      expect(scan(text).map((h) => h.child), text).toEqual([refHex('A')]);
    }
  });

  it.each([
    ['plain', `身份证号${ID_A}`, 'A'],
    ['full-width digits', `身份证号${ID_A.replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)))}`, 'A'],
    ['grouped with spaces', `证件：${ID_A.slice(0, 6)} ${ID_A.slice(6, 14)} ${ID_A.slice(14)}`, 'A'],
    ['lower-case x', `号码 ${ID_X.toLowerCase()}`, 'B'],
    ['full-width X', `号码 ${ID_X.slice(0, 17)}Ｘ`, 'B'],
  ])('an ID number alone is a hit: %s', (_what, text, who) => {
    const hits = scan(text);
    expect(hits.map((h) => h.child)).toEqual([refHex(who)]);
    expect(hits[0]!.evidence.map((e) => e.kind)).toEqual(['id_number']);
    expect(hits[0]!.score).toBe(1);
  });

  it('the ID number evidence spans the number as written', () => {
    const text = `证件：${ID_A.slice(0, 6)} ${ID_A.slice(6, 14)} ${ID_A.slice(14)}。`;
    const e = scan(text)[0]!.evidence[0]!;
    expect([...text].slice(e.start, e.end).join('')).toBe(`${ID_A.slice(0, 6)} ${ID_A.slice(6, 14)} ${ID_A.slice(14)}`);
  });

  it('a Uyghur name of 9 汉字 (given and father’s name) with its village, written with or without the middle dot', () => {
    const long = child('E', { name: '阿卜杜热依木·买买提', village: '托格拉克村', township: '郑墩镇', guardian: '热依汗古丽·吐尔逊' });
    const withLong = new Scanner(buildPackage([...CHILDREN, long]));
    for (const text of ['阿卜杜热依木·买买提家住托格拉克村', '托格拉克村的阿卜杜热依木买买提', '阿卜杜热依木・买买提的妈妈热依汗古丽・吐尔逊']) {
      expect(withLong.scan(text).map((h) => h.child), text).toEqual([refHex('E')]);
    }
    // Only the name's last part is not the name.
    expect(withLong.scan('买买提家住托格拉克村')).toEqual([]);
  });

  it('flags labelling and exploitation cues (第十五条) on a hit, with blockers respected', () => {
    expect(scan('双源村孤儿龚梓骁，求大家募捐')[0]!.flags).toEqual(['label', 'exploit']);
    expect(scan('龚梓骁住双源村，领取最低保障金')[0]!.flags).toEqual([]);
    expect(scan('龚梓骁住双源村，家里吃低保')[0]!.flags).toEqual(['label']);
  });
});

describe('scanner: what is not a hit', () => {
  it.each([
    ['a name alone', '龚梓骁今天过生日'],
    ['a guardian name alone', '蔺秀蓉在菜市场'],
    ['a village alone', '双源村今年丰收'],
    ['a school alone', '郑墩星河中心小学开学了'],
    ['a name with another child’s village', '龚梓骁去了洋墩村'],
    ['two guardians of different children', '蔺秀蓉和欧阳建国'],
    ['an ID number with a wrong check character', `身份证号${ID_A.slice(0, 17)}${ID_A[17] === '0' ? '1' : '0'}`],
    ['an unregistered valid ID number', '身份证号11010519491231002X'],
    ['empty text', ''],
    ['digits only', '1234567890'.repeat(50)],
  ])('%s', (_what, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('a name and a village further apart than the pair window', () => {
    const far = buildPackage(undefined, { pairWindow: 10 });
    const text = `龚梓骁${'今天天气很好'.repeat(3)}双源村`;
    expect(new Scanner(far).scan(text)).toEqual([]);
    expect(new Scanner(far).scan('龚梓骁住在双源村')).toHaveLength(1);
  });

  it('a common name with a place name many places share is too weak alone, and counts with a second clue', () => {
    expect(scan('张伟住在新村')).toEqual([]);
    expect(scan('城关镇的张伟')).toEqual([]);
    const two = scan('新村的张伟在城关镇实验小学上学，妈妈王芳');
    expect(two.map((h) => h.child)).toEqual([refHex('C')]);
    expect(two[0]!.evidence.map((e) => e.kind).sort()).toEqual(['guardian_name', 'name', 'school', 'township', 'village']);
  });

  it('scans many posts with one scanner without carrying anything over', () => {
    const s = new Scanner(pkg);
    expect(s.scan('龚梓骁家住双源村')).toHaveLength(1);
    expect(s.scan('龚梓骁今天过生日')).toEqual([]);
    expect(s.scan('双源村今年丰收')).toEqual([]);
    expect(s.stats.posts).toBe(3);
  });
});
