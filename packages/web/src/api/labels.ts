/** Chinese labels for codes, from the one rule catalogue in @hutong/core. */
import {
  ACTIVITY_ORG_TYPES, ADMIN_ACTS, CHILD_CATEGORIES, FIELD_CATALOGUE, FIELD_KEYS, ORG_TYPES, PROCESSING_ACTS, RETENTION_EVENTS, ROLES,
  SECURITY_ACTS, SENSITIVITY_LABELS,
} from '@hutong/core';

export { ACTIVITY_ORG_TYPES, CHILD_CATEGORIES, FIELD_CATALOGUE, FIELD_KEYS, ORG_TYPES, PROCESSING_ACTS, RETENTION_EVENTS, ROLES, SENSITIVITY_LABELS };

/** `{value, label}` options for a Select, from a code → label table. */
export function optionsOf(table: Readonly<Record<string, string>>): { value: string; label: string }[] {
  return Object.entries(table).map(([value, label]) => ({ value, label }));
}

export const FIELD_OPTIONS = FIELD_KEYS.map((k) => ({ value: k as string, label: FIELD_CATALOGUE[k].label }));

export const ALL_ACTS: Record<string, string> = { ...PROCESSING_ACTS, ...SECURITY_ACTS, ...ADMIN_ACTS };

export const ACT_GROUPS: { label: string; acts: Record<string, string> }[] = [
  { label: '处理活动（第四条）', acts: PROCESSING_ACTS },
  { label: '安全事件', acts: SECURITY_ACTS },
  { label: '管理操作', acts: ADMIN_ACTS },
];

export function actLabel(act: string): string {
  return ALL_ACTS[act] ?? act;
}

export function roleLabel(role: string): string {
  return (ROLES as Record<string, string>)[role] ?? role;
}

export function orgTypeLabel(type: string): string {
  return (ORG_TYPES as Record<string, string>)[type] ?? type;
}

export function fieldLabel(key: string): string {
  return (FIELD_CATALOGUE as Record<string, { label: string } | undefined>)[key]?.label ?? key;
}

export function retentionLabel(event: string): string {
  return (RETENTION_EVENTS as Record<string, string>)[event] ?? event;
}

/** 第十条: unions, the youth league, women's federations, 关工委, social organisations and volunteers work within an activity. */
export function isActivityOrgType(type: string | null | undefined): boolean {
  return !!type && (ACTIVITY_ORG_TYPES as readonly string[]).includes(type);
}

export function categoryLabel(code: string): string {
  return (CHILD_CATEGORIES as Record<string, string>)[code] ?? code;
}

export const OUTCOME_LABELS: Record<string, string> = {
  succeeded: '成功', ok: '成功', success: '成功', allowed: '允许', denied: '拒绝', refused: '拒绝', failed: '失败', error: '失败',
};
export const GOOD_OUTCOMES: ReadonlySet<string> = new Set(['succeeded', 'ok', 'success', 'allowed']);

/** 全国: the jurisdiction of nationwide administrators and auditors. */
export const NATIONWIDE = '000000000000';

export const LEDGER_CATEGORY_LABELS: Record<string, string> = {
  processing: '处理活动', security: '安全事件', admin: '管理操作', system: '系统',
};

/** Reason codes the server writes into ledger entries, in words; free text after a colon is kept. */
const REASON_LABELS: Record<string, string> = {
  masked_list: '查看名册（脱敏）',
  bad_password: '密码错误',
  bad_totp: '动态口令错误',
  masked_view: '查看详情（脱敏）',
  revealed: '查看完整信息',
  home_visit: '登记走访',
  initial: '首次修改初始密码',
  totp_enrolled: '已绑定动态口令',
  token: '令牌',
  user: '用户',
};

export function reasonText(reason: string | null | undefined): string {
  if (!reason) return '';
  const i = reason.indexOf(':');
  const code = i < 0 ? reason : reason.slice(0, i);
  const label = REASON_LABELS[code];
  if (!label) return reason;
  return i < 0 ? label : `${label}：${reason.slice(i + 1)}`;
}
