import { useRef, useState } from 'react';
import { App, Button, Card, Form, Input, List, Modal, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { orgsApi } from '../../api/endpoints.ts';
import type { Org } from '../../api/types.ts';
import { ORG_TYPES, orgTypeLabel } from '../../api/labels.ts';
import { useLoader } from '../../hooks/useLoader.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';

const TYPE_OPTIONS = Object.entries(ORG_TYPES).map(([value, label]) => ({ value, label }));

interface OrgValues { name: string; type: string; regionCode: string }

export default function OrgsPage() {
  const orgs = useLoader(() => orgsApi.list(), []);
  const [editing, setEditing] = useState<Org | 'new' | null>(null);
  const [form] = Form.useForm<OrgValues>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();
  const mobile = useIsMobile();

  // A new org keeps what was typed into an earlier unsaved one; an edit starts from the record.
  const lastWasEdit = useRef(false);
  const open = (o: Org | 'new') => {
    clear();
    if (o === 'new') {
      if (lastWasEdit.current) form.resetFields();
      lastWasEdit.current = false;
    } else {
      form.resetFields();
      form.setFieldsValue({ name: o.name, type: o.type, regionCode: o.regionCode });
      lastWasEdit.current = true;
    }
    setEditing(o);
  };

  const save = async () => {
    let v: OrgValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      const body = { name: v.name.trim(), type: v.type, regionCode: v.regionCode };
      if (editing === 'new') await orgsApi.create(body);
      else if (editing) await orgsApi.update(editing.id, body);
      void message.success(editing === 'new' ? '机构已创建' : '机构已修改');
      setEditing(null);
      form.resetFields();
      orgs.reload();
    });
  };

  const columns: TableColumnsType<Org> = [
    { title: '机构名称', dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: '类型', dataIndex: 'type', render: (_: string, o) => o.typeLabel ?? orgTypeLabel(o.type) },
    { title: '所在区划', dataIndex: 'regionCode', render: (_: string, o) => o.regionName ? `${o.regionName}（${o.regionCode}）` : o.regionCode },
    { title: '操作', key: 'op', width: 80, render: (_, o) => <Button type="link" onClick={() => open(o)} aria-label={`编辑 ${o.name}`} style={{ paddingInline: 0 }}>编辑</Button> },
  ];

  return (
    <>
      <PageHeader title="机构管理" subtitle="各机构对本机构处理的儿童个人信息负责（第四条）。"
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>新建机构</Button>} />
      <LoadError error={orgs.error} onRetry={orgs.reload} />
      <Card size="small">
        {mobile ? (
          <List
            loading={orgs.loading}
            dataSource={orgs.data ?? []}
            pagination={{ pageSize: 20, simple: true, hideOnSinglePage: true, align: 'center' }}
            renderItem={(o) => (
              <List.Item actions={[<Button key="edit" type="link" onClick={() => open(o)} aria-label={`编辑 ${o.name}`}>编辑</Button>]}>
                <List.Item.Meta
                  title={o.name}
                  description={`${o.typeLabel ?? orgTypeLabel(o.type)} · ${o.regionName ?? o.regionCode}`}
                />
              </List.Item>
            )}
          />
        ) : <Table<Org> rowKey="id" columns={columns} dataSource={orgs.data ?? []} loading={orgs.loading} scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个机构`, hideOnSinglePage: true }} />}
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? '新建机构' : '编辑机构'}
        okText="保存"
        cancelText="取消"
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        confirmLoading={busy}
        forceRender
      >
        <Form form={form} layout="vertical" preserve>
          <ProblemAlert problem={problem} />
          <Form.Item name="name" label="机构名称" rules={[{ required: true, whitespace: true, message: '请输入机构名称' }]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="type" label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select options={TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" />
          </Form.Item>
          <Form.Item name="regionCode" label="所在区划" rules={[{ required: true, message: '请选择所在区划' }]}>
            <RegionPicker allowClear={false} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
