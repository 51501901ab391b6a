import { describe, expect, it } from 'vitest';
import { defaultEngine, type DetectingEngine, type Finding } from '@hutong/redact';
import { excerptsOf } from './incident-excerpt.ts';

/** An engine that finds nothing, or only what it is told: the evidence alone must still be processed. */
const blind: DetectingEngine = { detect: () => [] };
const finding = (text: string, whole: string, type: Finding['type']): Finding => {
  const start = whole.indexOf(text);
  return { type, start, end: start + text.length, text, score: 0.6, source: 'stub' };
};

describe('excerptsOf', () => {
  it('processes the evidence spans even when the engine misses them', () => {
    const text = '听说双源村的龚梓骁最近搬走了';
    const [e] = excerptsOf(blind, text, [{ kind: 'village', start: 2, end: 5 }, { kind: 'name', start: 6, end: 9 }]);
    expect(e!.kinds).toEqual(['village', 'name']);
    expect(e!.excerpt).not.toContain('双源村');
    expect(e!.excerpt).not.toContain('龚梓骁');
    expect(e!.excerpt).toContain('最近搬走了');
  });

  it('counts offsets in code points (𠮷 is one), as hits do', () => {
    const text = '𠮷𠮷𠮷，黄沙村的𠮷田雅在哭';
    const cps = [...text];
    const start = cps.indexOf('𠮷', 3);
    const [e] = excerptsOf(blind, text, [{ kind: 'name', start, end: start + 3 }]);
    expect(e!.excerpt).not.toContain('田雅');
    expect(e!.excerpt).toContain('在哭');
  });

  it('an engine finding overlapping the evidence is absorbed, never left half-shown', () => {
    const text = '据说欧阳沐晴晴的奶奶很辛苦';
    // The engine sees a longer (wrong) name; the evidence is the registered name inside it.
    const engine: DetectingEngine = { detect: (w) => [finding('阳沐晴晴的', w, 'PERSON')] };
    const [e] = excerptsOf(engine, text, [{ kind: 'name', start: 2, end: 6 }]);
    for (const part of ['欧阳', '沐晴', '晴的']) expect(e!.excerpt).not.toContain(part);
    expect(e!.excerpt).toContain('奶奶很辛苦');
  });

  it('cuts a window of about 20 characters either side and marks the cut', () => {
    const text = `${'前'.repeat(50)}郑墩村的高嘉星${'后'.repeat(50)}`;
    const [e] = excerptsOf(blind, text, [{ kind: 'village', start: 50, end: 53 }, { kind: 'name', start: 54, end: 57 }]);
    expect(e!.excerpt.startsWith('…')).toBe(true);
    expect(e!.excerpt.endsWith('…')).toBe(true);
    expect([...e!.excerpt.replace(/…/gu, '')].filter((c) => c === '前')).toHaveLength(20);
    expect([...e!.excerpt].filter((c) => c === '后')).toHaveLength(20);
  });

  it('far-apart evidence makes separate excerpts; spans outside the text are ignored', () => {
    const text = `高嘉星${'。'.repeat(200)}郑墩村`;
    const out = excerptsOf(blind, text, [{ kind: 'name', start: 0, end: 3 }, { kind: 'village', start: 203, end: 206 }, { kind: 'school', start: 500, end: 505 }]);
    expect(out.map((e) => e.kinds)).toEqual([['name'], ['village']]);
  });

  it('with the real engine: ID numbers deleted, other names pseudonymised, labels neutralised', { timeout: 30_000 }, () => {
    const text = '郑墩村的高嘉星，奶奶孙语兰，是留守儿童，身份证号35072420131109843X';
    const [e] = excerptsOf(defaultEngine(), text, [{ kind: 'village', start: 0, end: 3 }, { kind: 'name', start: 4, end: 7 }]);
    for (const v of ['高嘉星', '孙语兰', '郑墩村', '留守儿童', '35072420131109843X']) expect(e!.excerpt).not.toContain(v);
    // The window would end inside the number: it is widened to take the whole number, then deleted.
    expect(e!.excerpt).not.toMatch(/\d{3}/u);
  });
});
