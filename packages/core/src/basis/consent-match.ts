/**
 * Whether a consent on file covers this act: the purpose, the recipient and the date (given on or
 * before the act, not withdrawn, not expired), and for publication the notice of 第十三条. When
 * none does, each near miss becomes a reason, so an officer sees what to fix.
 */
import { ORG_TYPES } from '../orgs/org-types.ts';
import { PURPOSE_CODES, type PurposeCode } from '../purposes/purpose-codes.ts';
import { CLAUSES, type ClauseKey } from './clauses.ts';
import { CONSENT_GIVERS, type ConsentRecord, type GuardianNotice } from './consent-types.ts';
import type { ConsentNeed } from './consent-needs.ts';
import type { DecisionRecipient, Reason, ReasonCode } from './decision-types.ts';
import type { IsoDate } from './iso-date.ts';

export interface CoverageContext {
  readonly purpose: PurposeCode;
  readonly date: IsoDate;
  /** Who processes under the consent: the actor, or for 提供 the receiving organisation. */
  readonly recipient: DecisionRecipient;
}

interface Miss {
  readonly code: ReasonCode;
  readonly clause: ClauseKey;
  readonly message: string;
}

function coversRecipient(c: ConsentRecord, r: DecisionRecipient): boolean {
  const types = c.recipientOrgTypes, ids = c.recipientOrgIds;
  if (!types && !ids) return true;
  return (types?.includes(r.orgType) ?? false) || (r.orgId !== undefined && (ids?.includes(r.orgId) ?? false));
}

/** The first reason this consent does not cover the act, or null when it does. */
export function consentMiss(c: ConsentRecord, ctx: CoverageContext, needNotice: boolean): Miss | null {
  const who = `${CONSENT_GIVERS[c.by]}于 ${c.date} 作出的同意`;
  if (!c.purposes.includes(ctx.purpose)) {
    const listed = c.purposes.map((p) => `“${PURPOSE_CODES[p]}”`).join('、') || '（无）';
    return { code: 'consent_other_purpose', clause: 'pipl14_2', message: `${who}只涉及${listed}，不包括“${PURPOSE_CODES[ctx.purpose]}”；处理目的变更应当重新取得同意` };
  }
  if (!coversRecipient(c, ctx.recipient)) {
    const listed = (c.recipientOrgTypes ?? []).map((t) => ORG_TYPES[t]).join('、') || '指定机构';
    return { code: 'consent_other_recipient', clause: 'pipl23', message: `${who}的接收方为${listed}，不包括${ORG_TYPES[ctx.recipient.orgType]}` };
  }
  if (c.date > ctx.date) {
    return { code: 'consent_after_act', clause: 'pipl13_1_1', message: `${who}晚于处理日期 ${ctx.date}；应当在处理前取得同意` };
  }
  if (c.withdrawnOn ? c.withdrawnOn <= ctx.date : c.withdrawn === true) {
    const when = c.withdrawnOn ? `已于 ${c.withdrawnOn} 撤回` : '已撤回';
    return { code: 'consent_withdrawn', clause: 'pipl15', message: `${who}${when}，撤回后不得再据此处理` };
  }
  if (c.expiresOn && c.expiresOn < ctx.date) {
    return { code: 'consent_expired', clause: 'pipl14_1', message: `${who}有效期至 ${c.expiresOn}，处理日期 ${ctx.date} 已超出同意的期限` };
  }
  if (needNotice && c.noticeOfNecessityAndImpact !== true) {
    return { code: 'notice_missing', clause: 'm13', message: `${who}未记录已事先告知发布的必要性以及对儿童个人权益的影响` };
  }
  return null;
}

export type NeedResult =
  | { readonly ok: true; readonly index: number; readonly consent: ConsentRecord }
  | { readonly ok: false; readonly misses: readonly Reason[] };

/** The first consent by the right person that covers the act, or every near miss by that person. */
export function findCoveringConsent(consents: readonly ConsentRecord[], need: ConsentNeed, ctx: CoverageContext): NeedResult {
  const misses: Reason[] = [];
  for (const [index, c] of consents.entries()) {
    if (c.by !== need.by) continue;
    const miss = consentMiss(c, ctx, need.notice);
    if (!miss) return { ok: true, index, consent: c };
    misses.push(Object.freeze({ code: miss.code, clause: CLAUSES[miss.clause], message: miss.message }));
  }
  return { ok: false, misses };
}

/** 第十二条第三款: a notice on or before the act that covers the purpose. */
export function findGuardianNotice(notices: readonly GuardianNotice[], purpose: PurposeCode, date: IsoDate): GuardianNotice | undefined {
  return notices.find((n) => n.date <= date && (!n.purposes || n.purposes.includes(purpose)));
}
