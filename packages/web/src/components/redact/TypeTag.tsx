import type { CSSProperties, ReactNode } from 'react';
import { Tag } from 'antd';
import { typeName } from '../../api/redact.ts';
import { colourOf } from './labels.ts';

/**
 * A finding's type as a tag in its highlight colours: the pale background, the type's colour as
 * the border, dark text. antd's `color="#…"` tag writes the colour itself as text on its own tint,
 * 2–3:1 for orange and green, under the 4.5:1 small text needs (WCAG 1.4.3).
 */
export function TypeTag({ type, children, style }: { type: string; children?: ReactNode; style?: CSSProperties }) {
  const c = colourOf(type);
  return <Tag style={{ background: c.bg, borderColor: c.line, color: 'rgba(0, 0, 0, 0.88)', ...style }}>{children ?? typeName(type)}</Tag>;
}
