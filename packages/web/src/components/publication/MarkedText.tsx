import { Fragment, useMemo } from 'react';
import { colourOf } from '../redact/labels.ts';
import { TEXT_STYLE } from '../redact/HighlightedText.tsx';
import { findingTypeLabel } from './labels.ts';
import type { Span } from './text-spans.ts';

/**
 * A text with spans marked in their type's colours (the redaction workbench's), each mark
 * named for screen readers. Offsets are code points, so the text is split into code points.
 */
export function MarkedText({ text, spans, label, describe, compact = false }: {
  text: string;
  spans: readonly Span[];
  /** The region's accessible name (原稿 / 处理后). */
  label: string;
  /** What a mark says besides its type (the replacement, the action). */
  describe?: (s: Span) => string;
  /** One paragraph or cell: tighter than a whole document. */
  compact?: boolean;
}) {
  const chars = useMemo(() => Array.from(text), [text]);
  const parts: React.ReactNode[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    if (s.start < at) return;
    parts.push(<Fragment key={`t${i}`}>{chars.slice(at, s.start).join('')}</Fragment>);
    const c = colourOf(s.type);
    const words = chars.slice(s.start, s.end).join('');
    const extra = describe?.(s);
    parts.push(
      <mark
        key={`m${i}`}
        data-type={s.type}
        data-kept={s.kept || undefined}
        title={`${findingTypeLabel(s.type)}${extra ? `：${extra}` : ''}`}
        aria-label={`${findingTypeLabel(s.type)}：${words}${extra ? `（${extra}）` : ''}`}
        style={s.kept
          ? { background: 'transparent', outline: `1px dashed ${c.line}`, color: 'inherit' }
          : { background: c.bg, borderBottom: `2px solid ${c.line}`, color: 'inherit' }}
      >
        {words}
      </mark>,
    );
    at = s.end;
  });
  parts.push(<Fragment key="end">{chars.slice(at).join('')}</Fragment>);
  return <div role="region" aria-label={label} tabIndex={0} style={compact ? { ...TEXT_STYLE, padding: '4px 8px', lineHeight: 1.8, maxHeight: 240 } : TEXT_STYLE}>{parts}</div>;
}
