import { errors, HutongError } from '@hutong/core';

/** Shown in Beijing time: the people reading it are in China whatever the server's TZ is. */
export function formatBeijingTime(d: Date): string {
  const s = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(d);
  return `${s}（北京时间）`;
}

export type LoginStep = 'change_password' | 'enrol_totp' | 'totp';

const STEP_ZH: Record<LoginStep, string> = {
  change_password: '请先修改初始密码',
  enrol_totp: '请先绑定动态口令',
  totp: '请输入动态口令',
};

/** Account errors the console switches on; core's generic factories cover the rest. */
export const authErrors = {
  /** One answer for unknown user, wrong password and disabled account: no user enumeration. */
  badCredentials: () => new HutongError(401, 'HUTONG_BAD_CREDENTIALS', '用户名或密码错误'),
  /** 401, not 400: it counts towards lockout, and a 400 (bad input) never writes anything. */
  badCurrentPassword: () =>
    new HutongError(401, 'HUTONG_BAD_CREDENTIALS', '当前密码不正确', { fields: [{ field: 'currentPassword', message: '当前密码不正确' }] }),
  totpInvalid: (field = 'code') =>
    new HutongError(401, 'HUTONG_TOTP_INVALID', '动态口令错误或已使用，请输入验证器中显示的最新口令', { fields: [{ field, message: '动态口令错误或已使用' }] }),
  locked: (until: Date) => {
    const e = errors.locked(`账户因连续登录失败已锁定，请于${formatBeijingTime(until)}后重试，或联系管理员解锁`);
    e.details.lockedUntil = until.toISOString();
    return e;
  },
  sessionExpired: () => new HutongError(401, 'HUTONG_SESSION_EXPIRED', '会话已超时，请重新登录'),
  loginIncomplete: (next: LoginStep) => new HutongError(401, 'HUTONG_LOGIN_INCOMPLETE', `登录尚未完成：${STEP_ZH[next]}`, { next }),
  noLoginSession: () => new HutongError(401, 'HUTONG_UNAUTHENTICATED', '请先输入用户名和密码登录'),
  wrongStep: (next: LoginStep | 'done') =>
    new HutongError(409, 'HUTONG_LOGIN_STEP', next === 'done' ? '登录已完成，无需重复此步骤' : `当前登录步骤不符：${STEP_ZH[next]}`, { next }),
  tokenInvalid: () => new HutongError(401, 'HUTONG_TOKEN_INVALID', '访问令牌无效、已过期或已吊销'),
};
