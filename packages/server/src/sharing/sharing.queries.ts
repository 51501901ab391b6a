import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../shared/db/schema.ts';

/** Kysely only, over the sharing tables and org/user names; never the children's tables. */
type Db = Kysely<Database> | Transaction<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
export const isUuid = (s: string) => UUID.test(s);

function agreements(db: Db) {
  return db.selectFrom('sharing_agreements as a')
    .innerJoin('orgs as ro', 'ro.id', 'a.requester_org_id')
    .innerJoin('orgs as oo', 'oo.id', 'a.owner_org_id')
    .innerJoin('users as rb', 'rb.id', 'a.requested_by')
    .leftJoin('users as db', 'db.id', 'a.decided_by')
    .leftJoin('users as vb', 'vb.id', 'a.revoked_by')
    .selectAll('a')
    .select([
      'ro.name as requester_org_name', 'ro.type as requester_org_type', 'oo.name as owner_org_name', 'oo.type as owner_org_type',
      'rb.display_name as requested_by_name', 'db.display_name as decided_by_name', 'vb.display_name as revoked_by_name',
    ]);
}

export type AgreementRow = Awaited<ReturnType<ReturnType<typeof agreements>['executeTakeFirstOrThrow']>>;

export async function findAgreement(db: Db, id: string): Promise<AgreementRow | undefined> {
  if (!isUuid(id)) return undefined;
  return agreements(db).where('a.id', '=', id).executeTakeFirst();
}

export async function listAgreements(db: Db, f: { requesterOrgId?: string; ownerOrgId?: string; status?: string }): Promise<AgreementRow[]> {
  let q = agreements(db);
  if (f.requesterOrgId) q = q.where('a.requester_org_id', '=', f.requesterOrgId);
  if (f.ownerOrgId) q = q.where('a.owner_org_id', '=', f.ownerOrgId);
  if (f.status) q = q.where('a.status', '=', f.status as AgreementRow['status']);
  return q.orderBy('a.requested_at', 'desc').orderBy('a.id').limit(500).execute();
}

/** Approved, unrevoked grants to this org whose period contains `today`. */
export async function activeGrants(db: Db, recipientOrgId: string, today: string): Promise<AgreementRow[]> {
  return agreements(db).where('a.requester_org_id', '=', recipientOrgId).where('a.status', '=', 'approved')
    .where('a.starts_on', '<=', today).where('a.granted_ends_on', '>=', today)
    .orderBy('a.granted_ends_on').orderBy('a.id').execute();
}

export async function findOrg(db: Db, id: string): Promise<{ id: string; name: string; type: string } | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('orgs').select(['id', 'name', 'type']).where('id', '=', id).executeTakeFirst();
}

export async function grantedChildIds(db: Db, agreementId: string): Promise<string[]> {
  const rows = await db.selectFrom('sharing_grant_children').select('child_id').where('agreement_id', '=', agreementId).orderBy('child_id').execute();
  return rows.map((r) => r.child_id);
}

export async function insertGrantChildren(db: Db, agreementId: string, childIds: readonly string[]): Promise<void> {
  for (let i = 0; i < childIds.length; i += 1000) {
    await db.insertInto('sharing_grant_children').values(childIds.slice(i, i + 1000).map((c) => ({ agreement_id: agreementId, child_id: c }))).execute();
  }
}
