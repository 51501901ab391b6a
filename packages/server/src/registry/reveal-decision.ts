import { decide, errors, FIELD_CATALOGUE, FIELD_KEYS, PURPOSE_CODES, type ChildCategory, type Decision, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { basisFactsFor } from '../consent/consent-records.ts';
import { openChildKey, openField } from './child-cipher.ts';
import type { ChildRow } from './children.repo.ts';
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
 * identifying fields for this purpose today, and which. Reading the birth date and categories to
 * ask is itself a 使用, so they join `read`.
 */
export type RevealRow = Pick<ChildRow, 'id' | 'region_code' | 'data_key_wrapped' | 'master_key_version' | 'fields_enc'>;

export async function decideReveal(ctx: AppContext, actor: Actor, row: RevealRow, purpose: PurposeCode, read: Set<string>): Promise<RevealOutcome> {
  const cipher = openChildKey(ctx.keyring, row.id, row.data_key_wrapped!, row.master_key_version!);
  const birthDate = openField(cipher, 'children', row.id, row.fields_enc, 'birthDate')!;
  const categories = JSON.parse(openField(cipher, 'children', row.id, row.fields_enc, 'categories') ?? '[]') as ChildCategory[];
  read.add('birthDate').add('categories');
  const facts = await basisFactsFor(ctx.db, row.id);
  const decision = decide({
    date: today(),
    actor: { orgType: actor.orgType!, ...(actor.orgId ? { orgId: actor.orgId } : {}), role: actor.role, regionCode: actor.jurisdiction },
    // No field records inability to express a will yet; the console will add it with the consent screens.
    child: { birthDate, regionCode: row.region_code, categories, canExpressWill: true },
    consents: facts.consents,
    guardianNotices: facts.guardianNotices,
    purpose,
    act: 'use',
    fields: ENCRYPTED,
  });
  const basisReason = decision.reasons.find((r) => r.code.startsWith('basis_'));
  const basis = decision.basis;
  const basisRef = !basis ? '' : basis.kind === 'consent' ? `consent:${basis.consentIds.join(',')}` : basis.clauses.join('；');
  return {
    decision,
    basisRef,
    dto: {
      purpose, purposeLabel: PURPOSE_CODES[purpose],
      article: basisReason?.clause ?? '',
      message: `${basisReason?.message ?? ''}${decision.strippedFields.length ? `；超出该目的最小必要范围的字段仍脱敏：${decision.strippedFields.map((f) => FIELD_CATALOGUE[f].label).join('、')}` : ''}。本次查阅已记入处理台账`,
      strippedFields: [...decision.strippedFields],
    },
  };
}

/** The first reason that explains a refusal, as a 403 citing its article. */
export function refusal(decision: Decision) {
  const r = decision.reasons.find((x) => !x.code.startsWith('basis_') && x.code !== 'field_stripped') ?? decision.reasons[0]!;
  return { code: r.code, error: errors.forbidden(r.message, r.clause) };
}
