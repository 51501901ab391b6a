import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { listPurposes, type Purpose } from '../api/purposes.ts';
import { useProblem } from '../hooks/useProblem.ts';

export interface PurposeInput {
  purpose: string;
  justification: string;
}

/**
 * Asks why the full record is needed (第十二条: purpose, basis, minimum necessary). The request
 * is ledgered with it; a refusal shows the server's reason and the article it cites.
 */
export function PurposeDialog({ open, onCancel, onSubmit }: {
  open: boolean;
  onCancel: () => void;
  /** Resolves when the server allowed it; rejects with its problem otherwise. */
  onSubmit: (v: PurposeInput) => Promise<void>;
}) {
  const [form] = Form.useForm<PurposeInput>();
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  const { problem, clear, busy, run } = useProblem(form);

  useEffect(() => {
    void listPurposes().then(setPurposes);
  }, []);

  const submit = async () => {
    let v: PurposeInput;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      await onSubmit({ purpose: v.purpose, justification: v.justification.trim() });
    });
  };

  // Not forceRender: a hidden force-rendered dialog stays on antd's Escape stack and, being
  // mounted later, takes Escape from the open one (the child's page holds several dialogs).
  return (
    <Modal
      open={open}
      title="查看完整信息"
      okText="确认查看"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      confirmLoading={busy}
    >
      <Typography.Paragraph type="secondary">
        查看未脱敏的儿童个人信息须有明确、合理的处理目的，并遵循最小必要原则。本次查看将记入处理台账。
      </Typography.Paragraph>
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem.detail || problem.title}
          description={problem.article ? `依据：${problem.article}` : undefined}
        />
      )}
      <Form form={form} name="reveal" layout="vertical" requiredMark onValuesChange={() => problem && clear()}>
        <Form.Item name="purpose" label="处理目的" rules={[{ required: true, message: '请选择处理目的' }]}>
          <Select
            placeholder="请选择处理目的"
            options={purposes.map((p) => ({ value: p.code, label: p.label }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          name="justification"
          label="具体事由"
          rules={[{ required: true, whitespace: true, message: '请说明具体事由' }]}
          extra="例如：办理 2025 年第三季度孤儿基本生活费发放，需核对身份证号。"
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="说明为什么需要查看完整信息" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
