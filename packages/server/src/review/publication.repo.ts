import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Database, PublicationFilesTable, PublicationsTable } from '../shared/db/schema.ts';
import { subtreePrefix } from '../access/jurisdiction.ts';

/** Kysely only, for the publication tables (migration 0006). Children are reached through registry/ alone. */
export type Db = Kysely<Database> | Transaction<Database>;
export type PublicationRow = Selectable<PublicationsTable> & {
  submitter_name: string; org_name: string; org_type: string; decider_name: string | null; linked: number; file_count: number;
};
export type FileRow = Selectable<PublicationFilesTable>;

function withNames(db: Db) {
  return db.selectFrom('publications as p')
    .innerJoin('users as u', 'u.id', 'p.submitted_by')
    .innerJoin('orgs as o', 'o.id', 'p.submitter_org_id')
    .leftJoin('users as d', 'd.id', 'p.decided_by')
    .selectAll('p')
    .select(['u.display_name as submitter_name', 'o.name as org_name', 'o.type as org_type', 'd.display_name as decider_name'])
    .select((eb) => [
      eb.selectFrom('publication_children as c').whereRef('c.publication_id', '=', 'p.id').select(sql<number>`count(*)::int`.as('n')).as('linked'),
      eb.selectFrom('publication_files as f').whereRef('f.publication_id', '=', 'p.id').select(sql<number>`count(*)::int`.as('n')).as('file_count'),
    ]);
}

export async function findPublication(db: Db, id: string): Promise<PublicationRow | undefined> {
  return (await withNames(db).where('p.id', '=', id).executeTakeFirst()) as PublicationRow | undefined;
}

export interface ListFilter {
  submittedBy?: string;
  /** The review box leaves out the reviewer's own submissions in SQL, so paging and the total agree. */
  notSubmittedBy?: string;
  /** Reviewers: publications whose region lies in this jurisdiction. */
  jurisdiction?: string;
  status?: PublicationsTable['status'];
  limit: number;
  offset: number;
}

export async function listPublications(db: Db, f: ListFilter): Promise<{ rows: PublicationRow[]; total: number }> {
  let q = withNames(db);
  let c = db.selectFrom('publications as p');
  if (f.submittedBy) {
    q = q.where('p.submitted_by', '=', f.submittedBy);
    c = c.where('p.submitted_by', '=', f.submittedBy);
  }
  if (f.notSubmittedBy) {
    q = q.where('p.submitted_by', '<>', f.notSubmittedBy);
    c = c.where('p.submitted_by', '<>', f.notSubmittedBy);
  }
  if (f.jurisdiction !== undefined) {
    q = q.where('p.region_code', 'like', `${subtreePrefix(f.jurisdiction)}%`);
    c = c.where('p.region_code', 'like', `${subtreePrefix(f.jurisdiction)}%`);
  }
  if (f.status) {
    q = q.where('p.status', '=', f.status);
    c = c.where('p.status', '=', f.status);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('p.submitted_at', 'desc').orderBy('p.id').limit(f.limit).offset(f.offset).execute(),
    c.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as PublicationRow[], total: Number(count.n) };
}

export function filesOf(db: Db, publicationId: string): Promise<FileRow[]> {
  return db.selectFrom('publication_files').selectAll().where('publication_id', '=', publicationId).orderBy('position').execute();
}

export function linkedOf(db: Db, publicationId: string) {
  return db.selectFrom('publication_children').selectAll().where('publication_id', '=', publicationId).orderBy('ref').execute();
}

export async function insertPublication(trx: Transaction<Database>, row: Insertable<PublicationsTable>, files: Insertable<PublicationFilesTable>[], children: Array<{ child_id: string; ref: string; matched_by: string; owner_org_id: string }>): Promise<void> {
  await trx.insertInto('publications').values(row).execute();
  if (files.length) await trx.insertInto('publication_files').values(files).execute();
  if (children.length) await trx.insertInto('publication_children').values(children.map((c) => ({ ...c, publication_id: row.id }))).execute();
}

/** Guarded by the status read before: a concurrent decision makes this update nothing (caller answers 409). */
export async function updatePublication(trx: Transaction<Database>, id: string, expect: PublicationsTable['status'], set: Updateable<PublicationsTable>): Promise<boolean> {
  const r = await trx.updateTable('publications').set({ ...set, updated_at: new Date() }).where('id', '=', id).where('status', '=', expect).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateFile(trx: Transaction<Database>, id: string, set: Updateable<PublicationFilesTable>): Promise<void> {
  await trx.updateTable('publication_files').set(set).where('id', '=', id).execute();
}

export async function replaceLinks(trx: Transaction<Database>, publicationId: string, children: Array<{ child_id: string; ref: string; matched_by: string; owner_org_id: string }>): Promise<void> {
  await trx.deleteFrom('publication_children').where('publication_id', '=', publicationId).execute();
  if (children.length) await trx.insertInto('publication_children').values(children.map((c) => ({ ...c, publication_id: publicationId }))).execute();
}

/**
 * Destroys drafts: the draft key and everything it sealed, and the sealed originals. Without the
 * key, any copy of those blobs left in the database's dead rows or in a backup cannot be opened.
 */
export async function destroyDrafts(trx: Transaction<Database>, ids: readonly string[], at: Date): Promise<string[]> {
  if (!ids.length) return [];
  const done = await trx.updateTable('publications').set({ draft_key_wrapped: null, draft_key_version: null, draft_enc: null, draft_purged_at: at })
    .where('id', 'in', [...ids]).where('draft_purged_at', 'is', null).returning('id').execute();
  await trx.updateTable('publication_files').set({ original_enc: null }).where('publication_id', 'in', [...ids]).execute();
  // Only what this call destroyed: a concurrent purge of the same drafts reports them once.
  return done.map((r) => r.id);
}

/** Returned and blocked drafts past their keeping period. */
export async function expiredDrafts(db: Db, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('publications').select('id').where('draft_purged_at', 'is', null).where('draft_purge_after', '<=', now).execute();
  return rows.map((r) => r.id);
}
