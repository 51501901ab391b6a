import { CLAUSES, FIELD_CATALOGUE, type Decision, type FieldKey, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { grantedGuardians, grantedVisits, type GrantChildRow } from '../access/grant-scope.ts';
import { decideFor, decisionActor } from '../policy/decision.ts';
import { basisFactsFor } from '../consent/consent-records.ts';
import { basisRef, factsOfRow } from '../registry/child-decision.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { appendLedgerMany } from '../ledger/ledger-append.ts';
import type { LedgerRecord } from '../ledger/ledger-append.ts';
import type { AgreementRow } from './sharing.queries.ts';
import { grantedValues } from './grant-values.ts';

export interface Withheld { field: string; reason: string; article: string }
export interface ReleasedChild { id: string; fields: Record<string, string | null>; withheld: Withheld[] }

/** Why a refused child is withheld: the reasons that refuse, not those that merely describe. */
function refusalText(d: Decision): { reason: string; article: string } {
  const r = d.reasons.filter((x) => !x.code.startsWith('basis_') && x.code !== 'field_stripped' && x.code !== 'guardian_notified');
  const shown = r.length ? r : d.reasons;
  return { reason: shown.map((x) => x.message).join('；'), article: shown[0]?.clause ?? CLAUSES.pipl23 };
}

/**
 * Releases one page of a grant to a member of the recipient org (提供, 个人信息保护法 第二十三条).
 * The agreement bounds what may go; the lawful-basis decision, asked for each child today as the
 * recipient's own 使用, decides what does go: a withdrawn consent withholds the child at once.
 * Each child's release, or refusal, is its own ledger entry, accountable to the owner.
 */
export async function releaseChildren(ctx: AppContext, actor: Actor, a: AgreementRow, rows: GrantChildRow[], today: string): Promise<ReleasedChild[]> {
  const granted = (a.granted_fields ?? []) as FieldKey[];
  const ids = rows.map((r) => r.id);
  const needs = (owner: string) => granted.some((f) => FIELD_CATALOGUE[f].owner === owner);
  const [guardians, visits] = await Promise.all([
    needs('guardian') ? grantedGuardians(ctx.db, ids) : Promise.resolve([]),
    needs('visit') ? grantedVisits(ctx.db, ids) : Promise.resolve([]),
  ]);
  const items: ReleasedChild[] = [];
  const ledger: LedgerRecord[] = [];
  const reason = `grant:${a.id};recipient:${a.requester_org_id}`;
  for (const row of rows) {
    const decision = await decisionFor(ctx, actor, a.purpose as PurposeCode, granted, row, today);
    const entry = { act: 'provide', accountableOrgId: a.owner_org_id, purpose: a.purpose, childIds: [row.id] };
    if (!decision || !decision.allowed) {
      const why = decision ? refusalText(decision) : { reason: '未登记出生日期，无法判断应当取得谁的同意', article: CLAUSES.m12_2 };
      items.push({ id: row.id, fields: {}, withheld: granted.map((f) => ({ field: f, ...why })) });
      const code = decision?.reasons.find((x) => !x.code.startsWith('basis_'))?.code ?? 'birth_date_missing';
      ledger.push(processingRecord(actor, { ...entry, basis: null, fields: [], outcome: 'denied', reason: `${reason};withheld:${code}` }));
      continue;
    }
    const allowed = granted.filter((f) => decision.allowedFields.includes(f));
    const fields = grantedValues(ctx, row, allowed, guardians.filter((g) => g.child_id === row.id), visits.filter((v) => v.child_id === row.id));
    const withheld = decision.reasons.filter((x) => x.code === 'field_stripped' && x.field).map((x) => ({ field: x.field!, reason: x.message, article: x.clause }));
    items.push({ id: row.id, fields, withheld });
    // Every field returned is released, a null too: it tells the recipient nothing is on file.
    ledger.push(processingRecord(actor, { ...entry, basis: basisRef(decision), fields: allowed, outcome: 'allowed', reason }));
  }
  await appendLedgerMany(ctx.db, ledger);
  return items;
}

/** The decision for one child; null when the birth date needed to count age is missing. */
async function decisionFor(ctx: AppContext, actor: Actor, purpose: PurposeCode, fields: FieldKey[], row: GrantChildRow, today: string): Promise<Decision | null> {
  if (!row.data_key_wrapped) return null;
  const child = factsOfRow(ctx, row, new Set());
  if (!child.birthDate) return null;
  const facts = await basisFactsFor(ctx.db, row.id);
  return decideFor(ctx, {
    date: today,
    actor: decisionActor(actor),
    child: { ...child, endedPurposes: facts.endedPurposes ?? [] },
    consents: facts.consents,
    guardianNotices: facts.guardianNotices,
    purpose,
    act: 'use',
    fields,
  });
}
