import type { Kysely, SelectQueryBuilder } from 'kysely';
import { can, errors, type Permission } from '@hutong/core';
import type { Database } from '../shared/db/schema.ts';
import type { Actor } from '../shared/http/actor.ts';
import { subtreePrefix } from './jurisdiction.ts';

/**
 * The one place that decides which children an actor can reach (未成年人网络保护条例 第三十六条:
 * least privilege). A child is visible when it lies in the actor's jurisdiction subtree AND is
 * owned by the actor's own org line: an org of the same type at or below the actor's org region
 * (a county civil-affairs bureau sees what its township offices hold; a school sees its own).
 * Grants to other departments come with the lawful-basis work (第七至十一条).
 * Outside this scope a child does not exist: queries simply never return it.
 */
export function scopedChildren(db: Kysely<Database>, actor: Actor, permission: Permission = 'child.read'): SelectQueryBuilder<Database, 'children' | 'orgs', {}> {
  assertPermission(actor, permission);
  if (!actor.orgType || !actor.orgRegion) throw errors.forbidden('您的账号未归属任何机构，不能访问儿童信息', '《未成年人网络保护条例》第三十六条');
  return db
    .selectFrom('children')
    .innerJoin('orgs', 'orgs.id', 'children.owner_org_id')
    .where('children.shredded_at', 'is', null)
    .where('children.region_code', 'like', `${subtreePrefix(actor.jurisdiction)}%`)
    .where('orgs.type', '=', actor.orgType)
    .where('orgs.region_code', 'like', `${subtreePrefix(actor.orgRegion)}%`);
}

export function assertPermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw errors.forbidden(`角色“${actor.role}”无权执行此操作（${permission}）：系统管理员管理账号但不查阅儿童信息，审计员查阅台账但不查阅名册`, '《未成年人网络保护条例》第三十六条');
  }
}

/**
 * Break-glass scope: the actor's jurisdiction subtree WITHOUT the org-line condition, for an
 * emergency read of one child (justified, time-boxed, reviewed). Used only by the emergency
 * access service; every use is ledgered and queued for the protection officer.
 */
export function emergencyScopedChildren(db: Kysely<Database>, actor: Actor): SelectQueryBuilder<Database, 'children' | 'orgs', {}> {
  assertPermission(actor, 'child.read');
  if (!actor.orgType) throw errors.forbidden('您的账号未归属任何机构，不能访问儿童信息', '《未成年人网络保护条例》第三十六条');
  return db
    .selectFrom('children')
    .innerJoin('orgs', 'orgs.id', 'children.owner_org_id')
    .where('children.shredded_at', 'is', null)
    .where('children.region_code', 'like', `${subtreePrefix(actor.jurisdiction)}%`);
}

/**
 * Leak-screening build scope (第五条): every live child in the actor's jurisdiction subtree,
 * whichever org holds the record. The org line limits who may SEE a record; the build shows no one
 * any value — it turns each record into keyed fingerprints in-process — and a screening package
 * must cover every registered child in the region or a disclosure goes unnoticed. Requires
 * `screen.build`; every derivation is ledgered per child by the screening source.
 */
export function screeningScopedChildren(db: Kysely<Database>, actor: Actor): SelectQueryBuilder<Database, 'children', {}> {
  assertPermission(actor, 'screen.build');
  return db
    .selectFrom('children')
    .where('children.shredded_at', 'is', null)
    .where('children.region_code', 'like', `${subtreePrefix(actor.jurisdiction)}%`);
}
