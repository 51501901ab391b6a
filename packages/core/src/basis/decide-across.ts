/**
 * When the caller names no single purpose (a registry list, an edit of several fields), the
 * record may still rest on several: civil affairs keeps the 档案 under its statutory duty and
 * holds disability details under a separate consent for disability services (第十一条). Each
 * field must be covered by at least one purpose the actor has a basis for today; the rest are
 * stripped with the reason the first candidate gave. Every decision relied on is returned so
 * the server can ledger it.
 */
import type { FieldKey } from '../fields/field-catalogue.ts';
import type { PurposeCode } from '../purposes/purpose-codes.ts';
import { CLAUSES } from './clauses.ts';
import { decide } from './decide.ts';
import type { Decision, DecisionInput, Reason } from './decision-types.ts';
import { candidatePurposes } from './purpose-rules.ts';
import { PURPOSES_CATALOGUE } from './purposes-catalogue.ts';

export interface PurposeDecision {
  readonly purpose: PurposeCode;
  readonly decision: Decision;
}

export interface CombinedDecision {
  readonly allowed: boolean;
  readonly allowedFields: readonly FieldKey[];
  readonly strippedFields: readonly FieldKey[];
  /** The allowing decisions relied on, in the order tried. */
  readonly used: readonly PurposeDecision[];
  /** Why the stripped fields (or the whole act) were refused. */
  readonly reasons: readonly Reason[];
}

export function decideAcrossPurposes(input: Omit<DecisionInput, 'purpose'> & { readonly fields: readonly FieldKey[] }, purposes?: readonly PurposeCode[]): CombinedDecision {
  const candidates = purposes ?? candidatePurposes(input.actor.orgType, input.act, input.catalogue ?? PURPOSES_CATALOGUE);
  const remaining = new Set(input.fields);
  const allowed = new Set<FieldKey>();
  const used: PurposeDecision[] = [];
  const tried: PurposeDecision[] = [];
  for (const purpose of candidates) {
    if (remaining.size === 0 && input.fields.length > 0) break;
    const decision = decide({ ...input, purpose, fields: [...remaining] });
    tried.push({ purpose, decision });
    if (!decision.allowed) continue;
    used.push({ purpose, decision });
    for (const f of decision.allowedFields) { allowed.add(f); remaining.delete(f); }
    if (input.fields.length === 0) break;
  }
  const stripped = input.fields.filter((f) => remaining.has(f));
  const reasons: Reason[] = [];
  if (tried.length === 0) {
    reasons.push({ code: 'org_type_not_allowed', clause: CLAUSES.pipl6, message: '本机构没有可用于此项处理的处理目的' });
  } else if (used.length === 0) {
    const first = tried[0]!.decision.reasons.filter((r) => !r.code.startsWith('basis_'));
    reasons.push(...(first.length ? first : tried[0]!.decision.reasons));
  } else {
    for (const f of stripped) {
      // The purposes relied on explain best why a field is outside them.
      const why = [...used, ...tried].map((t) => t.decision.reasons.find((r) => r.code === 'field_stripped' && r.field === f)).find(Boolean);
      reasons.push(why ?? { code: 'field_stripped', clause: CLAUSES.pipl6, message: `没有可依据的处理目的涵盖该字段`, field: f });
    }
  }
  return Object.freeze({
    allowed: used.length > 0,
    allowedFields: Object.freeze(input.fields.filter((f) => allowed.has(f))),
    strippedFields: Object.freeze(stripped),
    used: Object.freeze(used),
    reasons: Object.freeze(reasons),
  });
}
