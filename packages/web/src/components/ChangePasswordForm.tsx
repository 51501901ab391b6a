import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { authApi, type NextStep } from '../api/endpoints.ts';
import { useProblem } from '../hooks/useProblem.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

interface Values {
  currentPassword?: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change one's own password; the server's policy messages appear under the fields. */
export function ChangePasswordForm({ knownCurrentPassword, submitText = '修改密码', onDone, onError }: {
  /** The password typed at login a moment ago: then the form does not ask for it again. */
  knownCurrentPassword?: string | null;
  submitText?: string;
  onDone: (r: NextStep | undefined) => void;
  /** Gets the first look at a failure; returns true when it handled it (the login page moves on). */
  onError?: (e: unknown) => boolean;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { problem, handle, clear } = useProblem(form);
  const askCurrent = !knownCurrentPassword;

  const submit = async (v: Values) => {
    setBusy(true);
    clear();
    try {
      const r = await authApi.changePassword(knownCurrentPassword ?? v.currentPassword ?? '', v.newPassword);
      onDone(r ?? undefined);
    } catch (e) {
      if (!onError?.(e)) handle(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} style={{ maxWidth: 420 }}>
      <ProblemAlert problem={problem} />
      {askCurrent && (
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      )}
      <Form.Item
        name="newPassword"
        label="新密码"
        rules={[{ required: true, message: '请输入新密码' }]}
        extra="须符合平台密码策略（长度与复杂度），且不能与旧密码相同。"
      >
        <Input.Password autoComplete="new-password" autoFocus={!askCurrent} />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="再次输入新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>{submitText}</Button>
    </Form>
  );
}
