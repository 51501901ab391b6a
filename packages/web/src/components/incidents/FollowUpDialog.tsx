import { useId } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { incidentsApi, type FollowUpOutcome, type IncidentDetail } from '../../api/incidents.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { OUTCOME_OPTIONS } from './labels.ts';

interface Values { note: string; outcome?: FollowUpOutcome }

/** 记录跟进: what the platform or publisher answered, or that it did not. */
export function FollowUpDialog({ incidentId, open, onClose, onSaved }: { incidentId: string; open: boolean; onClose: () => void; onSaved: (i: IncidentDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const { problem, clear, busy, run } = useProblem(form);
  const name = useId();

  const submit = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    await run(async () => {
      const saved = await incidentsApi.followUp(incidentId, { note: v.note.trim(), ...(v.outcome ? { outcome: v.outcome } : {}) });
      form.resetFields();
      onSaved(saved);
    });
  };

  return (
    <Modal open={open} title="记录跟进" okText="保存" okButtonProps={{ loading: busy }} cancelText="取消"
      onOk={() => void submit()} onCancel={() => { clear(); onClose(); }} forceRender>
      <Typography.Paragraph type="secondary">记录与平台或发布者的沟通及其处理结果；跟进记录进入事件时间线。</Typography.Paragraph>
      <Form form={form} name={name} layout="vertical" requiredMark>
        <ProblemAlert problem={problem} />
        <Form.Item name="outcome" label="处理结果">
          <Select allowClear placeholder="尚无结果" options={OUTCOME_OPTIONS} />
        </Form.Item>
        <Form.Item name="note" label="跟进情况" rules={[{ required: true, whitespace: true, message: '请填写跟进情况' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="例如：已电话联系平台客服，对方答复 24 小时内下架" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
