import type { CSSProperties, ReactNode } from 'react';
import { Typography } from 'antd';

/** antd's h4 and h5 sizes, which these headings were drawn at before. */
const LOOKS = { 4: { fontSize: 20, lineHeight: 1.4 }, 5: { fontSize: 16, lineHeight: 1.5 } } as const;

/**
 * A section heading: always h2 under the page's h1 (PageHeader), so no level is skipped and a
 * screen reader's list of headings reads as the page's outline (WCAG 1.3.1), whatever size it is
 * drawn at.
 */
export function SectionTitle({ children, look = 5, style }: { children: ReactNode; look?: 4 | 5; style?: CSSProperties }) {
  return <Typography.Title level={2} style={{ ...LOOKS[look], ...style }}>{children}</Typography.Title>;
}
