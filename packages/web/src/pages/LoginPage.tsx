import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Skeleton, Space, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';
import { authApi, type NextStep } from '../api/endpoints.ts';
import type { LoginNext, TotpEnrolment } from '../api/types.ts';
import { isPendingStage, useSession, type LoginNotice } from '../hooks/useSession.tsx';
import { useProblem } from '../hooks/useProblem.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';

type Step = 'credentials' | Exclude<LoginNext, 'done'>;

const STEP_TITLES: Record<Step, string> = {
  credentials: '登录',
  change_password: '修改初始密码',
  enrol_totp: '绑定动态口令',
  totp: '动态口令验证',
};

interface LocationState {
  from?: string;
}

/** The staged login: password → (forced password change) → (TOTP enrolment) → TOTP → home. */
export function LoginPage() {
  const { me, pendingStage, checking, refresh, notice: sessionNotice, clearNotice } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as LocationState;
  const [step, setStep] = useState<Step>('credentials');
  const [localNotice, setLocalNotice] = useState<LoginNotice | null>(null);
  const notice = localNotice ?? sessionNotice;
  const setNotice = (n: LoginNotice | null) => {
    setLocalNotice(n);
    if (!n) clearNotice();
  };
  // The password just typed, kept in memory only so a forced change need not ask for it again.
  const typedPassword = useRef<string | null>(null);

  useEffect(() => {
    if (pendingStage) setStep(pendingStage);
  }, [pendingStage]);

  const from = state.from && state.from !== '/login' ? state.from : '/';

  const advance = async (resp: NextStep | undefined | null) => {
    setNotice(null);
    let next: LoginNext | undefined = resp?.next;
    if (!next) {
      try {
        const m = await authApi.me();
        next = isPendingStage(m.stage) ? m.stage : 'done';
      } catch {
        setStep('credentials');
        setNotice({ kind: 'warning', message: '登录状态已失效，请重新登录' });
        return;
      }
    }
    if (next === 'done') {
      typedPassword.current = null;
      const m = await refresh();
      if (m) navigate(from, { replace: true });
      else {
        setStep('credentials');
        setNotice({ kind: 'warning', message: '登录未完成，请重新登录' });
      }
      return;
    }
    setStep(next);
  };

  const lost = (message: string) => {
    typedPassword.current = null;
    setStep('credentials');
    setNotice({ kind: 'warning', message: message || '登录已超时，请重新输入用户名和密码' });
  };

  const restart = async () => {
    try {
      await authApi.logout();
    } catch {
      // Nothing to end.
    }
    typedPassword.current = null;
    setNotice(null);
    setStep('credentials');
  };

  if (checking) return <div className="login-page"><Card className="login-card"><Skeleton active /></Card></div>;
  if (me) return <Navigate to={from} replace />;

  return (
    <main className="login-page">
      <Card className="login-card" variant="borderless" style={{ boxShadow: '0 6px 24px rgba(0,0,0,.08)' }}>
        <Space align="center" size={12} style={{ marginBottom: 8 }}>
          <span aria-hidden style={{ display: 'inline-grid', placeItems: 'center', width: 40, height: 40, borderRadius: 8, background: '#1668dc', color: '#fff', fontWeight: 700, fontSize: 20 }}>护</span>
          <div>
            <Typography.Text strong style={{ display: 'block', fontSize: 20, lineHeight: 1.4 }}>护童</Typography.Text>
            <Typography.Text type="secondary">困境儿童个人信息保护平台</Typography.Text>
          </div>
        </Space>
        {/* The step is the page's h1; the brand above is not a heading. */}
        <Typography.Title level={1} style={{ fontSize: 20, margin: '16px 0' }}>{STEP_TITLES[step]}</Typography.Title>
        {notice && (
          <Alert type={notice.kind} showIcon title={notice.message} role={notice.kind === 'info' ? 'status' : 'alert'} style={{ marginBottom: 16 }} closable={{ onClose: () => setNotice(null) }} />
        )}
        {step === 'credentials' && (
          <CredentialsStep onNext={(r, pw) => { typedPassword.current = pw; void advance(r); }} />
        )}
        {step === 'change_password' && (
          <>
            <Typography.Paragraph type="secondary">首次登录或密码已被重置，请先设置新密码。</Typography.Paragraph>
            <ChangePasswordForm
              knownCurrentPassword={typedPassword.current}
              submitText="设置新密码并继续"
              onDone={(r) => { typedPassword.current = null; void advance(r); }}
              onError={(e) => redirectByError(e, (r) => void advance(r), lost)}
            />
          </>
        )}
        {step === 'enrol_totp' && <EnrolStep onNext={(r) => void advance(r)} onLost={lost} />}
        {step === 'totp' && <TotpStep onNext={(r) => void advance(r)} onLost={lost} />}
        {step !== 'credentials' && (
          <Button type="link" onClick={() => void restart()} style={{ paddingInline: 0 }}>使用其他账户登录</Button>
        )}
      </Card>
    </main>
  );
}

function CredentialsStep({ onNext }: { onNext: (r: NextStep, password: string) => void }) {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const { problem, run, busy } = useProblem(form);

  const submit = async (v: { username: string; password: string }) => {
    await run(async () => {
      const r = await authApi.login(v.username.trim(), v.password);
      onNext(r, v.password);
    });
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
      <ProblemAlert problem={problem} />
      <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
        <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoCapitalize="off" spellCheck={false} autoFocus />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        连续多次输入错误将锁定账户。忘记密码请联系本单位系统管理员重置。
      </Typography.Paragraph>
    </Form>
  );
}

