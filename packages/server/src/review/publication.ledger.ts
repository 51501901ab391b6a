import type { Actor } from '../shared/http/actor.ts';
import type { LedgerRecord } from '../ledger/ledger-append.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { SYSTEM_ACTOR } from '../auth/admin-audit.ts';

export type PublicationAct = 'publication_submit' | 'publication_adjust' | 'publication_approve' | 'publication_return' | 'publication_draft_destroy';

/**
 * A publication's lifecycle in the ledger (第四条 谁处理谁负责): who submitted, adjusted, approved or
 * returned it. The reason carries ids, counts and hashes only; titles, words and notes stay in
 * the publication's sealed record.
 */
export function publicationRecord(actor: Actor, act: PublicationAct, r: { publicationId: string; outcome?: 'succeeded' | 'denied'; childIds?: readonly string[]; detail?: string }): LedgerRecord {
  return {
    category: 'admin',
    act,
    actorUserId: actor.via === 'cli' ? `cli:${actor.username}` : actor.userId,
    actorOrgId: actor.orgId,
    purpose: 'publicity',
    childIds: r.childIds ?? [],
    requestId: actor.requestId,
    outcome: r.outcome ?? 'succeeded',
    reason: `publication:${r.publicationId}${r.detail ? `;${r.detail}` : ''}`,
  };
}

/** 公开 of a linked child (第四条): the approved version's SM3 manifest, and the consents relied on. */
export function discloseRecord(actor: Actor, r: { publicationId: string; childId: string; ownerOrgId: string; manifestSm3: string; consentIds: readonly string[] }): LedgerRecord {
  return processingRecord(actor, {
    act: 'disclose', accountableOrgId: r.ownerOrgId, purpose: 'publicity', childIds: [r.childId], fields: [],
    basis: `consent:${r.consentIds.join(',')}`, outcome: 'allowed',
    reason: `publication:${r.publicationId};sm3:${r.manifestSm3}`,
  });
}

/** A draft destroyed by the platform when its keeping period ended: nobody acted, the rule did. */
export function draftDestroyedRecord(publicationId: string, childIds: readonly string[], keptDays: number): LedgerRecord {
  return {
    category: 'admin', act: 'publication_draft_destroy', actorUserId: SYSTEM_ACTOR, actorOrgId: null, purpose: 'publicity',
    childIds, outcome: 'succeeded', reason: `publication:${publicationId};kept_days:${keptDays}`,
  };
}
