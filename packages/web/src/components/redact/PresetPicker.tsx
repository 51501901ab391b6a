import { Radio, Tag, Typography } from 'antd';
import type { PresetName } from '../../api/redact.ts';
import { PRESETS } from './labels.ts';

/** Four presets as cards: what each does, in a line, and the rule it follows. */
export function PresetPicker({ value, onChange }: { value: PresetName; onChange: (p: PresetName) => void }) {
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange(e.target.value as PresetName)}
      aria-label="处理预设"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(230px, 1fr))', gap: 8, width: '100%' }}
    >
      {PRESETS.map((p) => (
        <Radio
          key={p.name}
          value={p.name}
          style={{
            margin: 0, padding: '8px 12px', border: `1px solid ${value === p.name ? '#1677ff' : '#d9d9d9'}`, borderRadius: 8,
            background: value === p.name ? '#e6f4ff' : '#fff', alignItems: 'flex-start',
          }}
        >
          <Typography.Text strong>{p.title}</Typography.Text> <Tag style={{ marginInlineStart: 4 }}>{p.basis}</Tag>
          <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{p.does}</Typography.Text></div>
        </Radio>
      ))}
    </Radio.Group>
  );
}
