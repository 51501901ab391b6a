import { Alert, Button, Space, Typography } from 'antd';
import { OPERATORS, sourceLabel } from './labels.ts';
import { keptByPreset, type ReviewItem } from './ReviewTypes.ts';
import { TypeTag } from './TypeTag.tsx';

/** Why this span was found and what the preset does with it: the reviewer's basis for accepting it. */
export function FindingDetail({ item, rejected, onToggle }: { item: ReviewItem; rejected: boolean; onToggle?: (text: string) => void }) {
  const { finding: f, entry: e } = item;
  const presetKeeps = keptByPreset(item);
  return (
    <Space orientation="vertical" size={4} style={{ maxWidth: 300 }}>
      <Space wrap size={4}>
        <TypeTag type={f.type} style={{ marginInlineEnd: 0 }} />
        <Typography.Text strong>{f.text}</Typography.Text>
      </Space>
      <Typography.Text type="secondary">识别依据：{sourceLabel(f.source)}，置信度 {Math.round(f.score * 100)}%</Typography.Text>
      {e && (
        <Typography.Text>
          {presetKeeps ? '本预设保留原文' : rejected ? '已决定保留原文（不处理）' : <>处理方式：{OPERATORS[e.operator] ?? e.operator}{e.replacement ? <> → “{e.replacement}”</> : null}</>}
        </Typography.Text>
      )}
      {e && <Typography.Text type="secondary">法律依据：{e.article}</Typography.Text>}
      {e?.flag && <Alert type="warning" showIcon title={e.flag} />}
      {onToggle && !presetKeeps && (
        <Button size="small" onClick={() => onToggle(f.text)}>{rejected ? '恢复处理' : '保留原文（不处理）'}</Button>
      )}
    </Space>
  );
}
