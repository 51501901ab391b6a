import { useCallback, useEffect, useId, useState } from 'react';
import { Button, Modal, Typography } from 'antd';
import { ApiError, errorMessage } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import { useIdleTimeout } from '../hooks/useIdleTimeout.ts';
import { useSession } from '../hooks/useSession.tsx';

function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  const r = s % 60;
  return m > 0 ? `${m} 分 ${String(r).padStart(2, '0')} 秒` : `${r} 秒`;
}

/** A warning about two minutes before the server's idle timeout, with 继续 to keep the session. */
export function IdleWatcher() {
  const { me, signedOut, logout } = useSession();
  const idle = useIdleTimeout(me?.idleTimeoutSeconds ?? 0, !!me && (me.idleTimeoutSeconds ?? 0) > 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (idle.expired) signedOut({ kind: 'warning', message: '由于长时间未操作，会话已超时，请重新登录' });
  }, [idle.expired, signedOut]);

  const keepAlive = async () => {
    setBusy(true);
    setError(null);
    try {
      await authApi.me();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        signedOut({ kind: 'warning', message: e.detail || '会话已超时，请重新登录' });
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const open = idle.secondsLeft !== null && !idle.expired;
  // An alert dialog, described by its text, so a screen reader reads the warning out as it opens
  // (WCAG 2.2.1 timing adjustable: the person must learn of it to extend the session). antd
  // writes role="dialog" itself and takes no role prop; React leaves the attribute alone after.
  const descriptionId = useId();
  const asAlertDialog = useCallback((text: HTMLDivElement | null) => {
    const dialog = text?.closest('[role="dialog"]');
    dialog?.setAttribute('role', 'alertdialog');
    dialog?.setAttribute('aria-describedby', descriptionId);
  }, [descriptionId]);

  return (
    <Modal
      open={open}
      title="即将因长时间未操作而退出"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="logout" onClick={() => void logout()}>退出登录</Button>,
        <Button key="continue" type="primary" loading={busy} onClick={() => void keepAlive()} autoFocus>继续</Button>,
      ]}
    >
      <div ref={asAlertDialog} id={descriptionId}>
        <Typography.Paragraph>
          {/* role=timer is not live: the seconds are not read out one by one. */}
          为保护儿童个人信息，系统将在 <Typography.Text strong role="timer">{formatSeconds(idle.secondsLeft ?? 0)}</Typography.Text> 后自动退出登录。
        </Typography.Paragraph>
        <Typography.Paragraph>如需继续使用，请点击“继续”。</Typography.Paragraph>
      </div>
      {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
    </Modal>
  );
}
