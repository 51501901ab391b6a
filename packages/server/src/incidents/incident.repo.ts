import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type {
  Database, IncidentBreachesTable, IncidentEventsTable, IncidentEvidenceTable, IncidentFollowUpsTable, IncidentNoticesTable, IncidentsTable,
} from '../shared/db/schema.ts';

/** Kysely only. Rows carry ids, the processed excerpt and digests — never a value of the child. */
type Db = Kysely<Database> | Transaction<Database>;

function incidents(db: Db) {
  return db.selectFrom('incidents as i')
    .innerJoin('orgs as owner', 'owner.id', 'i.owner_org_id')
    .innerJoin('orgs as ing', 'ing.id', 'i.ingest_org_id')
    .select([
      'i.id', 'i.status', 'i.source_kind', 'i.source_name', 'i.post_id', 'i.url', 'i.child_id', 'i.child_ref', 'i.owner_org_id',
      'i.child_region_code', 'i.flags', 'i.score', 'i.package_version', 'i.ingest_org_id', 'i.ingested_by', 'i.detected_at', 'i.updated_at',
      'i.due_at', 'i.closed_at', 'i.closed_by', 'i.resolution', 'i.close_note',
      'owner.name as owner_org_name', 'ing.name as ingest_org_name', 'ing.type as ingest_org_type', 'ing.region_code as ingest_org_region',
      sql<boolean>`EXISTS (SELECT 1 FROM incident_breaches b WHERE b.incident_id = i.id)`.as('has_breach'),
    ]);
}
export type IncidentRow = Awaited<ReturnType<ReturnType<typeof incidents>['executeTakeFirstOrThrow']>>;

export async function findIncident(db: Db, id: string): Promise<IncidentRow | undefined> {
  return incidents(db).where('i.id', '=', id).executeTakeFirst();
}

/** Locks the row for a state change, so two closes or a close and a notice cannot interleave. */
export async function lockIncident(trx: Transaction<Database>, id: string): Promise<{ status: IncidentsTable['status'] } | undefined> {
  return trx.selectFrom('incidents').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface CandidateFilter {
  /** Rows ingested by these orgs … */
  readonly ingestOrgIds: readonly string[];
  /** … or about children whose region lies under this LIKE prefix (null: none by region). */
  readonly regionPrefix: string | null;
  readonly status?: IncidentsTable['status'] | undefined;
  readonly overdueAt?: Date | undefined;
}

/**
 * Rows that may be visible: a cheap superset by ingesting org and child region, in list order
 * (unclosed first, newest first). incident-access decides on each exactly.
 */
export async function candidateIncidents(db: Db, f: CandidateFilter): Promise<IncidentRow[]> {
  if (!f.ingestOrgIds.length && f.regionPrefix === null) return [];
  let q = incidents(db).where((eb) => eb.or([
    ...(f.ingestOrgIds.length ? [eb('i.ingest_org_id', 'in', [...f.ingestOrgIds])] : []),
    ...(f.regionPrefix !== null ? [eb('i.child_region_code', 'like', `${f.regionPrefix}%`)] : []),
  ]));
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.overdueAt) q = q.where('i.status', '=', 'notified').where('i.due_at', '<', f.overdueAt);
  return q.orderBy(sql`i.status = 'closed'`).orderBy('i.detected_at', 'desc').orderBy('i.id').execute();
}

/** Orgs of the same type whose region lies in `regionPrefix`: the ingesting orgs of an org line. */
export async function orgLine(db: Db, type: string, regionPrefix: string): Promise<string[]> {
  return (await db.selectFrom('orgs').select('id').where('type', '=', type).where('region_code', 'like', `${regionPrefix}%`).execute()).map((r) => r.id);
}

/** Existing (source, post, child) keys among these: the idempotency check of an ingest. */
export async function existingKeys(db: Db, sourceName: string, keys: ReadonlyArray<{ postId: string; childId: string }>): Promise<Set<string>> {
  const out = new Set<string>();
  const postIds = [...new Set(keys.map((k) => k.postId))];
  for (let i = 0; i < postIds.length; i += 1000) {
    const rows = await db.selectFrom('incidents').select(['post_id', 'child_id'])
      .where('source_name', '=', sourceName).where('post_id', 'in', postIds.slice(i, i + 1000)).execute();
    for (const r of rows) out.add(`${r.post_id}\u0000${r.child_id}`);
  }
  return out;
}

