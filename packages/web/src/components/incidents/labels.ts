import type { FollowUpOutcome, IncidentFlag, IncidentItem, IncidentStatus, NoticeRequest, RecipientKind, Resolution, SourceKind } from '../../api/incidents.ts';

/** Labels as the server's incidents/incident.schema.ts words them. */

export const STATUS: Record<IncidentStatus, { label: string; color: string }> = {
  open: { label: '待处理', color: 'gold' },
  notified: { label: '已发通知', color: 'blue' },
  closed: { label: '已结案', color: 'default' },
};

export const SOURCE_KINDS: Record<SourceKind, string> = {
  cyberspace_screening: '网信部门巡查',
  platform_self: '网络平台自查',
  internal: '平台内部泄露',
};
export const SOURCE_OPTIONS = Object.entries(SOURCE_KINDS).map(([value, label]) => ({ value, label }));

/** 第十五条: labelling children, and using them for donations or live-stream sales. */
export const FLAGS: Record<IncidentFlag, { label: string; hint: string }> = {
  label: { label: '标签化', hint: '将困境儿童标签化（第十五条）' },
  exploit: { label: '牟利', hint: '利用困境儿童个人信息博眼球、募捐或直播带货（第十五条）' },
};

export const RECIPIENT_KINDS: Record<RecipientKind, string> = { platform: '网络平台', publisher: '发布者' };
export const RECIPIENT_OPTIONS = Object.entries(RECIPIENT_KINDS).map(([value, label]) => ({ value, label }));

export const REQUESTS: Record<NoticeRequest, string> = { remove: '删除', correct: '更正', mask: '技术处理（屏蔽、遮挡）' };
export const REQUEST_OPTIONS = Object.entries(REQUESTS).map(([value, label]) => ({ value, label }));

export const OUTCOMES: Record<FollowUpOutcome, string> = {
  removed: '已删除',
  corrected: '已更正',
  no_response: '未答复',
  refused: '拒绝处理',
};
export const OUTCOME_OPTIONS = Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }));

export const RESOLUTIONS: Record<Resolution, string> = {
  removed: '已删除',
  corrected: '已更正',
  false_hit: '误报（不涉及该儿童）',
  not_actionable: '无法处置',
};
export const RESOLUTION_OPTIONS = Object.entries(RESOLUTIONS).map(([value, label]) => ({ value, label }));

/** What each span of the evidence is (the screening's evidence parts). */
const EVIDENCE_KINDS: Record<string, string> = {
  id_number: '身份证号', name: '姓名', village: '村（社区）', township: '乡镇（街道）', school: '学校', guardian_name: '监护人姓名',
};
/** `name+village`, as the server joins merged spans, reads 姓名＋村（社区）. */
export const evidenceKindLabel = (k: string) => k.split('+').map((p) => EVIDENCE_KINDS[p] ?? p).join('＋');

/** Kinds of personal information a breach report names (个人信息保护法 第五十七条第一款第一项). */
export const INFO_TYPE_OPTIONS = ['姓名', '身份证号', '出生日期', '家庭住址', '就读学校', '监护人姓名', '联系电话', '照片或影像', '健康状况', '残疾情况', '困境类别']
  .map((v) => ({ value: v, label: v }));

/** A child deleted from the register since keeps the incident, not the name. */
export const maskedName = (i: Pick<IncidentItem, 'child'>) => i.child.maskedName ?? '（儿童记录已删除）';
