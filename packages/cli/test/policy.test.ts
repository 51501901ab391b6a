import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hutongIn, ROOT } from './run-hutong.ts';

const EXAMPLE = path.join(ROOT, 'docs/policy-scenarios.example.jsonl');

/** No data directory: `policy check` is pure and opens no database. */
const hutong = hutongIn();

interface Line { id: string; decision: 'allow' | 'deny'; allowedFields: string[]; reasons: Array<{ article: string; message: string }> }
const parse = (stdout: string): Line[] => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);

/** What each example scenario must give, and an article its reasons must cite. */
const EXPECTED: Record<string, [Line['decision'], string, string[]?]> = {
  '12-2-day-before-14th-birthday-guardian': ['allow', '第十二条第二款'],
  '12-2-on-14th-birthday-guardian-still-consents': ['allow', '第十二条第二款'],
  '12-3-day-after-14th-birthday-guardian-only': ['deny', '第十二条第三款'],
  '12-3-day-after-14th-birthday-child-and-notice': ['allow', '第十二条第三款'],
  '12-3-child-consent-without-guardian-notice': ['deny', '第十二条第三款'],
  '12-3-child-consent-notice-after-act': ['deny', '第十二条第三款'],
  '12-feb29-birth-on-feb28-still-under-14': ['allow', '第十二条第二款'],
  '12-feb29-birth-on-mar1-guardian-only': ['deny', '第十二条第三款'],
  '12-3-cannot-express-will-guardian-consents': ['allow', '第十二条第三款'],
  '12-3-cannot-express-will-child-only': ['deny', '第十二条第三款'],
  'consent-other-purpose': ['deny', '《个人信息保护法》第十四条第二款'],
  'consent-other-recipient': ['deny', '《个人信息保护法》第二十三条'],
  'consent-dated-after-act': ['deny', '《个人信息保护法》第十三条第一款第一项'],
  'consent-withdrawn': ['deny', '《个人信息保护法》第十五条'],
  'consent-expired': ['deny', '《个人信息保护法》第十四条第一款'],
  '13-publicity-child-and-guardian-told': ['allow', '第十三条', ['gender', 'grade']],
  '13-publicity-guardian-not-told': ['deny', '第十三条'],
  '13-publicity-guardian-only-child-14': ['deny', '第十三条'],
  '15-fundraising-with-consent': ['deny', '第十五条'],
  '15-livestream-commerce-with-consent': ['deny', '第十五条'],
  'jurisdiction-other-county': ['deny', '《未成年人网络保护条例》第三十六条'],
  'jurisdiction-nationwide-court': ['allow', '《个人信息保护法》第十三条第一款第三项', ['name', 'idNumber', 'abuseVictim']],
  '10-social-org-care-service-stripped': ['allow', '第十条', ['name', 'guardianPhone']],
  '8-school-education-aid-no-category': ['allow', '第八条', ['name', 'grade', 'assistance']],
  '8-school-education-aid-disclose': ['deny', '第八条'],
  '11-disability-outside-disability-purposes': ['allow', '第十一条', ['name']],
  'statutory-case-handling-public-security': ['allow', '《未成年人保护法》第一百条', ['name', 'idNumber', 'residenceAddress', 'abuseVictim']],
  'statutory-case-handling-social-org': ['deny', '第六条'],
  'statutory-civil-affairs-social-assistance': ['allow', '《未成年人保护法》第九十一条', ['name', 'idNumber', 'guardianSituation']],
  'org-type-not-allowed-media-medical': ['deny', '第九条'],
  '23-provide-to-social-org-with-consent': ['allow', '《个人信息保护法》第二十三条', ['name', 'guardianPhone']],
};

describe('hutong policy check', { timeout: 60_000 }, () => {
  it('decides every example scenario, one JSON line each, citing the article', async () => {
    const r = await hutong(['policy', 'check', '--in', EXAMPLE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = parse(r.stdout);
    expect(lines.map((l) => l.id)).toEqual(Object.keys(EXPECTED));
    for (const l of lines) {
      const [decision, article, fields] = EXPECTED[l.id]!;
      expect(Object.keys(l), l.id).toEqual(['id', 'decision', 'allowedFields', 'reasons']);
      expect(l.decision, l.id).toBe(decision);
      expect(l.reasons.some((x) => x.article.includes(article)), `${l.id} cites ${article}: ${JSON.stringify(l.reasons)}`).toBe(true);
      for (const x of l.reasons) expect(x.article, l.id).toMatch(/^《.+》第.+条/u);
      if (decision === 'deny') expect(l.allowedFields, l.id).toEqual([]);
      if (fields) expect(l.allowedFields, l.id).toEqual(fields);
    }
  });

  it('reads stdin with --in -, reports bad lines by number and field on stderr, decides the rest, exits 1', async () => {
    const example = fs.readFileSync(EXAMPLE, 'utf8').split('\n').filter(Boolean);
    const broken = JSON.parse(example[0]!) as Record<string, unknown>;
    const input = [
      example[0],
      '{not json',
      JSON.stringify({ ...broken, id: 'bad-org', actor: { orgType: 'charity', role: 'social_worker', regionCode: '350724' } }),
      '',
      example[1],
      JSON.stringify({ ...broken, id: 'bad-date', date: '2024-02-30' }),
    ].join('\n');
    const r = await hutong(['policy', 'check', '--in', '-'], input);
    expect(r.code).toBe(1);
    expect(parse(r.stdout).map((l) => l.id)).toEqual([JSON.parse(example[0]!).id, JSON.parse(example[1]!).id]);
    expect(r.stderr).toContain('第 2 行 不是有效的 JSON');
    expect(r.stderr).toContain('第 3 行（场景 bad-org） actor.orgType：未知的机构类型“charity”');
    expect(r.stderr).toContain('第 6 行（场景 bad-date） date：');
    expect(r.stderr).toContain('已判定 2 个，3 行有误');
  });

  it('names a missing file; shows Chinese help', async () => {
    const missing = await hutong(['policy', 'check', '--in', 'no/such/file.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('无法读取场景文件“no/such/file.jsonl”');
    const help = await hutong(['policy', 'check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法：');
    expect(help.stdout).toContain('--in <文件>');
    const noIn = await hutong(['policy', 'check']);
    expect(noIn.code).not.toBe(0);
    expect(noIn.stderr).toContain('缺少必填选项 --in');
  });
});
