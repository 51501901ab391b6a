import { Flex, Typography } from 'antd';
import { typeName } from '../../api/redact.ts';
import { colourOf } from './labels.ts';

/** The colours used, with the Chinese type names and how many of each. */
export function TypeLegend({ counts }: { counts: Record<string, number> }) {
  const types = Object.keys(counts);
  if (!types.length) return null;
  return (
    <Flex wrap gap={8} align="center" aria-label="颜色图例" role="list" style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">图例：</Typography.Text>
      {types.map((t) => (
        <span key={t} role="listitem" style={{ background: colourOf(t).bg, borderBottom: `2px solid ${colourOf(t).line}`, padding: '0 6px', borderRadius: 2 }}>
          {typeName(t)} {counts[t]}
        </span>
      ))}
    </Flex>
  );
}
