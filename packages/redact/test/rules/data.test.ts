import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areaCodes } from '../../src/detectors/rules/area-codes.ts';

const data = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8');
const rows = (name: string) => data(name).split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));

describe('rule data shipped in packages/redact/data', () => {
  it('area codes: JioNLP list, 0 + 2–3 digits, no duplicates', () => {
    const codes = areaCodes();
    expect(codes.size).toBe(324);
    expect(codes.get('0591')).toBe('福建/福州');
    expect(codes.get('010')).toBe('北京/北京');
    expect([...codes.keys()].every((c) => /^0\d{2,3}$/u.test(c))).toBe(true);
  });

  it.each([['label-lexicon.tsv', 3], ['exploit-lexicon.tsv', 2]])('%s: well-formed rows, no duplicate words', (name, columns) => {
    const r = rows(name);
    const words = r.map((x) => x[0]);
    expect(new Set(words).size).toBe(words.length);
    for (const row of r) {
      if (row[1] === '-') continue;
      expect(row.length, row.join('|')).toBe(columns);
      expect(row.every((c) => c.trim() === c && c.length > 0), row.join('|')).toBe(true);
    }
  });

  it('nothing is read from outside the package at run time', () => {
    const dir = new URL('../../src/detectors/rules/', import.meta.url);
    for (const f of readdirSync(dir)) expect(readFileSync(new URL(f, dir), 'utf8')).not.toMatch(/work\/shared|\.\.\/\.\.\/\.\.\/\.\./u);
  });
});
