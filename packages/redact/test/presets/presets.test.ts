import { HutongError } from '@hutong/core';
import { describe, expect, it } from 'vitest';
import { ARTICLES, PRESET_NAMES, redactText, resolvePolicy, type Finding } from '../../src/index.ts';
import { ID1, SAMPLE, realEngine, stubEngine } from '../operators/stub-engine.ts';

const engine = stubEngine();
const idMasked = `${ID1.slice(0, 4)}${'*'.repeat(10)}${ID1.slice(-4)}`;

describe('presets on a synthetic case note', () => {
  it('news 宣传报道: 化名, county, 某学校, identifiers deleted, labels neutralised, cues removed and flagged', () => {
    const r = redactText(engine, SAMPLE, { preset: 'news' });
    expect(r.text).toBe('小A，女，2014年出生，身份证号，住松溪县，就读于某学校，是一名儿童。监护人小B，电话。有人想通过为小A。');
    const cue = r.report.filter((e) => e.type === 'EXPLOIT_CUE');
    expect(cue).toHaveLength(2);
    expect(cue.every((e) => e.flag && e.article === ARTICLES.measures15)).toBe(true);
    expect(r.report.find((e) => e.type === 'PERSON')!.article).toBe('《困境儿童个人信息保护工作办法》第十四条');
    expect(r.report.find((e) => e.type === 'LABEL')!.article).toBe('《困境儿童个人信息保护工作办法》第十五条');
  });

  it('judgment 裁判文书: 姓+某, county, ID masked, contacts deleted', () => {
    const r = redactText(engine, SAMPLE, { preset: 'judgment' });
    expect(r.text).toBe(`李某，女，2014年出生，身份证号${idMasked}，住松溪县，就读于某学校，是一名儿童。监护人张某，电话。有人想通过直播带货为李某爱心捐款。`);
    expect(r.report.filter((e) => e.type !== 'LABEL' && e.type !== 'EXPLOIT_CUE').every((e) => e.article === '法释〔2016〕19号')).toBe(true);
  });

  it('aid_list 名单公示 (第八条): masked names, no label, no ID number', () => {
    const r = redactText(engine, SAMPLE, { preset: 'aid_list' });
    expect(r.text).toBe('李**，女，出生，身份证号，住松溪县，就读于某学校，是一名。监护人张*，电话。有人想通过为李**。');
    expect(r.report.find((e) => e.type === 'ID_CARD')!.article).toBe(ARTICLES.measures8);
  });

  it('stats 统计报表: nothing that singles a child out', () => {
    const r = redactText(engine, SAMPLE, { preset: 'stats' });
    expect(r.text).toBe('，女，2014年出生，身份证号，住松溪县，就读于某学校，是一名孤儿。监护人，电话。有人想通过为。');
  });

  it('court clash numbering is consistent through a judgment', () => {
    const text = '原告张三诉被告张四。张三系张四之子。欧阳明作证。';
    expect(redactText(engine, text, { preset: 'judgment' }).text).toBe('原告张某1诉被告张某2。张某1系张某2之子。欧阳某作证。');
  });

  it('a name found once is processed at every recurrence, even where no detector fired', () => {
    const only: Finding = { type: 'PERSON', start: 0, end: 3, text: '赵小燕', score: 0.8, source: 'reviewer' };
    const r = redactText(engine, '赵小燕今年十岁。赵小燕喜欢画画。', { preset: 'news', findings: [only] });
    expect(r.text).toBe('小A今年十岁。小A喜欢画画。');
    expect(r.report[1]!.rule).toBe('reviewer+recurrence');
  });
});

describe('invariant: no detected original survives unprocessed', () => {
  for (const preset of PRESET_NAMES) {
    it(`${preset}: re-detecting the output finds none of the original identifiers`, () => {
      const policy = resolvePolicy({ preset });
      const before = engine.detect(SAMPLE);
      const r = redactText(engine, SAMPLE, { preset });
      const after = new Set(engine.detect(r.text).map((f) => f.text));
      for (const f of before) {
        if (policy.rules[f.type].op === 'keep') continue;
        expect(after.has(f.text), `${f.type} ${f.text}`).toBe(false);
        expect(r.text.includes(f.text), `${f.type} ${f.text}`).toBe(false);
      }
    });
  }

  const real = realEngine();
  it.skipIf(!real)('with the real detectors (news)', () => {
    const before = real!.detect(SAMPLE);
    const r = redactText(real!, SAMPLE, { preset: 'news' });
    for (const f of before) if (f.type !== 'LABEL') expect(r.text.includes(f.text), `${f.type} ${f.text}`).toBe(false);
    expect(r.text).not.toContain('李小花');
    expect(r.text).not.toContain('13905991234');
    expect(r.text).toContain('松溪县');
  });
});

