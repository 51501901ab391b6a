/**
 * The consent branch of the decision (第十二、十三条): finds, for each person whose consent the
 * law requires on the date of the act, a consent on file that covers it, and for a child of 14 or
 * over the guardian notice. Every finding, for or against, becomes a reason citing its article.
 */
import { PURPOSE_CODES } from '../purposes/purpose-codes.ts';
import { firstDayOfAge, fullYearsOfAge, type AgeBand } from './age.ts';
import { CLAUSES } from './clauses.ts';
import { findCoveringConsent, findGuardianNotice, type CoverageContext } from './consent-match.ts';
import { consentRequirement, type ConsentNeed } from './consent-needs.ts';
import { CONSENT_GIVERS, type ConsentGiver } from './consent-types.ts';
import type { Basis, DecisionInput, DecisionRecipient, Reason, ReasonCode } from './decision-types.ts';

const reason = (code: ReasonCode, clause: string, message: string): Reason => Object.freeze({ code, clause, message });

function ageText(input: DecisionInput, band: AgeBand): string {
  const years = fullYearsOfAge(input.child.birthDate, input.date);
  if (band === 'under14') return `儿童于处理日期 ${input.date} 未满十四周岁（${years} 周岁，${firstDayOfAge(input.child.birthDate, 14)} 起年满十四周岁）`;
  if (band === 'from14') return `儿童于处理日期 ${input.date} 已满十四周岁（${years} 周岁）`;
  return `当事人于处理日期 ${input.date} 已满十八周岁`;
}

function requirementText(need: ConsentNeed, input: DecisionInput, age: string): string {
  const purpose = `“${PURPOSE_CODES[input.purpose]}”`;
  if (need.clause === 'm13') {
    const who = need.by === 'child' ? '儿童本人' : '其父母或者其他监护人';
    return `${age}；发布涉及困境儿童特定身份的内容（${purpose}），应当事先告知必要性以及对个人权益的影响，并征得${who}同意`;
  }
  if (need.clause === 'm12_2') return `${age}：处理不满十四周岁困境儿童的个人信息，应当取得其父母或者其他监护人同意`;
  if (need.clause === 'm12_3' && need.by === 'child') return `${age}：处理年满十四周岁困境儿童的个人信息，应当取得儿童本人同意`;
  if (need.clause === 'm12_3') return `${age}，且因身心健康等原因没有表达意愿的能力：还应当征得其父母或者其他监护人同意`;
  return `${age}：应当取得${need.by === 'child' ? '本人' : '其监护人'}同意`;
}

export interface ConsentOutcome {
  readonly basis: Basis | null;
  readonly reasons: readonly Reason[];
}

export function consentBasis(input: DecisionInput, band: AgeBand, publication: boolean, recipient: DecisionRecipient): ConsentOutcome {
  const req = consentRequirement(band, input.child.canExpressWill, publication);
  const ctx: CoverageContext = { purpose: input.purpose, date: input.date, recipient };
  const age = ageText(input, band);
  const reasons: Reason[] = [];
  const indexes: number[] = [], ids: string[] = [], by: ConsentGiver[] = [];
  let ok = true;

  for (const need of req.needs) {
    const found = findCoveringConsent(input.consents, need, ctx);
    const clause = CLAUSES[need.clause];
    if (found.ok) {
      indexes.push(found.index);
      if (found.consent.id !== undefined) ids.push(found.consent.id);
      by.push(need.by);
      const notice = need.notice ? '，并已事先告知必要性及对个人权益的影响' : '';
      reasons.push(reason('basis_consent', clause, `${requirementText(need, input, age)}；已取得${CONSENT_GIVERS[need.by]}于 ${found.consent.date} 作出的同意${notice}`));
      continue;
    }
    ok = false;
    reasons.push(reason('consent_missing', clause, `${requirementText(need, input, age)}；未找到覆盖本次处理（目的、接收方、日期）的有效同意`));
    reasons.push(...found.misses);
    // A consent by the other person that would have covered the act does not stand in for this one.
    const other: ConsentGiver = need.by === 'guardian' ? 'child' : 'guardian';
    if (findCoveringConsent(input.consents, { by: other, notice: need.notice, clause: need.clause }, ctx).ok && need.clause !== 'm13') {
      reasons.push(reason('child_consent_insufficient', clause, other === 'child'
        ? '儿童本人的同意不能代替监护人的同意'
        : '已满十四周岁且能够表达意愿的儿童应当本人同意，监护人的同意不能代替'));
    }
  }

  if (req.guardianNotice) {
    const notice = findGuardianNotice(input.guardianNotices, input.purpose, input.date);
    const guardianConsent = findCoveringConsent(input.consents, { by: 'guardian', notice: false, clause: 'm12_3' }, ctx);
    if (notice) {
      reasons.push(reason('guardian_notified', CLAUSES.m12_3, `已于 ${notice.date} 以明确方式告知儿童的父母或者其他监护人`));
    } else if (guardianConsent.ok) {
      reasons.push(reason('guardian_notified', CLAUSES.m12_3, `监护人已于 ${guardianConsent.consent.date} 同意本次处理，视为已告知监护人`));
    } else {
      ok = false;
      const later = input.guardianNotices.find((n) => n.date > input.date);
      const hint = later ? `（已有的告知记录日期 ${later.date} 晚于处理日期）` : '';
      reasons.push(reason('guardian_notice_missing', CLAUSES.m12_3, `处理年满十四周岁困境儿童的个人信息，还应当以明确方式告知其父母或者其他监护人；未找到 ${input.date} 当日或之前的告知记录${hint}`));
    }
  }

  const basis: Basis | null = ok
    ? Object.freeze({ kind: 'consent', consentIndexes: Object.freeze(indexes), consentIds: Object.freeze(ids), by: Object.freeze(by) })
    : null;
  return Object.freeze({ basis, reasons: Object.freeze(reasons) });
}
