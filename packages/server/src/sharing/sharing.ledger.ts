import type { Actor } from '../shared/http/actor.ts';
import type { LedgerRecord } from '../ledger/ledger-append.ts';

export type LifecycleAct = 'sharing_request' | 'sharing_approve' | 'sharing_refuse' | 'sharing_revoke';

/**
 * An agreement's lifecycle in the ledger (第四条 谁处理谁负责): who asked, who decided, on what
 * assessment. The reason carries ids and digests only; free text stays in the agreement row.
 */
export function lifecycleRecord(actor: Actor, act: LifecycleAct, r: {
  agreementId: string; ownerOrgId: string; purpose: string; fields?: readonly string[]; childIds?: readonly string[]; detail?: string;
}): LedgerRecord {
  return {
    category: 'admin',
    act,
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    accountableOrgId: r.ownerOrgId,
    purpose: r.purpose,
    fields: r.fields ?? [],
    childIds: r.childIds ?? [],
    requestId: actor.requestId,
    outcome: 'succeeded',
    reason: `agreement:${r.agreementId}${r.detail ? `;${r.detail}` : ''}`,
  };
}
