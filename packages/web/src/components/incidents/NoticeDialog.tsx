import { useEffect, useId } from 'react';
import { Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { incidentsApi, type IncidentDetail, type IncidentNotice, type NewNotice } from '../../api/incidents.ts';
import { useProblem } from '../../hooks/useProblem.ts';
import { ProblemAlert } from '../ProblemAlert.tsx';
import { RECIPIENT_OPTIONS, REQUEST_OPTIONS } from './labels.ts';

const DEFAULT_DAYS = 3;

/**
 * 发出整改通知: asks the platform or the publisher to remove, correct or mask the post within a
 * deadline (第五、十四、十五条). The server writes the letter; a failed save keeps what was typed.
 */
export function NoticeDialog({ incident, open, onClose, onIssued }: {
  incident: IncidentDetail; open: boolean; onClose: () => void; onIssued: (n: IncidentNotice) => void;
}) {
  const [form] = Form.useForm<NewNotice>();
  const { problem, clear, busy, run } = useProblem(form);
  const name = useId();

  // A first notice goes to where the post was found; later ones the officer chooses.
  useEffect(() => {
    if (open && !form.isFieldsTouched()) form.setFieldsValue({ recipient: incident.source.name, recipientKind: 'platform', request: 'remove', dueDays: DEFAULT_DAYS });
  }, [open, form, incident.source.name]);

  const submit = async () => {
    let v: NewNotice;
    try { v = await form.validateFields(); } catch { return; }
    await run(async () => {
      const contact = v.contact?.trim();
      const notice = await incidentsApi.notify(incident.id, {
        recipient: v.recipient.trim(), recipientKind: v.recipientKind, request: v.request ?? 'remove', dueDays: v.dueDays, ...(contact ? { contact } : {}),
      });
      form.resetFields();
      onIssued(notice);
    });
  };

  return (
    <Modal open={open} title="发出整改通知" okText="发出通知" okButtonProps={{ loading: busy }} cancelText="取消"
      onOk={() => void submit()} onCancel={() => { clear(); onClose(); }} forceRender>
      <Typography.Paragraph>
        要求平台或发布者在期限内删除、更正或屏蔽披露儿童个人信息的内容。通知书由系统按《困境儿童个人信息保护工作办法》第五、十四、十五条生成，只引用经技术处理的摘录，不重复泄露的信息。
      </Typography.Paragraph>
      <Form form={form} name={name} layout="vertical" requiredMark>
        <ProblemAlert problem={problem} />
        <Form.Item name="recipient" label="接收方名称" rules={[{ required: true, whitespace: true, message: '请填写接收通知的平台或发布者' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="recipientKind" label="接收方类型" rules={[{ required: true, message: '请选择接收方类型' }]}>
          <Radio.Group options={RECIPIENT_OPTIONS} />
        </Form.Item>
        <Form.Item name="request" label="要求" rules={[{ required: true, message: '请选择要求' }]}>
          <Radio.Group options={REQUEST_OPTIONS} />
        </Form.Item>
        <Form.Item name="dueDays" label="处理期限（天）" rules={[{ required: true, message: '请填写处理期限' }]}
          extra="1–30 天；到期未结案的事件在列表中标为已逾期。">
          <InputNumber min={1} max={30} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="contact" label="联系方式" extra="选填：印在通知书上；不填则为本机构名称与经办人。">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
