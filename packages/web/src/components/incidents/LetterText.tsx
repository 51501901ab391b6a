import type { ReactNode } from 'react';
import { Typography } from 'antd';

/**
 * The server's letters are Markdown; this draws the few forms a formal letter uses (headings,
 * paragraphs, lists, quotes, rules, simple tables, **bold**) as React elements — never as HTML, so
 * nothing in a letter (a platform's name, an excerpt) can run as markup. Headings are drawn bold
 * rather than as h1–h6: the letter sits inside a page that has its own outline.
 */

type Block =
  | { t: 'heading'; level: number; text: string }
  | { t: 'para'; lines: string[] }
  | { t: 'list'; ordered: boolean; items: string[] }
  | { t: 'quote'; lines: string[] }
  | { t: 'table'; rows: string[][] }
  | { t: 'rule' };

const cells = (line: string) => line.trim().replace(/^\||\|$/gu, '').split('|').map((c) => c.trim());
const isDivider = (line: string) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/u.test(line);

export function parseLetter(md: string): Block[] {
  const out: Block[] = [];
  const lines = md.replace(/\r\n?/gu, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const last = out[out.length - 1];
    const heading = /^(#{1,6})\s+(.*)$/u.exec(line);
    const item = /^\s*(?:([-*+])|(\d+)[.、)])\s+(.*)$/u.exec(line);
    if (!line.trim()) continue;
    if (heading) out.push({ t: 'heading', level: heading[1]!.length, text: heading[2]!.trim() });
    else if (/^\s*(-{3,}|\*{3,}|_{3,})\s*$/u.test(line)) out.push({ t: 'rule' });
    else if (line.trimStart().startsWith('|')) {
      if (isDivider(line)) continue;
      if (last?.t === 'table' && lines[i - 1]?.trimStart().startsWith('|')) last.rows.push(cells(line));
      else out.push({ t: 'table', rows: [cells(line)] });
    } else if (line.startsWith('>')) {
      const text = line.replace(/^>\s?/u, '');
      if (last?.t === 'quote' && lines[i - 1]?.startsWith('>')) last.lines.push(text);
      else out.push({ t: 'quote', lines: [text] });
    } else if (item) {
      const ordered = !item[1];
      if (last?.t === 'list' && last.ordered === ordered && lines[i - 1]?.trim()) last.items.push(item[3]!);
      else out.push({ t: 'list', ordered, items: [item[3]!] });
    } else if (last?.t === 'para' && lines[i - 1]?.trim()) last.lines.push(line.trim());
    else out.push({ t: 'para', lines: [line.trim()] });
  }
  return out;
}

/** `**bold**` only; everything else is text. */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/gu).filter(Boolean).map((part, i) =>
    /^\*\*[^*]+\*\*$/u.test(part) ? <strong key={i}>{part.slice(2, -2)}</strong> : part);
}

function Lines({ lines }: { lines: string[] }) {
  return <>{lines.map((l, i) => <span key={i}>{i > 0 && <br />}{inline(l)}</span>)}</>;
}

const HEADING_SIZE: Record<number, number> = { 1: 20, 2: 17, 3: 15 };

export function LetterText({ text }: { text: string }) {
  const blocks = parseLetter(text);
  return (
    <div className="letter-text" style={{ lineHeight: 1.9, fontSize: 15, overflowWrap: 'anywhere' }}>
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'heading':
            return (
              <Typography.Paragraph key={i} strong
                style={{ fontSize: HEADING_SIZE[b.level] ?? 15, textAlign: b.level === 1 ? 'center' : undefined, margin: '12px 0 8px' }}>
                {inline(b.text)}
              </Typography.Paragraph>
            );
          case 'para':
            return <Typography.Paragraph key={i} style={{ marginBottom: 10 }}><Lines lines={b.lines} /></Typography.Paragraph>;
          case 'list': {
            const items = b.items.map((it, k) => <li key={k}>{inline(it)}</li>);
            return b.ordered
              ? <ol key={i} style={{ paddingInlineStart: 24, marginBottom: 10 }}>{items}</ol>
              : <ul key={i} style={{ paddingInlineStart: 24, marginBottom: 10 }}>{items}</ul>;
          }
          case 'quote':
            return (
              <blockquote key={i} style={{ margin: '0 0 10px', padding: '4px 12px', borderInlineStart: '3px solid #d9d9d9', background: '#fafafa' }}>
                <Lines lines={b.lines} />
              </blockquote>
            );
          case 'table': {
            const [head, ...rows] = b.rows;
            return (
              <div key={i} style={{ overflowX: 'auto', marginBottom: 10 }}>
                <table style={{ borderCollapse: 'collapse', width: '100%' }}>
                  <thead><tr>{head!.map((c, k) => <th key={k} style={k === 0 ? FIRST : CELL}>{inline(c)}</th>)}</tr></thead>
                  <tbody>{rows.map((r, k) => <tr key={k}>{r.map((c, m) => <td key={m} style={m === 0 ? FIRST : CELL}>{inline(c)}</td>)}</tr>)}</tbody>
                </table>
              </div>
            );
          }
          case 'rule':
            return <hr key={i} style={{ border: 0, borderTop: '1px solid #f0f0f0', margin: '12px 0' }} />;
        }
      })}
    </div>
  );
}

const CELL = { border: '1px solid #f0f0f0', padding: '4px 8px', textAlign: 'start' as const, verticalAlign: 'top' as const };
/** The item names (内容链接, 发现时间) stay on one line; the values wrap. */
const FIRST = { ...CELL, whiteSpace: 'nowrap' as const };
