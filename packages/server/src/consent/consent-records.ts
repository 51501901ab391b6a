import type { Kysely } from 'kysely';
import { shanghaiDate, type ConsentRecord, type GuardianNotice, type OrgType, type PurposeCode } from '@hutong/core';
import type { Database } from '../shared/db/schema.ts';

/** The consents and guardian notices on file for one child, in the shape the decision reads. */
export async function basisFactsFor(db: Kysely<Database>, childId: string): Promise<{ consents: ConsentRecord[]; guardianNotices: GuardianNotice[] }> {
  const [consents, notices] = await Promise.all([
    db.selectFrom('consents').selectAll().where('child_id', '=', childId).execute(),
    db.selectFrom('guardian_notifications').select(['notified_on', 'purposes']).where('child_id', '=', childId).execute(),
  ]);
  return {
    consents: consents.map((c) => ({
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
    })),
    guardianNotices: notices.map((n) => ({ date: n.notified_on, purposes: n.purposes as PurposeCode[] })),
  };
}
