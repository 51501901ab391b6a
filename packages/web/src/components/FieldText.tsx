import { Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { FieldValue } from '../api/types.ts';

/** A value as text; never derives anything from a masked value. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.map(valueText).filter(Boolean).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('label' in o) return valueText(o.label);
    if ('name' in o) return valueText(o.name);
    return JSON.stringify(v);
  }
  return String(v);
}

function isFieldValue(v: unknown): v is FieldValue {
  return !!v && typeof v === 'object' && 'value' in (v as object) && 'masked' in (v as object);
}

/**
 * Shows a field exactly as the server sent it: masked values (张**, 3501**********123X) stay
 * masked, marked with a lock so no one mistakes them for the full value.
 */
export function FieldText({ field, strong }: { field: FieldValue | string | null | undefined; strong?: boolean }) {
  const fv: FieldValue = isFieldValue(field) ? field : { value: field, masked: false };
  const text = valueText(fv.value);
  if (!text) {
    return fv.masked
      ? <Typography.Text type="secondary"><LockOutlined aria-hidden /> 已隐藏</Typography.Text>
      : <Typography.Text type="secondary">—</Typography.Text>;
  }
  if (!fv.masked) return <Typography.Text strong={strong} style={{ wordBreak: 'break-all' }}>{text}</Typography.Text>;
  return (
    <Tooltip title="已脱敏显示；查看完整信息需说明处理目的">
      <Typography.Text strong={strong} style={{ wordBreak: 'break-all' }}>
        {text} <LockOutlined aria-label="已脱敏" style={{ color: '#8c8c8c', fontSize: 12 }} />
      </Typography.Text>
    </Tooltip>
  );
}
