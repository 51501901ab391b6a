/**
 * The lawful-basis decision: one pure function of (actor, child facts, consents and notices on
 * file, purpose, act, fields, date). No clock, no I/O; the API, the CLI dry run and the console
 * simulator all call it, and the server ledgers every answer. Checks run in this order, and the
 * first four stop at the first refusal (an out-of-jurisdiction child "does not exist"):
 *   1 第十五条 forbidden purpose   2 jurisdiction   3 role   4 org type / act / recipient
 *   5 lawful basis (statutory duty, deletion, or consent per 第十二、十三条)   6 minimum fields.
 */
import { errors } from '../errors.ts';
import type { FieldKey } from '../fields/field-catalogue.ts';
import { PROCESSING_ACTS, type ProcessingAct } from '../ledger/acts.ts';
import { ORG_TYPES } from '../orgs/org-types.ts';
import { can, ROLES, type Permission } from '../orgs/roles.ts';
import { PURPOSE_CODES } from '../purposes/purpose-codes.ts';
import { CLAUSES } from './clauses.ts';
import { decisionInputProblems } from './decision-input.ts';
import type { Basis, Decision, DecisionInput, Reason, ReasonCode } from './decision-types.ts';
import { consentBasis } from './decide-consent.ts';
import { stripReason } from './field-strip.ts';
import { ageBand, hasReachedAge, type AgeBand } from './age.ts';
import { isWithinJurisdiction } from './jurisdiction.ts';
import { actsFor, isOrgTypeAllowedFor, minimumFields, purposeDefinition, statutoryDutyFor } from './purpose-rules.ts';
import { PURPOSES_CATALOGUE } from './purposes-catalogue.ts';

/** Which account permission each act needs (orgs/roles.ts; 未成年人网络保护条例 第三十六条 最小授权). */
export const ACT_PERMISSIONS: Readonly<Record<ProcessingAct, Permission>> = Object.freeze({
  use: 'child.read',
  collect: 'child.write',
  store: 'child.write',
  process: 'child.write',
  delete: 'child.write',
  transmit: 'child.export',
  provide: 'child.export',
  disclose: 'child.export',
});

const reason = (code: ReasonCode, clause: string, message: string): Reason => Object.freeze({ code, clause, message });

function freezeDecision(allowed: boolean, basis: Basis | null, allowedFields: readonly FieldKey[], strippedFields: readonly FieldKey[], band: AgeBand | null, reasons: readonly Reason[]): Decision {
  return Object.freeze({
    allowed,
    basis,
    allowedFields: Object.freeze([...(allowed ? allowedFields : [])]),
    strippedFields: Object.freeze([...strippedFields]),
    ageBand: band,
    reasons: Object.freeze([...reasons]),
  });
}

const deny = (reasons: readonly Reason[], band: AgeBand | null = null): Decision => freezeDecision(false, null, [], [], band, reasons);

