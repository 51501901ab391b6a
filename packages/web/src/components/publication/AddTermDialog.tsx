import { useCallback } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { ENTITY_TYPES } from '../../api/redact.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';

interface AddValues { type: string; text: string; reason: string }

const TYPE_OPTIONS = Object.entries(ENTITY_TYPES).map(([value, label]) => ({ value, label }));

/**
 * A text the engine missed, to be processed wherever it occurs. The server checks it (at least
 * 2 characters, a known type); its messages about this addition (`add[n].text`) land under the
 * matching control.
 */
export function AddTermDialog({ open, index, onClose, onSubmit }: {
  open: boolean;
  /** Where the new addition goes in the list sent, to match the server's field names. */
  index: number;
  onClose: () => void;
  onSubmit: (a: AddValues) => Promise<void>;
}) {
  const [form] = Form.useForm<AddValues>();
  const place = useCallback((path: string, message: string) => {
    const m = /^add\.(\d+)\.(type|text|reason)$/u.exec(path);
    if (!m || Number(m[1]) !== index) return false;
    form.setFields([{ name: m[2] as keyof AddValues, errors: [message] }]);
    return true;
  }, [form, index]);
  const { problem, clear, busy, run } = useProblem(form, place);

  const submit = async () => {
    let v: AddValues;
    try { v = await form.validateFields(); } catch { return; }
    const ok = await run(() => onSubmit({ type: v.type, text: v.text.trim(), reason: v.reason.trim() }));
    if (ok) form.resetFields();
  };

  return (
    <Modal open={open} title="补充漏识别的文字" okText="补充并重新处理" cancelText="取消" okButtonProps={{ loading: busy }}
      onOk={() => void submit()} onCancel={() => { clear(); form.resetFields(); onClose(); }}>
      <Typography.Paragraph>这段文字将在所有文件和标题中按所选类型处理；名字、学校等也会据此与名册中的儿童核对。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ type: 'PERSON' }}>
        <ProblemAlert problem={problem} />
        <Form.Item name="type" label="信息类型" rules={[{ required: true, message: '请选择信息类型' }]}>
          <Select options={TYPE_OPTIONS} />
        </Form.Item>
        <Form.Item name="text" label="文字（与原稿一致）" rules={[{ required: true, whitespace: true, message: '请填写要处理的文字' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label="补充理由" rules={[{ required: true, whitespace: true, message: '请填写补充理由' }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
