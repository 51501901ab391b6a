import { CLAUSES, decideAcrossPurposes, FIELD_CATALOGUE, HutongError, PURPOSE_CODES, type ChildCategory, type CombinedDecision, type ConsentRecord, type Decision, type FieldKey, type GuardianNotice, type ProcessingAct, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import { decisionActor } from '../policy/decision.ts';
import type { Actor } from '../shared/http/actor.ts';
import { basisFactsFor } from '../consent/consent-records.ts';
import { openChildKey, openField } from './child-cipher.ts';
import type { ChildRow } from './children.repo.ts';
import { today } from './registry.service.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { processingRecord } from './registry.ledger.ts';

/** What the lawful-basis decision needs to know about a child (packages/core DecisionChild). */
export interface ChildFacts {
  birthDate: string;
  regionCode: string;
  categories: ChildCategory[];
  canExpressWill: boolean;
}

export type FactsRow = Pick<ChildRow, 'id' | 'region_code' | 'data_key_wrapped' | 'master_key_version' | 'fields_enc' | 'can_express_will'>;

/** Reading the birth date and categories to decide is itself a 使用: they join `read`. */
export function factsOfRow(ctx: AppContext, row: FactsRow, read: Set<string>): ChildFacts {
  const cipher = openChildKey(ctx.keyring, row.id, row.data_key_wrapped!, row.master_key_version!);
  read.add('birthDate').add('categories');
  return {
    birthDate: openField(cipher, 'children', row.id, row.fields_enc, 'birthDate')!,
    regionCode: row.region_code,
    categories: JSON.parse(openField(cipher, 'children', row.id, row.fields_enc, 'categories') ?? '[]') as ChildCategory[],
    canExpressWill: row.can_express_will,
  };
}

export interface OnFile { consents: ConsentRecord[]; guardianNotices: GuardianNotice[]; endedPurposes?: PurposeCode[] }

/**
 * The decision for one act on one child by this actor today, across the purposes the actor may
 * rely on (or only `purpose` when named), against the catalogue in force.
 */
export async function decideOnChild(
  ctx: AppContext, actor: Actor, childId: string | null, facts: ChildFacts,
  req: { act: ProcessingAct; fields: readonly FieldKey[]; purpose?: PurposeCode | undefined; onFile?: OnFile },
): Promise<CombinedDecision> {
  const onFile = req.onFile ?? (childId ? await basisFactsFor(ctx.db, childId) : { consents: [], guardianNotices: [] });
  return decideAcrossPurposes({
    date: today(),
    actor: decisionActor(actor),
    child: { ...facts, endedPurposes: onFile.endedPurposes ?? [] },
    consents: onFile.consents,
    guardianNotices: onFile.guardianNotices,
    act: req.act,
    fields: req.fields,
    catalogue: ctx.purposes.current(),
  }, req.purpose ? [req.purpose] : undefined);
}

/** For the ledger's basis column: per purpose, the clauses or the consent ids relied on. */
export function basisRef(d: Decision | null): string {
  const b = d?.basis;
  if (!b) return '';
  return b.kind === 'consent' ? `consent:${b.consentIds.join(',')}` : b.clauses.join('；');
}

export function combinedBasis(c: CombinedDecision): { purpose: string | null; basis: string } {
  return {
    purpose: c.used.map((u) => u.purpose).join(',') || null,
    basis: c.used.map((u) => `${u.purpose}=${basisRef(u.decision)}`).join(' | '),
  };
}

/** The ledger reason of a refusal: the stable code and the article. */
export function refusalReason(c: CombinedDecision): string {
  const r = c.reasons[0];
  return r ? `${r.code}:${r.clause}` : 'no_basis';
}

/**
 * A write that would store fields no purpose covers is refused whole (nothing is written), naming
 * each field and the article: silently dropping what an officer typed would lose data unseen.
 */
export function noBasisError(c: CombinedDecision, act: string, partial = false): HutongError {
  const first = c.reasons[0];
  // A whole new record without a basis has no single field at fault; an edit names what it sent.
  const fields = c.allowed || partial ? c.strippedFields.map((f) => ({ field: f, message: c.reasons.find((r) => r.field === f)?.message ?? first?.message ?? '没有可依据的处理目的涵盖该字段' })) : [];
  const message = c.allowed
    ? `以下信息没有合法性基础，不能${act}：${c.strippedFields.map((f) => FIELD_CATALOGUE[f].label).join('、')}。如需处理，请先取得相应目的的同意（第十二条）或选择有依据的处理目的`
    : `没有合法性基础，不能${act}：${first?.message ?? '本机构没有可依据的处理目的'}`;
  return new HutongError(403, 'HUTONG_NO_LAWFUL_BASIS', message, { fields, article: first?.clause ?? CLAUSES.pipl6 });
}

export const purposeLabel = (p: PurposeCode) => PURPOSE_CODES[p];

/**
 * For writes: decide, and when any field lacks a basis ledger the refusal and throw before
 * anything is written. Returns the decision to ledger alongside the change.
 */
export async function requireBasis(
  ctx: AppContext, actor: Actor, child: { id: string; ownerOrgId: string }, facts: ChildFacts,
  req: { act: ProcessingAct; fields: readonly FieldKey[]; purpose?: PurposeCode | undefined }, verb: string,
): Promise<CombinedDecision> {
  const decision = await decideOnChild(ctx, actor, child.id, facts, req);
  if (!decision.allowed || decision.strippedFields.length) {
    await appendLedger(ctx.db, processingRecord(actor, { act: req.act, accountableOrgId: child.ownerOrgId, purpose: req.purpose ?? null, childIds: [child.id], fields: req.fields, outcome: 'denied', reason: refusalReason(decision) }));
    throw noBasisError(decision, verb, true);
  }
  return decision;
}

/** 收集 of a new record (registration, import, demo): the same decision, with the consents in hand. */
export function decideCollect(ctx: AppContext, actor: Actor, value: { birthDate: string; regionCode: string; categories: ChildCategory[]; canExpressWill?: boolean }, fields: readonly FieldKey[], consents: ConsentRecord[] = [], purpose?: PurposeCode): CombinedDecision {
  return decideAcrossPurposes({
    date: today(),
    actor: decisionActor(actor),
    child: { birthDate: value.birthDate, regionCode: value.regionCode, categories: value.categories, canExpressWill: value.canExpressWill !== false },
    consents, guardianNotices: [], act: 'collect', fields, catalogue: ctx.purposes.current(),
  }, purpose ? [purpose] : undefined);
}