/** Decides whether `input.act` may happen; throws HUTONG_VALIDATION when the input is malformed. */
export function decide(input: DecisionInput): Decision {
  const problems = decisionInputProblems(input);
  if (problems.length) throw errors.validation(problems);
  const { actor, child, purpose, act, date } = input;
  const cat = input.catalogue ?? PURPOSES_CATALOGUE;
  const def = purposeDefinition(purpose, cat);
  const purposeLabel = `“${PURPOSE_CODES[purpose]}”`;
  const actLabel = `“${PROCESSING_ACTS[act]}”`;

  // 1. 第十五条: whatever consent exists.
  if (def.forbidden) {
    return deny([reason('forbidden_purpose', CLAUSES.m15, `不得利用困境儿童个人信息进行${purposeLabel}，无论是否取得同意，一律拒绝`)]);
  }
  // 2. Outside the jurisdiction the child does not exist for this actor (the server answers 404).
  if (!isWithinJurisdiction(actor.regionCode, child.regionCode)) {
    return deny([reason('out_of_jurisdiction', CLAUSES.reg36, `儿童不在操作方的管辖范围（${actor.regionCode}）内，不得处理其个人信息`)]);
  }
  // 3. The account's role must carry the permission for the act.
  if (!can(actor.role, ACT_PERMISSIONS[act])) {
    return deny([reason('role_not_permitted', CLAUSES.reg36, `角色“${ROLES[actor.role]}”无权进行${actLabel}：工作人员按最小授权原则访问儿童信息`)]);
  }
  // 4. The purpose names who may use it and for which acts.
  if (!isOrgTypeAllowedFor(purpose, actor.orgType, cat)) {
    const allowed = def.orgTypes.map((t) => ORG_TYPES[t]).join('、');
    return deny([reason('org_type_not_allowed', CLAUSES[def.clauses[0]!], `${ORG_TYPES[actor.orgType]}不得以${purposeLabel}为目的处理困境儿童个人信息（可用于：${allowed}）`)]);
  }
  if (!actsFor(purpose, actor.orgType, cat).includes(act)) {
    const clause = def.actRefusals[act] ?? (act === 'disclose' ? 'pipl25' : 'pipl6');
    return deny([reason('act_not_in_purpose', CLAUSES[clause], `${ORG_TYPES[actor.orgType]}为${purposeLabel}不得进行${actLabel}`)]);
  }
  const recipient = act === 'provide' ? input.recipient : { orgType: actor.orgType, ...(actor.orgId !== undefined ? { orgId: actor.orgId } : {}) };
  if (!recipient) {
    return deny([reason('recipient_missing', CLAUSES.pipl23, '向其他机构提供儿童个人信息，须指明接收方，并告知接收方的名称、联系方式、处理目的和个人信息的种类')]);
  }
  if (act === 'provide' && !isOrgTypeAllowedFor(purpose, recipient.orgType, cat)) {
    return deny([reason('recipient_not_allowed', CLAUSES.pipl23, `接收方${ORG_TYPES[recipient.orgType]}不得以${purposeLabel}为目的处理，接收方应当在原处理目的范围内处理`)]);
  }

  // 5. Retention (个人信息保护法 第十九、四十七条): once the purpose has ended for this child,
  //    only deletion (and, where a law sets a period, storage) remains.
  const band = ageBand(child.birthDate, date);
  const ended = child.endedPurposes?.includes(purpose) || (def.retention.until.includes('age_18') && hasReachedAge(child.birthDate, date, 18));
  if (ended && act !== 'delete' && !(def.retention.byLaw && act === 'store')) {
    const why = child.endedPurposes?.includes(purpose) ? `该儿童的${purposeLabel}已经结束` : '儿童已满十八周岁，不再属于困境儿童保护的范围';
    return deny([reason('retention_ended', CLAUSES.pipl47, `${why}，处理目的已实现，应当停止${actLabel}并删除其个人信息${def.retention.byLaw ? '（法律、行政法规规定的保存期限未届满的，仅存储并采取安全保护措施）' : ''}`)], band);
  }
  const reasons: Reason[] = [];
  let basis: Basis | null;
  const duty = statutoryDutyFor(purpose, actor.orgType, act, cat);
  if (act === 'delete') {
    basis = Object.freeze({ kind: 'deletion', clauses: Object.freeze([CLAUSES.pipl47]) });
    reasons.push(reason('basis_deletion', CLAUSES.pipl47, '删除无需取得同意：处理目的已实现、同意撤回或保存期限届满时，处理者应当主动删除'));
  } else if (duty) {
    basis = Object.freeze({ kind: 'statutory', clauses: Object.freeze(duty.clauses.map((c) => CLAUSES[c])) });
    reasons.push(reason('basis_statutory', CLAUSES.pipl13_1_3, `${ORG_TYPES[actor.orgType]}为${purposeLabel}进行${actLabel}属于履行法定职责所必需，依法无需取得个人同意（第十三条第二款），但不得超出履行法定职责所必需的范围和限度（第三十四条），并应依照第三十五条履行告知义务（告知将妨碍履行法定职责的除外）`));
    const own = duty.clauses.find((c) => !c.startsWith('pipl'));
    if (own) reasons.push(reason('basis_statutory', CLAUSES[own], duty.message));
  } else {
    const r = consentBasis(input, band, def.publication, recipient);
    basis = r.basis;
    reasons.push(...r.reasons);
  }

  // 6. Minimum necessary fields (deletion may touch any field: it only ever reduces what is held).
  const requested = [...new Set(input.fields ?? minimumFields(purpose, actor.orgType, act, cat))];
  const own = act === 'delete' ? null : new Set(minimumFields(purpose, actor.orgType, act, cat));
  const theirs = act === 'provide' ? new Set(minimumFields(purpose, recipient.orgType, 'use', cat)) : null;
  const kept: FieldKey[] = [], stripped: FieldKey[] = [];
  for (const f of requested) {
    if (own && !own.has(f)) {
      stripped.push(f);
      reasons.push(stripReason(f, { purpose, act, orgType: actor.orgType, asRecipient: false }));
    } else if (theirs && !theirs.has(f)) {
      stripped.push(f);
      reasons.push(stripReason(f, { purpose, act, orgType: recipient.orgType, asRecipient: true }));
    } else kept.push(f);
  }
  if (basis && requested.length > 0 && kept.length === 0) {
    basis = null;
    reasons.push(reason('no_fields_left', CLAUSES.pipl6, `所请求的字段均不属于${purposeLabel}所必需的最小范围，本次${actLabel}不予进行`));
  }
  return freezeDecision(basis !== null, basis, kept, stripped, band, reasons);
}