/**
 * Inserts what is not there yet and returns the ids inserted: a concurrent ingest of the same
 * (source, post, child) loses quietly and counts as a duplicate. Evidence follows its incident.
 */
export async function insertIncidents(trx: Transaction<Database>, rows: Insertable<IncidentsTable>[], evidence: Insertable<IncidentEvidenceTable>[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const got = await trx.insertInto('incidents').values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['source_name', 'post_id', 'child_id']).doNothing()).returning('id').execute();
    for (const r of got) inserted.add(r.id);
  }
  const mine = evidence.filter((e) => inserted.has(e.incident_id));
  for (let i = 0; i < mine.length; i += 500) await trx.insertInto('incident_evidence').values(mine.slice(i, i + 500)).execute();
  return inserted;
}

export async function addEvents(db: Db, rows: Insertable<IncidentEventsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('incident_events').values(rows.slice(i, i + 500)).execute();
}

export async function evidenceOf(db: Db, id: string) {
  return db.selectFrom('incident_evidence').select(['kinds', 'excerpt', 'post_sm3']).where('incident_id', '=', id).orderBy('position').execute();
}

const userName = sql<string>`coalesce(u.display_name, '（已删除的用户）')`;

export async function noticesOf(db: Db, id: string) {
  return db.selectFrom('incident_notices as n').leftJoin('users as u', 'u.id', 'n.issued_by')
    .select(['n.id', 'n.recipient', 'n.recipient_kind', 'n.request', 'n.contact', 'n.issued_at', 'n.due_at', 'n.issued_org_id', userName.as('issued_by_name')])
    .where('n.incident_id', '=', id).orderBy('n.issued_at').orderBy('n.id').execute();
}

export async function findNotice(db: Db, incidentId: string, noticeId: string) {
  return db.selectFrom('incident_notices as n').innerJoin('orgs as o', 'o.id', 'n.issued_org_id')
    .select(['n.id', 'n.recipient', 'n.recipient_kind', 'n.request', 'n.contact', 'n.issued_at', 'n.due_at', 'o.name as issued_org_name'])
    .where('n.incident_id', '=', incidentId).where('n.id', '=', noticeId).executeTakeFirst();
}

export async function followUpsOf(db: Db, id: string) {
  return db.selectFrom('incident_follow_ups as f').leftJoin('users as u', 'u.id', 'f.by_user')
    .select(['f.at', 'f.note', 'f.outcome', userName.as('by_name')]).where('f.incident_id', '=', id).orderBy('f.at').orderBy('f.id').execute();
}

export async function breachOf(db: Db, id: string) {
  return db.selectFrom('incident_breaches as b').leftJoin('users as u', 'u.id', 'b.recorded_by').innerJoin('orgs as o', 'o.id', 'b.recorded_org_id')
    .selectAll('b').select([userName.as('recorded_by_name'), 'o.name as recorded_org_name']).where('b.incident_id', '=', id).executeTakeFirst();
}

export async function eventsOf(db: Db, id: string) {
  return db.selectFrom('incident_events as e').leftJoin('users as u', 'u.id', 'e.by_user')
    .select(['e.at', 'e.act', 'e.summary', sql<string>`coalesce(u.display_name, '系统')`.as('by_name')]).where('e.incident_id', '=', id).orderBy('e.id').execute();
}

export async function closedByName(db: Db, userId: string | null): Promise<string> {
  if (!userId) return '系统';
  return (await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst())?.display_name ?? '（已删除的用户）';
}

export async function insertNotice(trx: Transaction<Database>, row: Insertable<IncidentNoticesTable>): Promise<void> {
  await trx.insertInto('incident_notices').values(row).execute();
}

export async function insertFollowUp(trx: Transaction<Database>, row: Insertable<IncidentFollowUpsTable>): Promise<void> {
  await trx.insertInto('incident_follow_ups').values(row).execute();
}

export async function insertBreach(trx: Transaction<Database>, row: Insertable<IncidentBreachesTable>): Promise<void> {
  await trx.insertInto('incident_breaches').values(row).execute();
}

export async function updateIncident(trx: Transaction<Database>, id: string, set: Partial<Pick<IncidentsTable, 'status' | 'due_at' | 'closed_at' | 'closed_by' | 'resolution' | 'close_note'>>): Promise<void> {
  await trx.updateTable('incidents').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Orgs' names for the ledger-free parts of letters. */
export async function orgName(db: Db, id: string | null): Promise<string> {
  if (!id) return '（未归属机构）';
  return (await db.selectFrom('orgs').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '（已删除的机构）';
}
