import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, loadConfig } from '../src/server-api.ts';
import { evaluate, readCorpus, type EvalFormat } from '../src/redact-api.ts';
import { FIX, hutongIn, tempDir } from './run-hutong.ts';

const dir = tempDir('hutong-redact-test-');
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const hutong = hutongIn(path.join(dir, 'data'));

interface Out { id: string | number; findings: Array<{ type: string; start: number; end: number; text: string; score: number; source: string }> }
const lines = (s: string): Out[] => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Out);

describe('hutong detect', { timeout: 120_000 }, () => {
  it('reads JSONL from stdin and writes JSONL to stdout, offsets in code points (an emoji counts once)', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: '😀😀联系电话13912345678，邮箱 zhang.san@example.com' }),
      JSON.stringify({ id: 7, text: '没有个人信息的一句话。' }),
    ].join('\n');
    const r = await hutong(['detect', '--in', '-', '--out', '-'], input);
    expect(r.code, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((l) => l.id)).toEqual(['a', 7]);
    const phone = out[0]!.findings.find((f) => f.type === 'PHONE')!;
    expect(phone).toMatchObject({ start: 6, end: 17, text: '13912345678' });
    const text = [...'😀😀联系电话13912345678，邮箱 zhang.san@example.com'];
    for (const f of out[0]!.findings) {
      expect(text.slice(f.start, f.end).join('')).toBe(f.text);
      expect(Object.keys(f).sort()).toEqual(['end', 'score', 'source', 'start', 'text', 'type']);
    }
    expect(out[0]!.findings.find((f) => f.type === 'EMAIL')?.text).toBe('zhang.san@example.com');
  });

  it('names each bad line on stderr with its number, processes the others and exits 1', async () => {
    const inFile = file('bad.jsonl', ['{"id":"ok1","text":"电话13912345678"}', '{not json', '{"id":"x"}', '["id"]', '{"id":"ok2","text":"无"}'].join('\n'));
    const outFile = path.join(dir, 'bad-out.jsonl');
    const r = await hutong(['detect', '--in', inFile, '--out', outFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 2 行 不是有效的 JSON');
    expect(r.stderr).toContain('第 3 行 text');
    expect(r.stderr).toContain('第 4 行');
    expect(lines(fs.readFileSync(outFile, 'utf8')).map((l) => l.id)).toEqual(['ok1', 'ok2']);
    expect(fs.statSync(outFile).mode & 0o777).toBe(0o600);
    const missing = await hutong(['detect', '--in', path.join(dir, 'nope.jsonl'), '--out', '-']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('无法读取输入文件');
  });

  it('--registry needs --org, then matches the org’s registered children and ledgers the read', async () => {
    const noOrg = await hutong(['detect', '--in', '-', '--out', '-', '--registry'], '{"id":1,"text":"x"}');
    expect(noOrg.code).toBe(1);
    expect(noOrg.stderr).toContain('--org');

    const org = await hutong(['org', 'add', '--name', '郑墩镇民政办（技术处理测试）', '--type', '民政', '--region', '350724101000']);
    expect(org.code, org.stderr).toBe(0);
    const imported = await hutong(['import', 'children', '--file', path.join(FIX, 'children-valid.csv'), '--org', org.stdout.trim()]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);

    // 高嘉星 and 郑墩星河中心小学 are synthetic rows of the import fixture.
    const text = '🎉🎉高嘉星在郑墩星河中心小学读二年级。';
    const r = await hutong(['detect', '--in', '-', '--out', '-', '--registry', '--org', '郑墩镇民政办（技术处理测试）'], JSON.stringify({ id: 'r', text }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('已读取名册');
    const found = lines(r.stdout)[0]!.findings;
    expect(found.find((f) => f.text === '高嘉星')).toMatchObject({ type: 'PERSON', start: 2, end: 5, source: 'registry' });

    const ctx = await createContext({ config: loadConfig({ HUTONG_DATA_DIR: path.join(dir, 'data') }) });
    try {
      const entries = await ctx.db.selectFrom('ledger_entries').selectAll().where('reason', '=', 'redact_registry_terms').execute();
      expect(entries.length).toBe(1);
      expect(entries[0]).toMatchObject({ act: 'use', outcome: 'allowed' });
      expect(entries[0]!.actor_user_id).toMatch(/^cli:/u);
      expect(entries[0]!.child_ids.length).toBe(20);
      expect(entries[0]!.fields).toEqual(['guardianName', 'name', 'regionCode', 'school']);
    } finally {
      await ctx.close();
    }
  });
});

describe('hutong redact', { timeout: 120_000 }, () => {
  it('processes a .txt with a preset and writes a Markdown review report', async () => {
    const inFile = file('news.txt', '记者走访了困境儿童家庭，孩子的母亲电话13912345678。\n来信请寄 zhang.san@example.com。\n');
    const outFile = path.join(dir, 'news.out.txt');
    const reportFile = path.join(dir, 'news.report.md');
    const r = await hutong(['redact', '--in', inFile, '--out', outFile, '--preset', 'news', '--report', reportFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/已处理 .*news\.txt → .*news\.out\.txt（预设 news）：共 \d+ 处/u);
    const out = fs.readFileSync(outFile, 'utf8');
    expect(out).not.toContain('13912345678');
    expect(out).not.toContain('zhang.san@example.com');
    expect(out.split('\n').length).toBe(3);
    const report = fs.readFileSync(reportFile, 'utf8');
    expect(report).toContain('# 技术处理报告');
    expect(report).not.toContain('13912345678');
  });

  it('processes a .csv by column (aid_list) and keeps the header; a bad policy is refused naming the key', async () => {
    const inFile = file('aid.csv', '姓名,联系电话,资助金额\n王小明,13912345678,500\n李小花,13800001111,800\n');
    const outFile = path.join(dir, 'aid.out.csv');
    const r = await hutong(['redact', '--in', inFile, '--out', outFile, '--preset', 'aid_list', '--report', path.join(dir, 'aid.report.json')]);
    expect(r.code, r.stderr).toBe(0);
    const out = fs.readFileSync(outFile, 'utf8');
    expect(out.replace(/^\uFEFF/u, '').split(/\r?\n/u)[0]).toBe('姓名,联系电话,资助金额');
    for (const secret of ['王小明', '李小花', '13912345678', '13800001111']) expect(out).not.toContain(secret);
    expect(out).toContain('500');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'aid.report.json'), 'utf8'));
    expect(report).toMatchObject({ format: 'csv', preset: 'aid_list' });
    expect(report.total).toBeGreaterThanOrEqual(4);

    const policy = file('bad-policy.json', JSON.stringify({ operators: { PHONE: 'shred' } }));
    const bad = await hutong(['redact', '--in', inFile, '--out', path.join(dir, 'aid2.out.csv'), '--preset', 'aid_list', '--policy', policy]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('operators.PHONE');
    expect(fs.existsSync(path.join(dir, 'aid2.out.csv'))).toBe(false);
    const badPreset = await hutong(['redact', '--in', inFile, '--out', outFile, '--preset', 'tabloid']);
    expect(badPreset.code).not.toBe(0);
    expect(badPreset.stderr).toContain('可选：news、judgment、aid_list、stats');
  });
});

/**
 * Tiny hand-made corpora, one per format, each with a known answer. The predictor is a stub that
 * "finds" fixed strings, so precision and recall are known exactly and the readers' offsets are
 * pinned (including an astral character before a span in the JSON formats).
 */
const CORPORA: Record<EvalFormat, string> = {
  bio: '王 B-PER\n小 I-PER\n明 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n\n李 B-PER\n雷 I-PER\n和 O\n韩 B-PER\n梅 I-PER\n',
  conll: '王0\tB-PER.NAM\n小1\tI-PER.NAM\n明2\tI-PER.NAM\n和0\tO\n妈0\tB-PER.NOM\n妈1\tI-PER.NOM\n\n李0\tB-PER.NAM\n雷1\tI-PER.NAM\n',
  cluener: [
    JSON.stringify({ text: '𠮷王小明住在江苏省南京市', label: { name: { 王小明: [[1, 3]] }, address: { 江苏省南京市: [[6, 11]] }, company: { 南京: [[9, 10]] } } }),
    JSON.stringify({ text: '李雷', label: { name: { 李雷: [[0, 1]] } } }),
  ].join('\n'),
  bdci: [
    JSON.stringify({ id: 1, text: '😀王小明电话13912345678', spans: [{ type: 'name', start: 1, end: 4, text: '王小明' }, { type: 'mobile', start: 6, end: 17, text: '13912345678' }] }),
    JSON.stringify({ id: 2, text: '李雷', spans: [{ type: 'name', start: 0, end: 2, text: '李雷' }, { type: 'movie', start: 0, end: 2, text: '李雷' }] }),
  ].join('\n'),
  address: '江 B-prov\n苏 I-prov\n省 I-prov\n南 B-city\n京 I-city\n市 I-city\n_ B-redundant\n\n北 B-city\n京 I-city\n市 I-city\n12 B-houseno\n号 I-houseno\n',
};

/** Stub predictions: 王小明 (right), 李 (a wrong span of 李雷: half its characters), 南京市 (part of an address). */
function stub(text: string) {
  const out: Array<{ type: 'PERSON' | 'ADDRESS' | 'PHONE'; start: number; end: number }> = [];
  const at = (s: string, type: 'PERSON' | 'ADDRESS' | 'PHONE') => {
    const i = text.indexOf(s);
    if (i >= 0) out.push({ type, start: i, end: i + s.length });
  };
  at('王小明', 'PERSON');
  at('李', 'PERSON');
  at('南京市', 'ADDRESS');
  at('北京市12号', 'ADDRESS');
  at('13912345678', 'PHONE');
  return out;
}

describe('eval library on a tiny corpus of each format', () => {
  const cases: Array<[EvalFormat, Record<string, { gold: number; predicted: number; correct: number; charP: number; charR: number }>]> = [
    // gold PER: 王小明, 李雷, 韩梅 (LOC not scored); predicted 王小明 ✓, 李 ✗
    ['bio', { PERSON: { gold: 3, predicted: 2, correct: 1, charP: 4 / 4, charR: 4 / 7 } }],
    // 妈妈 is PER.NOM: not a name, not gold
    ['conll', { PERSON: { gold: 2, predicted: 2, correct: 1, charP: 1, charR: 4 / 5 } }],
    // 𠮷 before 王小明: code-point offsets 1–3 are UTF-16 2–5
    ['cluener', { PERSON: { gold: 2, predicted: 2, correct: 1, charP: 1, charR: 4 / 5 }, ADDRESS: { gold: 1, predicted: 1, correct: 0, charP: 1, charR: 3 / 6 } }],
    ['bdci', { PERSON: { gold: 2, predicted: 2, correct: 1, charP: 1, charR: 4 / 5 }, PHONE: { gold: 1, predicted: 1, correct: 1, charP: 1, charR: 1 } }],
    // the redundant "_" is trimmed from the first address; the second is found whole
    ['address', { ADDRESS: { gold: 2, predicted: 2, correct: 1, charP: 1, charR: 9 / 12 } }],
  ];
  it.each(cases)('%s', (format, want) => {
    const { docs, problems } = readCorpus(format, CORPORA[format]);
    expect(problems).toEqual([]);
    const report = evaluate(docs, stub, { types: Object.keys(want) as never });
    for (const t of report.types) {
      const w = want[t.type]!;
      expect({ type: t.type, gold: t.exact.gold, predicted: t.exact.predicted, correct: t.exact.correct }).toEqual({ type: t.type, gold: w.gold, predicted: w.predicted, correct: w.correct });
      expect(t.chars.precision).toBeCloseTo(w.charP, 6);
      expect(t.chars.recall).toBeCloseTo(w.charR, 6);
    }
  });

  it('places each address in a template sentence and keeps the span on the address', () => {
    const { docs } = readCorpus('address', CORPORA.address);
    const d = docs[0]!;
    expect(d.text.slice(d.spans[0]!.start, d.spans[0]!.end)).toBe('江苏省南京市');
    expect(d.text.length).toBeGreaterThan('江苏省南京市_'.length);
  });
});

describe('hutong eval', { timeout: 120_000 }, () => {
  it('prints a table per type with P/R/F1 and chars/s; --json for machines', async () => {
    // Phones and e-mail addresses are found by checksum-free rules: the answer is known.
    const bdci = file('tiny-bdci.jsonl', [
      JSON.stringify({ id: 1, text: '😀请联系13912345678或写信到 li.lei@example.com', spans: [{ type: 'mobile', start: 4, end: 15, text: '13912345678' }, { type: 'email', start: 20, end: 38, text: 'li.lei@example.com' }] }),
      JSON.stringify({ id: 2, text: '他的号码是13800001111。', spans: [] }),
    ].join('\n'));
    const r = await hutong(['eval', '--format', 'bdci', '--file', bdci, '--types', 'PHONE,EMAIL']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/类型\s+标注\s+识别/u);
    expect(r.stdout).toMatch(/^PHONE\s+1\s+2\s+1\s+50\.0\s+100\.0\s+66\.7/mu);
    expect(r.stdout).toMatch(/^EMAIL\s+1\s+1\s+1\s+100\.0\s+100\.0\s+100\.0/mu);
    expect(r.stdout).toMatch(/字\/秒/u);

    const j = await hutong(['eval', '--format', 'bdci', '--file', bdci, '--types', 'PHONE', '--json']);
    expect(j.code).toBe(0);
    const report = JSON.parse(j.stdout);
    expect(report.types[0]).toMatchObject({ type: 'PHONE', exact: { gold: 1, predicted: 2, correct: 1, precision: 0.5, recall: 1 } });
    expect(report.docs).toBe(2);
    expect(report.charsPerSecond).toBeGreaterThan(0);
  });

  it('scores a bio label only when mapped (--map), and refuses unknown types in Chinese', async () => {
    const bio = file('tiny.bio', '电 O\n话 O\n1 B-TEL\n3 I-TEL\n9 I-TEL\n1 I-TEL\n2 I-TEL\n3 I-TEL\n4 I-TEL\n5 I-TEL\n6 I-TEL\n7 I-TEL\n8 I-TEL\n');
    const unmapped = await hutong(['eval', '--format', 'bio', '--file', bio, '--json']);
    expect(JSON.parse(unmapped.stdout).types.map((t: { type: string }) => t.type)).toEqual(['PERSON']);
    const mapped = await hutong(['eval', '--format', 'bio', '--file', bio, '--map', 'TEL=PHONE', '--json']);
    expect(JSON.parse(mapped.stdout).types).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'PHONE', exact: expect.objectContaining({ gold: 1, correct: 1 }) })]));
    const bad = await hutong(['eval', '--format', 'bio', '--file', bio, '--types', 'NAME']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('未知类型 NAME');
    const badFormat = await hutong(['eval', '--format', 'xml', '--file', bio]);
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toContain('错误：');
  });
});
