/** 第四条: the eight processing acts; every one on a child's data is a ledger entry. */
export const PROCESSING_ACTS = {
  collect: '收集',
  store: '存储',
  use: '使用',
  process: '加工',
  transmit: '传输',
  provide: '提供',
  disclose: '公开',
  delete: '删除',
} as const;
export type ProcessingAct = keyof typeof PROCESSING_ACTS;
export const PROCESSING_ACT_KEYS = Object.keys(PROCESSING_ACTS) as ProcessingAct[];
export function isProcessingAct(s: string): s is ProcessingAct {
  return Object.hasOwn(PROCESSING_ACTS, s);
}

export const SECURITY_ACTS = {
  login: '登录成功',
  login_failed: '登录失败',
  lockout: '账户锁定',
  logout: '退出登录',
  token_use: '令牌调用',
  token_create: '创建令牌',
  token_revoke: '吊销令牌',
  password_change: '修改密码',
  totp_enrol: '绑定动态口令',
  session_expired: '会话超时',
} as const;

export const ADMIN_ACTS = {
  org_create: '创建机构',
  org_update: '修改机构',
  user_create: '创建用户',
  user_update: '修改用户',
  user_unlock: '解锁用户',
  key_rotate: '主密钥轮换',
  ledger_verify: '台账校验',
  export: '导出',
  purpose_update: '修改处理目的',
  emergency_review: '复核紧急查阅',
  sharing_request: '申请数据共享',
  sharing_approve: '批准数据共享',
  sharing_refuse: '拒绝数据共享',
  sharing_revoke: '撤销数据共享',
  publication_submit: '提交发布审核',
  publication_adjust: '调整发布审核结果',
  publication_approve: '批准发布',
  publication_return: '退回发布申请',
  publication_draft_destroy: '销毁发布原稿',
  incident_ingest: '导入巡查命中',
  incident_open: '登记泄露事件',
  incident_owner_told: '告知儿童所属机构',
  incident_notice: '发出删除/更正通知',
  incident_follow_up: '跟进泄露事件',
  incident_close: '泄露事件结案',
  incident_breach: '启动个人信息泄露处置',
  incident_letter: '下载事件函件',
} as const;
