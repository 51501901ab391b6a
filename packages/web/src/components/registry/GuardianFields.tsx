import { Col, Form, Input, Row } from 'antd';

export const PHONE_HINT = '手机号 11 位，或区号-座机号';
export const ID_HINT = '18 位，最后一位可为 X';

/**
 * One guardian's fields under `prefix` (a Form.List row, or none). When editing, every field
 * starts empty and an empty one is left as it is: the record is only ever shown masked.
 */
export function GuardianFields({ prefix = [], editing = false, current }: {
  prefix?: (string | number)[]; editing?: boolean; current?: Partial<Record<'name' | 'relation' | 'phone' | 'idNumber', string>>;
}) {
  const n = (k: string) => [...prefix, k];
  const now = (k: keyof NonNullable<typeof current>) => (editing && current?.[k] ? `当前：${current[k]}（留空不修改）` : undefined);
  const required = (label: string) => (editing ? [] : [{ required: true, whitespace: true, message: `请填写${label}` }]);
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name={n('name')} label="监护人姓名" rules={required('监护人姓名')} extra={now('name')}>
          <Input maxLength={50} autoComplete="off" placeholder={editing ? '留空不修改' : undefined} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={n('relation')} label="与儿童关系" rules={required('与儿童关系')} extra={now('relation')}>
          <Input maxLength={20} autoComplete="off" placeholder={editing ? '留空不修改' : '如：祖母、父亲'} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={n('phone')} label="监护人电话" extra={now('phone') ?? PHONE_HINT}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" placeholder={editing ? '留空不修改' : undefined} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={n('idNumber')} label="监护人身份证号" extra={now('idNumber') ?? ID_HINT}>
          <Input maxLength={24} autoComplete="off" placeholder={editing ? '留空不修改' : undefined} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Only what was typed: an untouched (empty) field is not sent. */
export function typedOnly<T extends Record<string, unknown>>(v: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') { if (x.trim()) out[k] = x.trim(); }
    else if (Array.isArray(x)) { if (x.length) out[k] = x; }
    else if (x !== undefined && x !== null) out[k] = x;
  }
  return out as Partial<T>;
}
