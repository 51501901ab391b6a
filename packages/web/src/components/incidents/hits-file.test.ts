import { describe, expect, it } from 'vitest';
import { parseHits, parsePosts, postsHit } from './hits-file.ts';
import { parseLetter } from './LetterText.tsx';

const hit = (o: Record<string, unknown> = {}) => JSON.stringify({ id: 'p1', child: 'ab12', evidence: [{ kind: 'name', start: 0, end: 3 }], flags: ['label'], score: 0.9, ...o });

describe('parseHits', () => {
  it('reads good lines, skipping a BOM and blank lines, and remembers each item\'s line', () => {
    const r = parseHits(`\uFEFF${hit()}\r\n\n${hit({ id: 7, flags: undefined })}\n`);
    expect(r.problems).toEqual([]);
    expect(r.items.map((h) => [h.id, h.flags])).toEqual([['p1', ['label']], [7, []]]);
    expect(r.lines).toEqual([1, 3]);
  });

  it('names every bad line by number and keeps none of them', () => {
    const r = parseHits([
      hit(), '{not json', '[1]', hit({ child: '' }), hit({ evidence: [] }), hit({ evidence: [{ kind: 'name', start: 3, end: 3 }] }),
      hit({ flags: ['donate'] }), hit({ score: 'high' }), hit({ id: null }),
    ].join('\n'));
    expect(r.items).toHaveLength(1);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.problems[0]!.message).toBe('不是有效的 JSON');
    expect(r.problems.find((p) => p.line === 7)!.message).toContain('label、exploit');
  });
});

describe('parsePosts and postsHit', () => {
  it('sends only the posts some hit names; 1 and "1" are different posts', () => {
    const posts = parsePosts(['{"id":1,"text":"甲"}', '{"id":"1","url":"https://example.invalid/1","text":"乙"}', '{"id":"p1","text":"丙"}', '{"id":"p2"}'].join('\n'));
    expect(posts.problems).toEqual([{ line: 4, message: 'text：必填，应为字符串' }]);
    const hits = parseHits([hit({ id: '1' }), hit()].join('\n')).items;
    expect(postsHit(posts.items, hits).map((p) => p.text)).toEqual(['乙', '丙']);
  });
});

describe('parseLetter', () => {
  it('reads headings, paragraphs, lists, quotes and tables of a letter', () => {
    const blocks = parseLetter('# 整改通知书\n\n某平台：\n经巡查发现\n\n1. 删除\n2. 更正\n\n> 摘录：王**\n\n| 项目 | 内容 |\n|---|---|\n| 期限 | 3 日 |\n\n---\n');
    expect(blocks.map((b) => b.t)).toEqual(['heading', 'para', 'list', 'quote', 'table', 'rule']);
    expect(blocks[1]).toEqual({ t: 'para', lines: ['某平台：', '经巡查发现'] });
    expect(blocks[2]).toEqual({ t: 'list', ordered: true, items: ['删除', '更正'] });
    expect(blocks[4]).toEqual({ t: 'table', rows: [['项目', '内容'], ['期限', '3 日']] });
  });
});
