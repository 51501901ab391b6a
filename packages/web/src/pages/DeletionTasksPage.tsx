import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { tasksApi, type DeletionTask } from '../api/tasks.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { useSession } from '../hooks/useSession.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, ProblemAlert } from '../components/ProblemAlert.tsx';
import { ChildLink } from '../components/ChildLink.tsx';

const REASONS: Record<DeletionTask['reason'], { label: string; color: string; text: string }> = {
  age_18: { label: '年满十八周岁', color: 'purple', text: '儿童已年满十八周岁，处理目的已届满（个人信息保护法 第四十七条）' },
  consent_ended: { label: '同意全部撤回或到期', color: 'volcano', text: '同意已全部撤回或到期，没有其他合法性基础（个人信息保护法 第四十七条）' },
};

const ReasonTag = ({ t }: { t: DeletionTask }) => <Tag color={REASONS[t.reason]?.color}>{REASONS[t.reason]?.label ?? t.reason}</Tag>;

function Why({ t }: { t: DeletionTask }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{t.message}</span>
      <Typography.Text type="secondary">依据：{t.article}</Typography.Text>
    </Space>
  );
}

export default function DeletionTasksPage() {
  const list = useLoader((signal) => tasksApi.deletion(signal), []);
  const { can } = useSession();
  const mobile = useIsMobile();
  const [deleting, setDeleting] = useState<DeletionTask | null>(null);
  const canDelete = can('child.write');
  const items = list.data ?? [];
  const action = (t: DeletionTask) => canDelete
    ? <Button danger size="small" icon={<DeleteOutlined />} onClick={() => setDeleting(t)}>删除</Button>
    : null;

  const columns: TableColumnsType<DeletionTask> = [
    { title: '儿童', key: 'child', render: (_, t) => <ChildLink childId={t.childId} name={t.name} place={t.regionName} /> },
    { title: '原因', key: 'reason', width: 150, render: (_, t) => <ReasonTag t={t} /> },
    { title: '说明', key: 'why', render: (_, t) => <Why t={t} /> },
    { title: '涉及的处理目的', key: 'purposes', render: (_, t) => t.purposes.map((p) => <Tag key={p.code}>{p.label}</Tag>) },
    ...(canDelete ? [{ title: '操作', key: 'op', width: 100, render: (_: unknown, t: DeletionTask) => action(t) }] : []),
  ];

  return (
    <>
      <PageHeader title="待删除" subtitle="处理目的已经实现或不再有合法性基础的儿童信息，应当主动删除。" />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="个人信息保护法 第四十七条：处理目的已实现、保存期限届满或个人撤回同意的，应当主动删除"
        description="法律、行政法规规定的保存期限未届满（如案卷、病历），或者删除在技术上难以实现的，只能存储并采取安全措施，不得再作其他处理（第四十七条第二款）。有疑问请先咨询本单位个人信息保护负责人。" />
      <LoadError error={list.error} onRetry={list.reload} />
      <Card size="small">
        {mobile ? (
          <List loading={list.loading} dataSource={items} locale={{ emptyText: <Empty description="没有待删除的儿童信息" /> }}
            renderItem={(t) => (
              <List.Item style={{ display: 'block' }}>
                <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                  <Space wrap size={6}><ChildLink childId={t.childId} name={t.name} place={t.regionName} /><ReasonTag t={t} /></Space>
                  <Why t={t} />
                  <div>{t.purposes.map((p) => <Tag key={p.code}>{p.label}</Tag>)}</div>
                  {action(t)}
                </Space>
              </List.Item>
            )} />
        ) : (
          <Table<DeletionTask> rowKey="childId" columns={columns} dataSource={items} loading={list.loading}
            locale={{ emptyText: <Empty description="没有待删除的儿童信息" /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 名` }} />
        )}
      </Card>
      <DeleteDialog task={deleting} onClose={() => setDeleting(null)} onDone={() => { setDeleting(null); list.reload(); }} />
    </>
  );
}

interface DeleteValues { reason: string; understood: boolean }

function DeleteDialog({ task, onClose, onDone }: { task: DeletionTask | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<DeleteValues>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();

  const submit = async () => {
    let v: DeleteValues;
    try { v = await form.validateFields(); } catch { return; }
    if (!task) return;
    await run(async () => {
      await tasksApi.deleteChild(task.childId, v.reason.trim());
      void message.success('已删除，已记入处理台账');
      onDone();
    });
  };

  return (
    <Modal open={!!task} title="删除儿童个人信息" okText="确认删除" okButtonProps={{ danger: true, loading: busy }} cancelText="取消"
      onOk={() => void submit()} onCancel={() => { clear(); onClose(); }} destroyOnHidden>
      <Alert type="error" showIcon style={{ marginBottom: 16 }} title="删除后无法恢复"
        description="系统将销毁该儿童的数据密钥（加密删除）：儿童本人、监护人和走访记录中的个人信息从此无法读取，包括系统管理员在内任何人都不能恢复。处理台账保留一条“删除”记录。" />
      <Form form={form} layout="vertical" initialValues={{ reason: task ? REASONS[task.reason]?.text : '', understood: false }}>
        <ProblemAlert problem={problem} />
        <Form.Item name="reason" label="删除原因" rules={[{ required: true, whitespace: true, message: '请说明删除原因' }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="understood" valuePropName="checked" style={{ marginBottom: 0 }}
          rules={[{ validator: (_r, v?: boolean) => (v ? Promise.resolve() : Promise.reject(new Error('请确认已了解删除不可恢复'))) }]}>
          <Checkbox>我已了解：删除不可恢复，且没有法律、行政法规要求继续保存</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
