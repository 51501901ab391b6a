/**
 * 第十二、十三条 for one linked child: whose publicity consent the law requires on the date (the
 * age rule lives in basis/consent-needs.ts, the coverage rule in basis/consent-match.ts; both are
 * reused here), and whether a consent on file covers this submitter, with the notice of the
 * necessity and the impact (第十三条 事先告知必要性以及对个人权益的影响).
 */
import { ageBand, firstDayOfAge, fullYearsOfAge, type AgeBand } from '../basis/age.ts';
import { CLAUSES } from '../basis/clauses.ts';
import { findCoveringConsent } from '../basis/consent-match.ts';
import { consentRequirement, type ConsentNeed } from '../basis/consent-needs.ts';
import { CONSENT_GIVERS } from '../basis/consent-types.ts';
import type { IsoDate } from '../basis/iso-date.ts';
import type { ChildConsentStatus, ConsentNeedStatus, LinkedChild, PublicationCheck, PublicationInput } from './publication-types.ts';

function ageText(child: LinkedChild, date: IsoDate, band: AgeBand): string {
  const years = fullYearsOfAge(child.birthDate, date);
  if (band === 'under14') return `于 ${date} 未满十四周岁（${years} 周岁，${firstDayOfAge(child.birthDate, 14)} 起年满十四周岁）`;
  if (band === 'from14') return `于 ${date} 已满十四周岁（${years} 周岁）${child.canExpressWill ? '' : '，因身心健康等原因没有表达意愿的能力'}`;
  return `于 ${date} 已满十八周岁`;
}

/** The article a missing consent is refused under: the age rule for the guardian, 第十三条 for the child. */
function missingClause(need: ConsentNeed, band: AgeBand, canExpressWill: boolean): string {
  if (need.by === 'child') return CLAUSES.m13;
  if (band === 'under14') return CLAUSES.m12_2;
  return canExpressWill ? CLAUSES.m13 : CLAUSES.m12_3;
}

function missingMessage(need: ConsentNeed, who: string, band: AgeBand, canExpressWill: boolean): string {
  if (need.by === 'child') return `${who}：发布涉及其特定身份的内容，应当事先告知必要性以及对个人权益的影响，并征得儿童本人同意；监护人的同意不能代替`;
  if (band === 'under14') return `${who}：处理不满十四周岁困境儿童的个人信息应当取得其父母或者其他监护人同意，发布前还应当事先告知必要性以及对个人权益的影响`;
  if (!canExpressWill) return `${who}：儿童没有表达意愿的能力，应当征得其父母或者其他监护人同意，并事先告知必要性以及对个人权益的影响`;
  return `${who}：发布涉及困境儿童特定身份的内容，除儿童本人外还应当征得其父母或者其他监护人同意，并事先告知必要性以及对个人权益的影响`;
}

export interface ChildConsentOutcome {
  readonly status: ChildConsentStatus;
  readonly checks: readonly PublicationCheck[];
}

export function childPublicityConsent(child: LinkedChild, input: Pick<PublicationInput, 'date' | 'submitter'>): ChildConsentOutcome {
  const band = ageBand(child.birthDate, input.date);
  const req = consentRequirement(band, child.canExpressWill, true);
  const ctx = { purpose: 'publicity' as const, date: input.date, recipient: input.submitter };
  const who = `儿童 ${child.ref} ${ageText(child, input.date, band)}`;
  const needs: ConsentNeedStatus[] = [];
  const checks: PublicationCheck[] = [];
  for (const need of req.needs) {
    const found = findCoveringConsent(child.consents, need, ctx);
    if (found.ok) {
      needs.push(Object.freeze({ by: need.by, satisfied: true, ...(found.consent.id !== undefined ? { consentId: found.consent.id } : {}) }));
      checks.push(Object.freeze({
        code: 'consent_on_file', severity: 'info', clause: CLAUSES.m13, childRef: child.ref,
        message: `儿童 ${child.ref}：已取得${CONSENT_GIVERS[need.by]}于 ${found.consent.date} 作出的发布同意，并已事先告知必要性以及对个人权益的影响`,
      }) as PublicationCheck);
      continue;
    }
    needs.push(Object.freeze({ by: need.by, satisfied: false }));
    const noticeMiss = found.misses.find((m) => m.code === 'notice_missing');
    if (noticeMiss) {
      checks.push(Object.freeze({
        code: 'notice_missing', severity: 'consent', clause: CLAUSES.m13, childRef: child.ref,
        message: `儿童 ${child.ref}：${noticeMiss.message}；发布前应当事先告知必要性以及对个人权益的影响，请补充告知并重新取得同意`,
      }) as PublicationCheck);
      continue;
    }
    const other = found.misses[0];
    checks.push(Object.freeze({
      code: need.by === 'child' ? 'child_consent_missing' : 'guardian_consent_missing', severity: 'consent',
      clause: missingClause(need, band, child.canExpressWill), childRef: child.ref,
      message: `${missingMessage(need, who, band, child.canExpressWill)}；${other ? `在案同意不覆盖本次发布：${other.message}` : `未找到${CONSENT_GIVERS[need.by]}对“宣传报道/发布”的同意`}`,
    }) as PublicationCheck);
  }
  const status: ChildConsentStatus = Object.freeze({ ref: child.ref, ageBand: band, needs: Object.freeze(needs), consented: needs.every((n) => n.satisfied) });
  return Object.freeze({ status, checks: Object.freeze(checks) });
}
