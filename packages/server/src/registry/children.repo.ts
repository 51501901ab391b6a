import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, EncryptedFields } from '../shared/db/schema.ts';
import type { Actor } from '../shared/http/actor.ts';
import { emergencyScopedChildren, scopedChildren } from '../access/child-scope.ts';
import type { Permission } from '@hutong/core';

/**
 * Kysely only; every read starts from scopedChildren so a query cannot forget jurisdiction.
 * Not exported outside registry/ (a test fails on a stray import).
 */
export type Db = Kysely<Database> | Transaction<Database>;

export interface ChildRow {
  id: string;
  owner_org_id: string;
  owner_org_name: string;
  region_code: string;
  gender: string | null;
  grade: string | null;
  data_key_wrapped: Buffer | null;
  master_key_version: number | null;
  fields_enc: EncryptedFields;
  created_at: Date;
  updated_at: Date;
  can_express_will: boolean;
}

const CHILD_COLUMNS = [
  'children.id', 'children.owner_org_id', 'orgs.name as owner_org_name', 'children.region_code', 'children.gender',
  'children.grade', 'children.data_key_wrapped', 'children.master_key_version', 'children.fields_enc',
  'children.created_at', 'children.updated_at', 'children.can_express_will',
] as const;

export async function findChild(db: Db, actor: Actor, id: string, permission: Permission = 'child.read'): Promise<ChildRow | undefined> {
  if (!/^[0-9a-f-]{36}$/iu.test(id)) return undefined;
  return (await scopedChildren(db, actor, permission).select(CHILD_COLUMNS).where('children.id', '=', id).executeTakeFirst()) as ChildRow | undefined;
}

export interface ListFilter {
  regionPrefix?: string;
  tokenFilters: Array<{ index: string; token: Buffer }>;
  idNumberIndex?: Buffer;
  limit: number;
  offset: number;
}

export async function childrenByIds(db: Db, actor: Actor, ids: readonly string[]): Promise<ChildRow[]> {
  if (ids.length === 0) return [];
  return (await scopedChildren(db, actor).select(CHILD_COLUMNS).where('children.id', 'in', [...ids]).execute()) as ChildRow[];
}

export async function listChildren(db: Db, actor: Actor, f: ListFilter): Promise<{ rows: ChildRow[]; total: number }> {
  let q = scopedChildren(db, actor);
  if (f.regionPrefix) q = q.where('children.region_code', 'like', `${f.regionPrefix}%`);
  if (f.idNumberIndex) q = q.where('children.bidx_id_number', '=', f.idNumberIndex);
  for (const t of f.tokenFilters) {
    q = q.where(({ exists, selectFrom }) => exists(
      selectFrom('child_index_tokens as t').select(sql.lit(1).as('one'))
        .whereRef('t.child_id', '=', 'children.id').where('t.index_name', '=', t.index).where('t.token', '=', t.token),
    ));
  }
  const [rows, count] = await Promise.all([
    q.select(CHILD_COLUMNS).orderBy('children.region_code').orderBy('children.created_at').orderBy('children.id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ChildRow[], total: Number(count.n) };
}

export async function guardiansOf(db: Db, childId: string) {
  return db.selectFrom('guardians').selectAll().where('child_id', '=', childId).orderBy('created_at').execute();
}

export async function visitsOf(db: Db, childId: string) {
  return db.selectFrom('visits').leftJoin('users', 'users.id', 'visits.visitor_user_id')
    .select(['visits.id', 'visits.visited_on', 'visits.kind', 'visits.fields_enc', 'visits.created_at', 'users.display_name as visitor_name'])
    .where('visits.child_id', '=', childId).orderBy('visits.visited_on', 'desc').execute();
}

export async function existingIdNumberIndexes(db: Db, indexes: Buffer[]): Promise<Set<string>> {
  if (indexes.length === 0) return new Set();
  const rows = await db.selectFrom('children').select('bidx_id_number').where('bidx_id_number', 'in', indexes).where('shredded_at', 'is', null).execute();
  return new Set(rows.map((r) => r.bidx_id_number!.toString('hex')));
}

export async function countLiveChildren(db: Db, ownerOrgId?: string): Promise<number> {
  let q = db.selectFrom('children').select((eb) => eb.fn.countAll<number>().as('n')).where('shredded_at', 'is', null);
  if (ownerOrgId) q = q.where('owner_org_id', '=', ownerOrgId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Guardians of children the caller already obtained through scopedChildren. */
export async function guardiansOfChildren(db: Db, childIds: string[]) {
  if (childIds.length === 0) return [];
  return db.selectFrom('guardians').select(['id', 'child_id', 'relation', 'fields_enc'])
    .where('child_id', 'in', childIds).orderBy('child_id').orderBy('created_at').orderBy('id').execute();
}

/** Emergency (break-glass) reads: jurisdiction only; see access/child-scope.ts. */
export async function findChildForEmergency(db: Db, actor: Actor, by: { id?: string; idNumberIndex?: Buffer }): Promise<ChildRow | undefined> {
  let q = emergencyScopedChildren(db, actor).select(CHILD_COLUMNS);
  if (by.id) q = q.where('children.id', '=', by.id);
  if (by.idNumberIndex) q = q.where('children.bidx_id_number', '=', by.idNumberIndex);
  if (!by.id && !by.idNumberIndex) return undefined;
  return (await q.executeTakeFirst()) as ChildRow | undefined;
}
