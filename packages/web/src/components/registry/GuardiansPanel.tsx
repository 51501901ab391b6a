import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Empty, Form, Row, Select, Space } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { childrenApi } from '../../api/endpoints.ts';
import type { Guardian, GuardianInput } from '../../api/types.ts';
import { listPurposes, type Purpose } from '../../api/purposes.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { asLabelled, FieldList } from '../FieldList.tsx';
import { ReasonDialog } from '../ReasonDialog.tsx';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { GuardianFields, typedOnly } from './GuardianFields.tsx';
import { clearServerErrors } from './formErrors.ts';

type Values = Partial<GuardianInput> & { purpose?: string };
const KEYS = { guardianName: 'name', guardianRelation: 'relation', guardianPhone: 'phone', guardianIdNumber: 'idNumber' } as const;

/** The guardian as shown (masked as sent), keyed as the form names it: hints only. */
function shown(g: Guardian): Partial<Record<'name' | 'relation' | 'phone' | 'idNumber', string>> {
  const out: Partial<Record<'name' | 'relation' | 'phone' | 'idNumber', string>> = {};
  for (const f of asLabelled(g.fields)) {
    const k = KEYS[f.key as keyof typeof KEYS];
    if (k && !f.withheld && typeof f.value === 'string' && f.value) out[k] = f.value;
  }
  return out;
}

const title = (g: Guardian, i: number) => g.relation || `监护人 ${i + 1}`;

export function GuardiansPanel({ childId, guardians, canWrite, onChanged }: { childId: string; guardians: Guardian[]; canWrite: boolean; onChanged: () => void }) {
  // null: closed; 'new': adding; a guardian: editing it.
  const [editing, setEditing] = useState<Guardian | 'new' | null>(null);
  const [removing, setRemoving] = useState<Guardian | null>(null);
  const { message } = App.useApp();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>添加监护人</Button>}
      {!guardians.length ? <Card size="small"><Empty description="未登记监护人" /></Card> : (
        <Row gutter={[16, 16]}>
          {guardians.map((g, i) => (
            <Col xs={24} md={12} key={g.id ?? i}>
              <Card
                size="small" title={title(g, i)}
                extra={canWrite && (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(g)} aria-label={`修改监护人 ${title(g, i)}`}>修改</Button>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => setRemoving(g)} aria-label={`删除监护人 ${title(g, i)}`}>删除</Button>
                  </Space>
                )}
              >
                <FieldList fields={asLabelled(g.fields)} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {canWrite && <GuardianDrawer childId={childId} editing={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); onChanged(); }} />}
      {canWrite && (
        <ReasonDialog open={!!removing} title="删除监护人" label="删除原因" field="reason" okText="删除" maxLength={200} placeholder="如：监护关系变更、登记有误"
          intro="删除后该监护人的信息不可恢复。请说明原因，原因记入处理台账。"
          onClose={() => setRemoving(null)}
          onSubmit={async (reason) => {
            await childrenApi.removeGuardian(childId, removing!.id, reason);
            void message.success('监护人已删除，已记入处理台账');
            setRemoving(null);
            onChanged();
          }} />
      )}
    </Space>
  );
}

function GuardianDrawer({ childId, editing, onClose, onSaved }: { childId: string; editing: Guardian | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  useEffect(() => { void listPurposes().then(setPurposes); }, []);
  const adding = editing === 'new';
  const guardian = editing && editing !== 'new' ? editing : null;

  const close = () => { form.resetFields(); clear(); onClose(); };

  const submit = (v: Values) => run(async () => {
    const { purpose, ...rest } = v;
    const typed = typedOnly(rest);
    const withPurpose = purpose ? { purpose } : {};
    if (adding) {
      await childrenApi.addGuardian(childId, { ...(typed as GuardianInput), ...withPurpose });
      void message.success('监护人已添加，已记入处理台账');
    } else if (guardian) {
      if (!Object.keys(typed).length) { void message.info('没有要修改的内容：只填写需要修改的项'); return; }
      await childrenApi.updateGuardian(childId, guardian.id, { ...typed, ...withPurpose });
      void message.success('监护人信息已修改，已记入处理台账');
    }
    form.resetFields();
    onSaved();
  });

  return (
    <Drawer
      open={!!editing} onClose={close} title={adding ? '添加监护人' : '修改监护人'} size={mobile ? '100%' : 560}
    >
      {guardian && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="只填写需要修改的项，留空的不修改" description="已登记的信息脱敏显示，不会填入表单。" />}
      <Form form={form} name="guardian" layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={clearServerErrors(form)} aria-label={adding ? '添加监护人' : '修改监护人'}>
        <ProblemAlert problem={problem} />
        <GuardianFields editing={!adding} {...(guardian ? { current: shown(guardian) } : {})} />
        <Form.Item name="purpose" label="处理目的（可选）" extra="不选时，按本机构可依据的目的逐一判定。">
          <Select allowClear showSearch optionFilterProp="label" options={purposes.map((p) => ({ value: p.code, label: p.label }))} placeholder="按本机构可依据的目的判定" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
          <Button onClick={close}>取消</Button>
        </Space>
      </Form>
    </Drawer>
  );
}