describe('report entries', () => {
  it('code-point offsets, masked originals, operator, rule and article', () => {
    const text = '𠮷𠮷李小花的电话是13905991234。';
    const r = redactText(engine, text, { preset: 'judgment' });
    expect(r.report).toEqual([
      { type: 'PERSON', start: 2, end: 5, original: '李**', replacement: '李某', operator: 'court', rule: 'stub', score: 0.9, article: '法释〔2016〕19号' },
      { type: 'PHONE', start: 9, end: 20, original: '139****1234', replacement: '', operator: 'delete', rule: 'stub_phone', score: 0.99, article: '法释〔2016〕19号' },
    ]);
    expect(JSON.stringify(redactText(engine, SAMPLE, { preset: 'news' }).report)).not.toContain('13905991234');
  });
});

describe('policy', () => {
  it('overrides an operator per type and keeps listed types and texts', () => {
    const r = redactText(engine, SAMPLE, {
      policy: { preset: 'news', operators: { PERSON: 'court', PHONE: { op: 'mask', keepStart: 3, keepEnd: 4 } }, keep: ['SCHOOL', '张三'] },
    });
    expect(r.text).toBe('李某，女，2014年出生，身份证号，住松溪县，就读于松溪县第一小学，是一名儿童。监护人张三，电话139****1234。有人想通过为李某。');
    const phone = r.report.find((e) => e.type === 'PHONE')!;
    expect(phone.operator).toBe('mask');
    expect(phone.article).toContain('处理策略文件');
    expect(r.report.find((e) => e.type === 'SCHOOL')!.operator).toBe('keep');
  });

  it('a policy preset wins over the option preset; a bare preset name is accepted', () => {
    expect(resolvePolicy({ preset: 'stats' }, 'news').preset).toBe('stats');
    expect(resolvePolicy('judgment').rules.PERSON.op).toBe('court');
  });

  const bad = (p: unknown): HutongError => {
    try { resolvePolicy(p); } catch (e) { return e as HutongError; }
    throw new Error('expected an error');
  };

  it.each([
    [{ preset: 'newspaper' }, '处理策略 preset', '未知的预设“newspaper”'],
    [{ operators: { NAME: 'court' } }, '处理策略 operators.NAME', '未知的信息类型'],
    [{ operators: { PERSON: 'blur' } }, '处理策略 operators.PERSON', '未知的处理方式“blur”'],
    [{ operators: { PERSON: { op: 'zap' } } }, '处理策略 operators.PERSON.op', '未知的处理方式'],
    [{ operators: { PHONE: { op: 'mask', keepStart: 'three' } } }, '处理策略 operators.PHONE.keepStart', '整数'],
    [{ operators: { PHONE: { op: 'delete', with: 'x' } } }, '处理策略 operators.PHONE.with', '不支持的参数'],
    [{ keep: 'SCHOOL' }, '处理策略 keep', '字符串数组'],
    [{ keep: [''] }, '处理策略 keep[0]', '非空字符串'],
    [{ operator: {} }, '处理策略 operator', '未知的配置项'],
    [[1, 2], 'policy', 'JSON 对象'],
  ])('%j → error naming %s', (policy, field, message) => {
    const e = bad(policy);
    expect(e).toBeInstanceOf(HutongError);
    expect(e.code).toBe('HUTONG_VALIDATION');
    expect(e.details.fields![0]!.field).toBe(field);
    expect(e.message).toContain(message);
  });

  it('reports every problem at once', () => {
    const e = bad({ preset: 'x', operators: { PERSON: 'blur', FOO: 'keep' } });
    expect(e.details.fields).toHaveLength(3);
  });
});
