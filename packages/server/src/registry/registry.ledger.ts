import type { Actor } from '../shared/http/actor.ts';
import type { LedgerRecord } from '../ledger/ledger-append.ts';

/** The ledger record of an act on children's data by this actor (第四条: who, for whom, why). */
export function processingRecord(actor: Actor, r: Omit<LedgerRecord, 'category' | 'actorUserId' | 'actorOrgId' | 'requestId'>): LedgerRecord {
  return {
    category: 'processing',
    actorUserId: actor.via === 'cli' ? `cli:${actor.username}` : actor.userId,
    actorOrgId: actor.orgId,
    requestId: actor.requestId,
    ...r,
  };
}

/** 谁主管谁负责: collecting by the owning org rests on its statutory duty until consent rules apply. */
export const DUTY_BASIS = '履行法定职责（《个人信息保护法》第十三条第一款第三项；《困境儿童个人信息保护工作办法》第七条）';
