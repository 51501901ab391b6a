import { PUBLICATION_AUDIENCES, PUBLICATION_CHANNELS, PUBLICATION_KINDS, elementTypeLabel } from '@hutong/core';
import { optionsOf } from '../../api/labels.ts';
import type { LinkedChild, PublicationOutcome, PublicationStatus, Severity } from '../../api/publications.ts';
import { OPERATORS } from '../redact/labels.ts';

export const KIND_OPTIONS = optionsOf(PUBLICATION_KINDS);
export const CHANNEL_OPTIONS = optionsOf(PUBLICATION_CHANNELS);
export const AUDIENCE_OPTIONS = optionsOf(PUBLICATION_AUDIENCES);

export const STATUS: Record<PublicationStatus, { label: string; color: string }> = {
  in_review: { label: '待审核', color: 'gold' },
  approved: { label: '已批准', color: 'green' },
  returned: { label: '已退回', color: 'orange' },
  blocked: { label: '已拦截', color: 'red' },
};
export const STATUS_OPTIONS = Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }));

export const OUTCOME: Record<PublicationOutcome, { label: string; color: string }> = {
  blocked: { label: '禁止发布', color: 'red' },
  needs_consent: { label: '缺少同意', color: 'orange' },
  flagged: { label: '有待处理事项', color: 'gold' },
  ok: { label: '核对无误', color: 'green' },
};

/** Worst first, as the decision ranks them. */
export const SEVERITIES: ReadonlyArray<{ key: Severity; title: string; hint: string; alert: 'error' | 'warning' | 'info' | 'success' }> = [
  { key: 'block', title: '禁止发布', hint: '无论是否取得同意，都不得按此发布', alert: 'error' },
  { key: 'consent', title: '缺少同意', hint: '取得并登记同意之前不能批准', alert: 'warning' },
  { key: 'flag', title: '须审核员处理', hint: '批准时请在理由中说明如何处理', alert: 'warning' },
  { key: 'info', title: '处理与核对记录', hint: '已做的技术处理与在案同意', alert: 'info' },
];

export const AGE_BANDS: Record<LinkedChild['ageBand'], string> = { under14: '未满十四周岁', from14: '已满十四周岁', adult: '已满十八周岁' };
export const MATCHED_BY: Record<LinkedChild['matchedBy'], string> = { id_number: '身份证号', name_school: '姓名与学校', name: '姓名' };
export const CONSENT_BY: Record<'guardian' | 'child', string> = { guardian: '监护人同意', child: '儿童本人同意' };

const MEDIA_ACTIONS: Record<string, string> = {
  blurred: '已模糊', pixelated: '已马赛克', masked: '已遮盖', kept: '保留（未处理）', muted: '已静音', altered: '已变声',
};

export function actionLabel(action: string): string {
  return MEDIA_ACTIONS[action] ?? OPERATORS[action] ?? action;
}

/** FACE, VOICE, words read off a picture and the engine's types, in Chinese. */
export function findingTypeLabel(type: string): string {
  return type === 'TEXT' ? '图中文字' : elementTypeLabel(type);
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatSeconds(s: number | undefined): string {
  if (s === undefined) return '—';
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
}
