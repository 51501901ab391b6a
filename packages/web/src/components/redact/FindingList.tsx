import { List, Space, Switch, Tag, Typography } from 'antd';
import { OPERATORS, sourceLabel } from './labels.ts';
import { keptByPreset, type ReviewItem } from './ReviewTypes.ts';
import { TypeTag } from './TypeTag.tsx';

/**
 * One row per distinct text: keeping is by exact text (the server's policy `keep`), so every
 * occurrence of 王建国 is kept or processed together, and the list says how many there are.
 */
export function FindingList({ items, rejected, onToggle }: { items: ReviewItem[]; rejected: ReadonlySet<string>; onToggle: (text: string) => void }) {
  const groups = new Map<string, { item: ReviewItem; n: number }>();
  for (const i of items) {
    const g = groups.get(i.finding.text);
    if (g) g.n++;
    else groups.set(i.finding.text, { item: i, n: 1 });
  }
  return (
    <List
      size="small"
      bordered
      locale={{ emptyText: '没有识别到需要处理的信息' }}
      dataSource={[...groups.values()]}
      renderItem={({ item, n }) => {
        const { finding: f, entry: e } = item;
        const kept = rejected.has(f.text);
        const presetKeeps = keptByPreset(item);
        return (
          <List.Item
            style={{ alignItems: 'flex-start', gap: 8, background: kept ? '#fafafa' : undefined }}
            extra={presetKeeps ? <Tag>预设保留</Tag> : (
              <Switch
                checked={!kept}
                checkedChildren="处理"
                unCheckedChildren="保留"
                onChange={() => onToggle(f.text)}
                aria-label={`处理“${f.text}”`}
              />
            )}
          >
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <Space wrap size={4}>
                <TypeTag type={f.type} style={{ marginInlineEnd: 0 }} />
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>{f.text}</Typography.Text>
                {n > 1 && <Typography.Text type="secondary">共 {n} 处</Typography.Text>}
                {e && !presetKeeps && !kept && <Typography.Text type="secondary">→ {e.replacement ? `“${e.replacement}”（${OPERATORS[e.operator] ?? e.operator}）` : OPERATORS[e.operator] ?? e.operator}</Typography.Text>}
                {kept && <Tag color="default">保留原文</Tag>}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {sourceLabel(f.source)} · 置信度 {Math.round(f.score * 100)}%{e ? ` · ${e.article}` : ''}
              </Typography.Text>
              {e?.flag && <Typography.Text type="warning" style={{ fontSize: 12 }}>{e.flag}</Typography.Text>}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
