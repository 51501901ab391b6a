import {
  ACTIVITY_ORG_TYPES, CLAUSES, FIELD_CATALOGUE, minimumFields, ORG_TYPES, parseIsoDate, stripReason,
  type FieldKey, type FieldProblem, type OrgType, type PurposeCode, type PurposesCatalogue,
} from '@hutong/core';

/**
 * The rules on what may be asked for and for how long, as pure functions returning every
 * problem at once (the form shows them all). Whether a given child may be released on a given
 * day is the lawful-basis decision's job, asked again at each release.
 */

/** Fields beyond the requester's minimum for 使用 under the purpose, each with the article at stake. */
export function fieldProblems(purpose: PurposeCode, orgType: OrgType, fields: readonly FieldKey[], catalogue: PurposesCatalogue, path = 'fields'): FieldProblem[] {
  const minimum = new Set(minimumFields(purpose, orgType, 'use', catalogue));
  return fields.filter((f) => !minimum.has(f)).map((f) => {
    const r = stripReason(f, { purpose, act: 'use', orgType, asRecipient: false });
    const why = r.message.replace(/^已去除“[^”]*”（[^）]*）：/u, '');
    return { field: path, message: `不能申请“${FIELD_CATALOGUE[f].label}”（${f}）：${why}（${r.clause}）` };
  });
}

/** The same calendar day a year later (29 February → 28 February). */
export function oneYearAfter(iso: string): string {
  const d = parseIsoDate(iso)!;
  const day = d.month === 2 && d.day === 29 ? 28 : d.day;
  return `${String(d.year + 1).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const isActivityOrg = (t: OrgType) => ACTIVITY_ORG_TYPES.includes(t);

export function periodProblems(p: { startsOn: string; endsOn: string; activityEndsOn?: string | undefined; orgType: OrgType; today: string }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (p.endsOn < p.startsOn) out.push({ field: 'endsOn', message: `截止日期 ${p.endsOn} 不能早于开始日期 ${p.startsOn}` });
  else if (p.endsOn > oneYearAfter(p.startsOn)) {
    out.push({ field: 'endsOn', message: `共享期限不能超过一年（最迟至 ${oneYearAfter(p.startsOn)}）：处理期限应当为实现目的所必要的最短时间，期满可重新申请（${CLAUSES.pipl19}）` });
  }
  if (p.endsOn < p.today) out.push({ field: 'endsOn', message: `截止日期 ${p.endsOn} 已过` });
  if (isActivityOrg(p.orgType) && !p.activityEndsOn) {
    out.push({ field: 'activityEndsOn', message: `${ORG_TYPES[p.orgType]}开展活动期间处理困境儿童个人信息，应当限于活动所必需的范围，共享以活动期间为限：请填写活动结束日期（${CLAUSES.m10}）` });
  }
  if (p.activityEndsOn && p.activityEndsOn < p.startsOn) out.push({ field: 'activityEndsOn', message: `活动结束日期 ${p.activityEndsOn} 不能早于共享开始日期 ${p.startsOn}` });
  if (p.activityEndsOn && p.endsOn > p.activityEndsOn) {
    out.push({ field: 'endsOn', message: `共享截止日期 ${p.endsOn} 不能晚于活动结束日期 ${p.activityEndsOn}：活动结束后不得继续处理（${CLAUSES.m10}）` });
  }
  return out;
}
