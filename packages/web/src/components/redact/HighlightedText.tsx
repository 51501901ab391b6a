import { Fragment, useMemo } from 'react';
import { Popover } from 'antd';
import { typeName } from '../../api/redact.ts';
import { FindingDetail } from './FindingDetail.tsx';
import { colourOf } from './labels.ts';
import type { ReviewItem } from './ReviewTypes.ts';

/**
 * The original with each finding marked in its type's colour; a click opens why it was found.
 * Offsets are code points, so the text is split into code points, not UTF-16 units.
 */
export function HighlightedText({ text, items, rejected, onToggle }: {
  text: string;
  items: ReviewItem[];
  rejected: ReadonlySet<string>;
  onToggle: (text: string) => void;
}) {
  const chars = useMemo(() => Array.from(text), [text]);
  const parts: React.ReactNode[] = [];
  let at = 0;
  items.forEach((item, i) => {
    const f = item.finding;
    if (f.start < at) return;
    parts.push(<Fragment key={`t${i}`}>{chars.slice(at, f.start).join('')}</Fragment>);
    const kept = rejected.has(f.text);
    const c = colourOf(f.type);
    parts.push(
      <Popover key={`f${i}`} trigger="click" content={<FindingDetail item={item} rejected={kept} onToggle={onToggle} />}>
        <mark
          role="button"
          tabIndex={0}
          // The popover opens on click; keyboard users get the same.
          onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.currentTarget.click(); } }}
          data-type={f.type}
          data-kept={kept || undefined}
          aria-label={`${typeName(f.type)}：${f.text}${kept ? '（保留原文）' : ''}`}
          className="redact-mark"
          style={kept
            ? { background: 'transparent', outline: `1px dashed ${c.line}`, color: 'inherit', textDecoration: 'none' }
            : { background: c.bg, borderBottom: `2px solid ${c.line}`, color: 'inherit' }}
        >
          {chars.slice(f.start, f.end).join('')}
        </mark>
      </Popover>,
    );
    at = f.end;
  });
  parts.push(<Fragment key="end">{chars.slice(at).join('')}</Fragment>);
  return <div className="redact-text" style={TEXT_STYLE}>{parts}</div>;
}

export const TEXT_STYLE: React.CSSProperties = {
  whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', lineHeight: 2, fontSize: 15, maxHeight: 480, overflowY: 'auto',
  padding: 12, border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff',
};