/** Puts a rejected code's full message under the code field (wrong or reused code), other problems above the form. */
function useCodeProblem(form: ReturnType<typeof Form.useForm<{ code: string }>>[0]) {
  const p = useProblem(form);
  const handle = (e: unknown) => {
    if (e instanceof ApiError && (e.code === 'HUTONG_TOTP_INVALID' || (!e.fields.length && e.status === 400))) {
      form.setFields([{ name: 'code', errors: [e.detail] }]);
      p.clear();
      return;
    }
    p.handle(e);
  };
  return { ...p, handle };
}

const LOGIN_STEPS: readonly string[] = ['change_password', 'enrol_totp', 'totp', 'done'];

/**
 * Errors that move the login rather than ask for a fix: the server says which step is due
 * (HUTONG_LOGIN_STEP / HUTONG_LOGIN_INCOMPLETE carry `next`), or the half-done login has
 * timed out. Returns true when it dealt with the error.
 */
function redirectByError(e: unknown, go: (r: NextStep) => void, lost: (message: string) => void): boolean {
  if (!(e instanceof ApiError)) return false;
  const next = e.body.next;
  if (typeof next === 'string' && LOGIN_STEPS.includes(next) && (e.code === 'HUTONG_LOGIN_STEP' || e.code === 'HUTONG_LOGIN_INCOMPLETE')) {
    go({ next: next as LoginNext });
    return true;
  }
  if (e.status === 401 && (e.code === 'HUTONG_SESSION_EXPIRED' || e.code === 'HUTONG_UNAUTHENTICATED')) {
    lost(e.detail);
    return true;
  }
  return false;
}

const CODE_RULES = [
  { required: true, message: '请输入 6 位动态口令' },
  { pattern: /^\d{6}$/, message: '动态口令为 6 位数字' },
];

function CodeInput(props: { value?: string; onChange?: (v: string) => void; id?: string; autoFocus?: boolean }) {
  return (
    <Input
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange?.(e.target.value.replace(/\D/g, '').slice(0, 6))}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      placeholder="6 位数字"
      prefix={<SafetyOutlined aria-hidden />}
      autoFocus={props.autoFocus}
      style={{ letterSpacing: 4, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
    />
  );
}

function EnrolStep({ onNext, onLost }: { onNext: (r: NextStep | undefined) => void; onLost: (message: string) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { problem, handle, clear } = useCodeProblem(form);
  const started = useRef(false);

  const start = () => {
    setLoadError(null);
    authApi.enrolTotp().then(setEnrolment, (e: unknown) => {
      started.current = false;
      if (!redirectByError(e, onNext, onLost)) setLoadError(e);
    });
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async (v: { code: string }) => {
    setBusy(true);
    clear();
    try {
      onNext(await authApi.confirmTotp(v.code));
    } catch (e) {
      if (!redirectByError(e, onNext, onLost)) handle(e);
    } finally {
      setBusy(false);
    }
  };

  const grouped = enrolment?.secret.replace(/\s/g, '').replace(/(.{4})/g, '$1 ').trim();

  return (
    <>
      <Typography.Paragraph>
        为保护儿童个人信息，登录须使用动态口令。请在手机上的身份验证器应用（如腾讯身份验证器、Microsoft Authenticator、FreeOTP）中添加本账户：
      </Typography.Paragraph>
      {loadError !== null && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }}
          title={loadError instanceof ApiError ? loadError.detail : '无法获取绑定信息'}
          action={<Button size="small" onClick={() => { started.current = true; start(); }}>重试</Button>} />
      )}
      {!enrolment && loadError === null && <Skeleton.Image active style={{ width: 200, height: 200, display: 'block', margin: '0 auto 12px' }} />}
      {enrolment && (
        <>
          <ol style={{ paddingInlineStart: 20, marginTop: 0 }}>
            <li>用验证器扫描下方二维码；</li>
            <li>无法扫描（例如正在用这部手机登录）时，在验证器中选择“手动输入密钥”，输入下方密钥；</li>
            <li>输入验证器显示的 6 位数字完成绑定。</li>
          </ol>
          <img className="totp-qr" src={enrolment.qrDataUrl} alt="动态口令绑定二维码（内容与下方密钥相同）" />
          <Typography.Paragraph style={{ textAlign: 'center', marginBottom: 4 }}>
            <Typography.Text type="secondary">密钥：</Typography.Text>
            <Typography.Text className="secret-text" copyable={{ text: enrolment.secret.replace(/\s/g, ''), tooltips: ['复制密钥', '已复制'] }} aria-label="动态口令密钥">
              {grouped}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph style={{ textAlign: 'center' }}>
            <a href={enrolment.otpauthUrl}>在本机的验证器应用中打开</a>
          </Typography.Paragraph>
        </>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
        <ProblemAlert problem={problem} />
        <Form.Item name="code" label="验证器显示的动态口令" rules={CODE_RULES}>
          <CodeInput />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} disabled={!enrolment}>完成绑定</Button>
      </Form>
    </>
  );
}

function TotpStep({ onNext, onLost }: { onNext: (r: NextStep | undefined) => void; onLost: (message: string) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const { problem, handle, clear } = useCodeProblem(form);

  const submit = async (v: { code: string }) => {
    setBusy(true);
    clear();
    try {
      onNext(await authApi.verifyTotp(v.code));
    } catch (e) {
      if (!redirectByError(e, onNext, onLost)) handle(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
      <Typography.Paragraph type="secondary">请打开手机上的身份验证器，输入护童账户当前显示的 6 位动态口令。</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form.Item name="code" label="动态口令" rules={CODE_RULES}>
        <CodeInput autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>验证并登录</Button>
    </Form>
  );
}
