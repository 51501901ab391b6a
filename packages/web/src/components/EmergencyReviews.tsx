import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { emergencyApi, type EmergencyReview } from '../api/tasks.ts';
import { useLoader } from '../hooks/useLoader.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { LoadError, ProblemAlert } from './ProblemAlert.tsx';
import { ChildLink } from './ChildLink.tsx';
import { formatTime } from './LedgerTable.tsx';

interface ReviewValues { outcome: 'justified' | 'unjustified'; note: string }

/** The protection officer's queue of break-glass reads to confirm or end. */
export function EmergencyReviews() {
  const list = useLoader((signal) => emergencyApi.reviews(signal), []);
  const [reviewing, setReviewing] = useState<EmergencyReview | null>(null);
  const items = list.data ?? [];
  return (
    <Card size="small" title={`待复核的紧急查阅（${items.length}）`}>
      <Typography.Paragraph type="secondary">
        逐条判断紧急情况是否属实、查阅是否必要。认定理由不成立的，授权立即终止，并保留在处理台账中备查。
      </Typography.Paragraph>
      <LoadError error={list.error} onRetry={list.reload} />
      <List
        loading={list.loading}
        dataSource={items}
        locale={{ emptyText: <Empty description="没有待复核的紧急查阅" /> }}
        renderItem={(r) => (
          <List.Item style={{ flexWrap: 'wrap', rowGap: 8 }}
            actions={[<Button key="r" type="primary" size="small" onClick={() => setReviewing(r)}>复核</Button>]}>
            <List.Item.Meta
              title={<Space wrap size={6}><span>{r.userName ?? '—'}</span>{r.userOrg && <Tag>{r.userOrg}</Tag>}<Typography.Text type="secondary">{formatTime(r.createdAt)}</Typography.Text></Space>}
              description={
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,.88)' }}>{r.justification}</div>
                  <span>查阅对象：<ChildLink childId={r.childId} />（责任机构：{r.ownerOrg}）</span>
                  <span>授权至 {formatTime(r.expiresAt)}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <ReviewDialog review={reviewing} onClose={() => setReviewing(null)} onDone={() => { setReviewing(null); list.reload(); }} />
    </Card>
  );
}

function ReviewDialog({ review, onClose, onDone }: { review: EmergencyReview | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<ReviewValues>();
  const { problem, clear, busy, run } = useProblem(form);
  const { message } = App.useApp();

  const submit = async () => {
    let v: ReviewValues;
    try { v = await form.validateFields(); } catch { return; }
    if (!review) return;
    await run(async () => {
      await emergencyApi.review(review.id, v.outcome, v.note.trim());
      form.resetFields();
      void message.success(v.outcome === 'unjustified' ? '已认定理由不成立，授权已终止' : '复核完成');
      onDone();
    });
  };

  return (
    <Modal open={!!review} title="复核紧急查阅" okText="提交复核" cancelText="取消" confirmLoading={busy}
      onOk={() => void submit()} onCancel={() => { clear(); onClose(); }} forceRender>
      {review && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>说明：{review.justification}</Typography.Paragraph>}
      <Form form={form} name="emergencyReview" layout="vertical" initialValues={{ outcome: 'justified' }}>
        <ProblemAlert problem={problem} />
        <Form.Item name="outcome" label="复核结论" rules={[{ required: true, message: '请选择复核结论' }]}>
          <Radio.Group options={[
            { value: 'justified', label: '理由成立' },
            { value: 'unjustified', label: '理由不成立（立即终止授权）' },
          ]} />
        </Form.Item>
        <Form.Item name="note" label="复核意见" rules={[{ required: true, whitespace: true, message: '请填写复核意见' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
