import { describe, expect, it } from 'vitest';
import { DocState, OPERATORS, maskText, type EntityType, type Finding } from '../../src/index.ts';

const f = (type: EntityType, text: string, meta?: Record<string, string | boolean>): Finding =>
  ({ type, start: 0, end: text.length, text, score: 1, source: 'test', ...(meta ? { meta } : {}) });
const run = (op: keyof typeof OPERATORS, finding: Finding, params = {}, doc = new DocState()): string =>
  OPERATORS[op].create(params)(finding, doc);

describe('mask', () => {
  it.each([
    ['ID_CARD', '35010220120101123X', '3501**********123X'],
    ['PHONE', '13956785678', '139****5678'],
    ['BANK_CARD', '6222021234567890123', '6222***********0123'],
    ['PERSON', '张三', '张*'],
    ['PERSON', '李小花', '李**'],
    ['PERSON', '欧阳娜娜', '欧阳**'],
    ['PERSON', '阿依古丽', '阿***'],
    ['EMAIL', 'xiaohua@example.com', 'x******@example.com'],
    ['SCHOOL', '松溪县第一小学', '*****小学'],
    ['DATE_OF_BIRTH', '2014年3月8日', '2014*****'],
  ] as const)('%s %s → %s', (type, text, want) => {
    expect(run('mask', f(type, text))).toBe(want);
  });

  it('keeps an address up to its county', () => {
    expect(run('mask', f('ADDRESS', '福建省南平市松溪县郑墩镇双源村12号', { countyName: '松溪县' }))).toBe('福建省南平市松溪县*********');
  });

  it('re-masks an already-masked number to our shape', () => {
    expect(run('mask', f('ID_CARD', '350102********123X', { processed: true }))).toBe('3501**********123X');
  });

  it('counts code points: Ext-B names and emoji stay whole', () => {
    expect(run('mask', f('PERSON', '陈𠮷'))).toBe('陈*');
    expect(maskText('𠮷😀ab', 1, 1)).toBe('𠮷**b');
  });

  it('always hides at least one character', () => {
    expect(maskText('ab', 4, 4)).toBe('a*');
    expect(maskText('a', 1, 0)).toBe('*');
  });

  it('takes keepStart, keepEnd and char', () => {
    expect(run('mask', f('PHONE', '13956785678'), { keepStart: 0, keepEnd: 2, char: '×' })).toBe('×××××××××78');
  });
});

describe('court style (法释〔2016〕19号)', () => {
  it('Han names keep the surname, compound surnames whole', () => {
    expect(run('court', f('PERSON', '张三'))).toBe('张某');
    expect(run('court', f('PERSON', '欧阳娜娜'))).toBe('欧阳某');
    expect(run('court', f('PERSON', '王小明', { surname: '王' }))).toBe('王某');
  });

  it('minority and foreign names keep their first character', () => {
    expect(run('court', f('PERSON', '阿依古丽'))).toBe('阿某');
    expect(run('court', f('PERSON', '约翰·史密斯'))).toBe('约某');
    expect(run('court', f('PERSON', '买买提·艾力'))).toBe('买某');
  });

  it('numbers clashes in order of appearance and keeps them through the document', () => {
    const doc = new DocState();
    const names = ['张三', '李四', '张四', '张三', '张五'].map((n) => f('PERSON', n));
    doc.plan(names);
    const out = names.map((n) => run('court', n, {}, doc));
    expect(out).toEqual(['张某1', '李某', '张某2', '张某1', '张某3']);
  });

  it('a clash first seen in a later chunk continues the numbering without renaming earlier output', () => {
    const doc = new DocState();
    doc.plan([f('PERSON', '张三')]);
    expect(run('court', f('PERSON', '张三'), {}, doc)).toBe('张某');
    expect(run('court', f('PERSON', '张四'), {}, doc)).toBe('张某2');
    expect(run('court', f('PERSON', '张三'), {}, doc)).toBe('张某');
  });
});

describe('pseudonym (化名)', () => {
  it('same name → same 化名, different names → different ones, deterministic', () => {
    const names = ['李小花', '王芳', '李小花', '李 小花'].map((n) => f('PERSON', n));
    const a = new DocState(), b = new DocState();
    const outA = names.map((n) => run('pseudonym', n, {}, a));
    const outB = names.map((n) => run('pseudonym', n, {}, b));
    expect(outA).toEqual(['小A', '小B', '小A', '小A']);
    expect(outB).toEqual(outA);
  });

  it('never yields a registered name or a string already in the text', () => {
    const doc = new DocState({ avoid: ['小A'] });
    doc.plan([f('PERSON', '李小花')], '李小花和小B是同学');
    expect(run('pseudonym', f('PERSON', '李小花'), {}, doc)).toBe('小C');
  });

  it('neutral given names with style "name", skipping real ones', () => {
    const doc = new DocState({ pseudonymStyle: 'name', avoid: ['小禾'] });
    expect(run('pseudonym', f('PERSON', '李小花'), {}, doc)).toBe('小苗');
    expect(run('pseudonym', f('PERSON', '王芳'), {}, doc)).toBe('小溪');
  });
});

describe('generalise, delete, neutralise, keep, replace', () => {
  it('address → its county, else 某地', () => {
    expect(run('generalise', f('ADDRESS', '福建省南平市松溪县郑墩镇双源村12号', { countyName: '松溪县', countyCode: '350724' }))).toBe('松溪县');
    expect(run('generalise', f('ADDRESS', '双源村'))).toBe('某地');
  });
  it('school → 某学校, birth date → year', () => {
    expect(run('generalise', f('SCHOOL', '松溪县第一小学'))).toBe('某学校');
    expect(run('generalise', f('DATE_OF_BIRTH', '2014年3月8日'))).toBe('2014年');
    expect(run('generalise', f('DATE_OF_BIRTH', '二〇一四年三月八日', { date: '2014-03-08' }))).toBe('2014年');
  });
  it('delete → nothing; keep → as is; replace → type or given text', () => {
    expect(run('delete', f('PHONE', '13956785678'))).toBe('');
    expect(run('keep', f('PLATE', '闽H12345'))).toBe('闽H12345');
    expect(run('replace', f('PHONE', '13956785678'))).toBe('[电话号码]');
    expect(run('replace', f('PHONE', '13956785678'), { with: '（略）' })).toBe('（略）');
  });
  it('neutralise a label (第十五条) with the detector’s neutral word', () => {
    expect(run('neutralise', f('LABEL', '孤儿', { neutral: '儿童' }))).toBe('儿童');
    expect(run('neutralise', f('LABEL', '事实无人抚养'))).toBe('');
  });
});

describe('parameter validation', () => {
  it('names the bad parameter', () => {
    expect(OPERATORS.mask.validate({ keepStart: -1 })).toEqual([{ field: 'keepStart', message: '应为 0–64 的整数' }]);
    expect(OPERATORS.mask.validate({ char: '**' })[0]!.field).toBe('char');
    expect(OPERATORS.delete.validate({ x: 1 })[0]!.message).toContain('不接受参数');
    expect(OPERATORS.pseudonym.validate({ style: 'roman' })[0]!.field).toBe('style');
    expect(OPERATORS.mask.validate({ keepStart: 2, keepEnd: 3 })).toEqual([]);
  });
});
