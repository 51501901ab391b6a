import type { ProcessingAct } from '@hutong/core';
import type { Actor } from '../shared/http/actor.ts';
import type { LedgerRecord } from '../ledger/ledger-append.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { INCIDENT_BASIS } from '../registry/incident-child.service.ts';

export type IncidentAct =
  | 'incident_ingest' | 'incident_open' | 'incident_owner_told' | 'incident_notice'
  | 'incident_follow_up' | 'incident_close' | 'incident_breach' | 'incident_letter';

/** Short Chinese for the incident's own timeline (the ledger keeps the act key). */
export const ACT_SUMMARY: Readonly<Record<IncidentAct, string>> = {
  incident_ingest: '导入巡查命中',
  incident_open: '登记泄露事件',
  incident_owner_told: '已告知儿童所属机构',
  incident_notice: '发出删除/更正通知',
  incident_follow_up: '跟进',
  incident_close: '结案',
  incident_breach: '启动个人信息泄露处置',
  incident_letter: '下载函件',
};

const actorId = (actor: Actor) => (actor.via === 'cli' ? `cli:${actor.username}` : actor.userId);

/**
 * An incident's lifecycle in the ledger (第四条 谁处理谁负责): who ingested, told, notified,
 * followed up, closed or reported it, accountable to the child's owning org. The reason carries
 * ids, codes and digests only; recipients' names, notes and breach texts stay in the rows.
 */
export function incidentRecord(actor: Actor, act: IncidentAct, r: { incidentId?: string; childId?: string; ownerOrgId?: string; detail?: string }): LedgerRecord {
  return {
    category: 'admin',
    act,
    actorUserId: actorId(actor),
    actorOrgId: actor.orgId,
    accountableOrgId: r.ownerOrgId ?? null,
    childIds: r.childId ? [r.childId] : [],
    requestId: actor.requestId,
    outcome: 'succeeded',
    reason: [r.incidentId ? `incident:${r.incidentId}` : null, r.detail].filter(Boolean).join(';'),
  };
}

/** A processing act on the child's data in the course of handling (第五条 statutory duty). */
export function incidentUseRecord(actor: Actor, r: { act?: ProcessingAct; childIds: readonly string[]; ownerOrgId: string; fields?: readonly string[]; reason: string }): LedgerRecord {
  return processingRecord(actor, {
    act: r.act ?? 'use', accountableOrgId: r.ownerOrgId, childIds: r.childIds, fields: r.fields ?? [], basis: INCIDENT_BASIS, outcome: 'allowed', reason: r.reason,
  });
}
