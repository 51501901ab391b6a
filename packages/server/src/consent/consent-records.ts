import type { Kysely } from 'kysely';
import { shanghaiDate, type ConsentRecord, type GuardianNotice, type OrgType, type PurposeCode } from '@hutong/core';
import type { Database, ConsentsTable } from '../shared/db/schema.ts';
import type { Selectable } from 'kysely';

export interface BasisFacts { consents: ConsentRecord[]; guardianNotices: GuardianNotice[]; endedPurposes?: PurposeCode[] }

/** The consents and guardian notices on file for one child, in the shape the decision reads. */
export async function basisFactsFor(db: Kysely<Database>, childId: string): Promise<BasisFacts> {
  return (await basisFactsForMany(db, [childId])).get(childId) ?? { consents: [], guardianNotices: [], endedPurposes: [] };
}

/** The same for a page of children in two queries (registry lists decide per child). */
export async function basisFactsForMany(db: Kysely<Database>, childIds: readonly string[]): Promise<Map<string, BasisFacts>> {
  const out = new Map<string, BasisFacts>();
  if (childIds.length === 0) return out;
  const [consents, notices, ends] = await Promise.all([
    db.selectFrom('consents').selectAll().where('child_id', 'in', [...childIds]).execute(),
    db.selectFrom('guardian_notifications').select(['child_id', 'notified_on', 'purposes']).where('child_id', 'in', [...childIds]).execute(),
    db.selectFrom('purpose_ends').select(['child_id', 'purpose']).where('child_id', 'in', [...childIds]).execute(),
  ]);
  const of = (id: string) => out.get(id) ?? (out.set(id, { consents: [], guardianNotices: [], endedPurposes: [] }), out.get(id)!);
  for (const c of consents) of(c.child_id).consents.push(toRecord(c));
  for (const n of notices) of(n.child_id).guardianNotices.push({ date: n.notified_on, purposes: n.purposes as PurposeCode[] });
  for (const e of ends) of(e.child_id).endedPurposes!.push(e.purpose as PurposeCode);
  return out;
}

function toRecord(c: Selectable<ConsentsTable>): ConsentRecord {
  return {
    id: c.id,
    by: c.given_by,
    purposes: c.purposes as PurposeCode[],
    ...(c.recipient_org_types.length ? { recipientOrgTypes: c.recipient_org_types as OrgType[] } : {}),
    ...(c.recipient_org_ids.length ? { recipientOrgIds: c.recipient_org_ids } : {}),
    date: c.given_on,
    expiresOn: c.valid_until,
    withdrawn: c.withdrawn_at !== null,
    withdrawnOn: c.withdrawn_at ? shanghaiDate(c.withdrawn_at) : null,
    noticeOfNecessityAndImpact: c.notice_of_necessity_and_impact,
  };
}
