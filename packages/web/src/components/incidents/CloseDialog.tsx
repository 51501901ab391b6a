import { useId } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { incidentsApi, type IncidentDetail, type Resolution } from '../../api/incidents.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { RESOLUTION_OPTIONS } from './labels.ts';

interface Values { resolution: Resolution; note: string }

/** 结案: how the incident ended, with the reason; a closed incident takes no more notices. */
export function CloseDialog({ incidentId, open, onClose, onSaved }: { incidentId: string; open: boolean; onClose: () => void; onSaved: (i: IncidentDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const { problem, clear, busy, run } = useProblem(form);
  const name = useId();

  const submit = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    await run(async () => {
      const saved = await incidentsApi.close(incidentId, { resolution: v.resolution, note: v.note.trim() });
      form.resetFields();
      onSaved(saved);
    });
  };

  return (
    <Modal open={open} title="结案" okText="确认结案" okButtonProps={{ loading: busy }} cancelText="取消"
      onOk={() => void submit()} onCancel={() => { clear(); onClose(); }} forceRender>
      <Typography.Paragraph>结案前请核实帖子已删除或已做技术处理；误报请说明核实经过。结案记入处理台账。</Typography.Paragraph>
      <Form form={form} name={name} layout="vertical" requiredMark>
        <ProblemAlert problem={problem} />
        <Form.Item name="resolution" label="结案结果" rules={[{ required: true, message: '请选择结案结果' }]}>
          <Select options={RESOLUTION_OPTIONS} placeholder="选择结果" />
        </Form.Item>
        <Form.Item name="note" label="结案说明" rules={[{ required: true, whitespace: true, message: '请填写结案说明' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
