import { Alert, Modal, Typography } from 'antd';

/** A password or token the server shows once: copy it now, it cannot be shown again. */
export function OneTimeSecret({ open, title, label, secret, note, onClose }: {
  open: boolean;
  title: string;
  label: string;
  secret: string | null;
  note?: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      okText="我已妥善保存"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title="此内容只显示这一次，关闭后无法再次查看。" style={{ marginBottom: 16 }} />
      <Typography.Paragraph style={{ marginBottom: 4 }}>{label}</Typography.Paragraph>
      <Typography.Paragraph
        copyable={secret ? { text: secret, tooltips: ['复制', '已复制'] } : false}
        code
        style={{ fontSize: 16, wordBreak: 'break-all' }}
        aria-label={label}
      >
        {secret}
      </Typography.Paragraph>
      {note && <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>}
    </Modal>
  );
}
