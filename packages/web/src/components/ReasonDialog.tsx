import { useId } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useProblem } from '../hooks/useProblem.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

/** Refusing, revoking, withdrawing, removing: one required reason, sent as `field`, so the server's message lands under it. */
export function ReasonDialog({ open, title, label, field, okText, intro, maxLength = 1000, placeholder, danger = true, onClose, onSubmit }: {
  open: boolean; title: string; label: string; field: 'note' | 'reason'; okText: string; intro: string;
  /** The server's limit for this reason. */
  maxLength?: number; placeholder?: string;
  /** A red button for refusals; false for a positive decision (approving) that still needs its reason. */
  danger?: boolean;
  onClose: () => void; onSubmit: (text: string) => Promise<void>;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const { problem, clear, busy, run } = useProblem(form);
  // Two of these can sit on one page (withdraw a consent, remove a guardian): each control's id,
  // which its label points at, must be unique (WCAG 1.3.1, 4.1.2).
  const formName = useId();

  const submit = async () => {
    let v: Record<string, string>;
    try { v = await form.validateFields(); } catch { return; }
    await run(async () => {
      await onSubmit((v[field] ?? '').trim());
      form.resetFields();
    });
  };

  return (
    <Modal open={open} title={title} okText={okText} okButtonProps={{ danger, loading: busy }} cancelText="取消"
      onOk={() => void submit()} onCancel={() => { clear(); form.resetFields(); onClose(); }}>
      <Typography.Paragraph>{intro}</Typography.Paragraph>
      <Form form={form} name={formName} layout="vertical">
        <ProblemAlert problem={problem} />
        <Form.Item name={field} label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
          <Input.TextArea rows={maxLength > 200 ? 3 : 2} maxLength={maxLength} showCount {...(placeholder ? { placeholder } : {})} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
