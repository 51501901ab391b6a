import { sql, type Kysely } from 'kysely';
import { errors } from '@hutong/core';
import type { Database, EncryptedFields } from '../shared/db/schema.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertPermission, scopedChildren } from './child-scope.ts';
import { subtreePrefix } from './jurisdiction.ts';

/**
 * The second door to children's data, beside child-scope.ts: what a data-sharing agreement
 * (个人信息保护法 第二十三条) lets the recipient org reach. The owner's protection officer fixes the
 * children at approval, from the owner's own records in their scope; afterwards the recipient's
 * staff reach exactly those children, still live and still held by the owner, and nothing else.
 */
export interface GrantChildRow {
  id: string;
  owner_org_id: string;
  owner_org_name: string;
  region_code: string;
  gender: string | null;
  grade: string | null;
  data_key_wrapped: Buffer | null;
  master_key_version: number | null;
  fields_enc: EncryptedFields;
  can_express_will: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface GrantCriteria {
  childIds?: readonly string[];
  /** 12-digit region code; the subtree below it. */
  regionCode?: string;
  /** Blind-index token of a category (registry/child-indexes.ts). */
  categoryToken?: Buffer;
}

/** Ids of the owner's children matching the criteria, as the approving officer can see them. */
export async function resolveGrantChildren(db: Kysely<Database>, approver: Actor, ownerOrgId: string, c: GrantCriteria): Promise<string[]> {
  if (approver.orgId !== ownerOrgId) throw errors.notFound('数据共享协议');
  let q = scopedChildren(db, approver).where('children.owner_org_id', '=', ownerOrgId);
  if (c.childIds) {
    if (c.childIds.length === 0) return [];
    q = q.where('children.id', 'in', [...c.childIds]);
  }
  if (c.regionCode) q = q.where('children.region_code', 'like', `${subtreePrefix(c.regionCode)}%`);
  const token = c.categoryToken;
  if (token) {
    q = q.where(({ exists, selectFrom }) => exists(
      selectFrom('child_index_tokens as t').select(sql.lit(1).as('one'))
        .whereRef('t.child_id', '=', 'children.id').where('t.index_name', '=', 'category').where('t.token', '=', token),
    ));
  }
  const rows = await q.select('children.id').orderBy('children.id').execute();
  return rows.map((r) => r.id);
}

export interface GrantWindow {
  agreementId: string;
  ownerOrgId: string;
  recipientOrgId: string;
}

const COLUMNS = [
  'children.id', 'children.owner_org_id', 'orgs.name as owner_org_name', 'children.region_code', 'children.gender',
  'children.grade', 'children.data_key_wrapped', 'children.master_key_version', 'children.fields_enc',
  'children.can_express_will', 'children.created_at', 'children.updated_at',
] as const;

/**
 * The granted children for a member of the recipient org. The caller has already checked that
 * the grant is approved, unrevoked and in its period (sharing/grant-access.ts).
 */
function grantedQuery(db: Kysely<Database>, actor: Actor, g: GrantWindow) {
  assertPermission(actor, 'child.read');
  if (!actor.orgId || actor.orgId !== g.recipientOrgId) throw errors.notFound('共享授权');
  return db.selectFrom('children')
    .innerJoin('orgs', 'orgs.id', 'children.owner_org_id')
    .innerJoin('sharing_grant_children as g', 'g.child_id', 'children.id')
    .where('g.agreement_id', '=', g.agreementId)
    .where('children.owner_org_id', '=', g.ownerOrgId)
    .where('children.shredded_at', 'is', null);
}

export async function grantedChildren(db: Kysely<Database>, actor: Actor, g: GrantWindow, page: { limit: number; offset: number; childId?: string }): Promise<{ rows: GrantChildRow[]; total: number }> {
  let q = grantedQuery(db, actor, g);
  if (page.childId !== undefined) q = q.where('children.id', '=', page.childId);
  const [rows, count] = await Promise.all([
    q.select(COLUMNS).orderBy('children.region_code').orderBy('children.id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as GrantChildRow[], total: Number(count.n) };
}

/** Guardians and visits of children already reached through grantedChildren, sealed as stored. */
export async function grantedGuardians(db: Kysely<Database>, childIds: readonly string[]) {
  if (childIds.length === 0) return [];
  return db.selectFrom('guardians').select(['id', 'child_id', 'relation', 'fields_enc'])
    .where('child_id', 'in', [...childIds]).orderBy('child_id').orderBy('created_at').orderBy('id').execute();
}

export async function grantedVisits(db: Kysely<Database>, childIds: readonly string[]) {
  if (childIds.length === 0) return [];
  return db.selectFrom('visits').select(['id', 'child_id', 'visited_on', 'fields_enc'])
    .where('child_id', 'in', [...childIds]).orderBy('child_id').orderBy('visited_on').orderBy('id').execute();
}
