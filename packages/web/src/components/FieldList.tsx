import { Typography } from 'antd';
import type { FieldValue, LabelledField } from '../api/types.ts';
import { fieldLabel } from '../api/labels.ts';
import { FieldText } from './FieldText.tsx';

/** Fields come as a labelled list or as a map keyed by field; both read the same. */
export function asLabelled(fields: LabelledField[] | Record<string, FieldValue> | undefined): LabelledField[] {
  if (!fields) return [];
  if (Array.isArray(fields)) return fields;
  return Object.entries(fields).map(([key, f]) => ({ key, label: fieldLabel(key), value: f?.value, masked: !!f?.masked }));
}

export function FieldList({ fields }: { fields: LabelledField[] }) {
  if (!fields.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <dl className="field-grid" style={{ margin: 0 }}>
      {fields.map((f) => (
        <div key={f.key} style={{ display: 'contents' }}>
          <dt>{f.label || fieldLabel(f.key)}</dt>
          <dd><FieldText field={f} /></dd>
        </div>
      ))}
    </dl>
  );
}
