import { useState } from 'react';
import { App, Card } from 'antd';
import { PageHeader } from '../components/PageHeader.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';

export default function PasswordPage() {
  const { message } = App.useApp();
  const [round, setRound] = useState(0);
  return (
    <>
      <PageHeader title="修改密码" subtitle="定期更换密码，不要与他人共用账户。" />
      <Card>
        <ChangePasswordForm key={round} onDone={() => { void message.success('密码已修改'); setRound((r) => r + 1); }} />
      </Card>
    </>
  );
}
