import { errors, FIELD_CATALOGUE, FIELD_KEYS, PURPOSE_CODES, type Decision, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { basisFactsFor } from '../consent/consent-records.ts';
import { decideFor, decisionActor } from '../policy/decision.ts';
import { basisRef as basisRefOf, type ChildFacts } from './child-decision.ts';
import { today } from './registry.service.ts';

const ENCRYPTED = FIELD_KEYS.filter((k) => FIELD_CATALOGUE[k].encrypted);

export interface RevealOutcome {
  decision: Decision;
  /** For the ledger's basis column: the clauses or the consent ids relied on. */
  basisRef: string;
  dto: { purpose: string; purposeLabel: string; article: string; message: string; strippedFields: string[] };
}

/**
 * Asks the lawful-basis decision (packages/core) whether this actor may see this child's
 * identifying fields for this named purpose today, and which.
 */
export async function decideReveal(ctx: AppContext, actor: Actor, row: { id: string }, child: ChildFacts, purpose: PurposeCode): Promise<RevealOutcome> {
  const facts = await basisFactsFor(ctx.db, row.id);
  const decision = decideFor(ctx, {
    date: today(),
    actor: decisionActor(actor),
    child: { ...child, endedPurposes: facts.endedPurposes ?? [] },
    consents: facts.consents,
    guardianNotices: facts.guardianNotices,
    purpose,
    act: 'use',
    fields: ENCRYPTED,
  });
  const basisReason = decision.reasons.find((r) => r.code.startsWith('basis_'));
  return {
    decision,
    basisRef: basisRefOf(decision),
    dto: {
      purpose, purposeLabel: PURPOSE_CODES[purpose],
      article: basisReason?.clause ?? '',
      message: `${basisReason?.message ?? ''}${decision.strippedFields.length ? `；超出该目的最小必要范围的字段不予完整显示：${decision.strippedFields.map((f) => FIELD_CATALOGUE[f].label).join('、')}` : ''}。本次查阅已记入处理台账`,
      strippedFields: [...decision.strippedFields],
    },
  };
}

/** The first reason that explains a refusal, as a 403 citing its article. */
export function refusal(decision: Decision) {
  const r = decision.reasons.find((x) => !x.code.startsWith('basis_') && x.code !== 'field_stripped') ?? decision.reasons[0]!;
  return { code: r.code, error: errors.forbidden(r.message, r.clause) };
}
