import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { composeIdNumber, type OrgType, type Role } from '@hutong/core';
import type { AppContext } from '../../src/context.ts';
import type { Actor } from '../../src/shared/http/actor.ts';

/** Synthetic people only: made-up names, ID numbers composed with valid check digits. */
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '欧阳', '司马'];
export const GIVEN = ['子涵', '欣怡', '梓萱', '浩宇', '宇轩', '一诺', '思远', '雨桐', '明', '晨', '可馨', '俊杰'];

export async function insertOrg(ctx: AppContext, o: { name?: string; type: OrgType; region: string }): Promise<{ id: string; name: string; type: OrgType; region: string }> {
  const name = o.name ?? `测试机构${randomUUID().slice(0, 8)}`;
  const row = await ctx.db.insertInto('orgs').values({ name, type: o.type, region_code: o.region }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, name, type: o.type, region: o.region };
}

/** An Actor backed by a real users row (visits and ledger joins refer to it). */
export async function actorFor(ctx: AppContext, org: { id: string; type: OrgType; region: string }, role: Role, jurisdiction = org.region): Promise<Actor> {
  const username = `u-${role}-${randomUUID().slice(0, 8)}`;
  const user = await ctx.db.insertInto('users').values({ username, display_name: `测试${role}`, org_id: org.id, role, jurisdiction, password_hash: 'x' })
    .returning('id').executeTakeFirstOrThrow();
  return {
    userId: user.id, username, displayName: `测试${role}`, role,
    orgId: org.id, orgType: org.type, orgRegion: org.region, jurisdiction, via: 'session', requestId: randomUUID(),
  };
}

/** Ledger rows naming a child (text[] containment, the same SQL on both engines). */
export function entriesFor(ctx: AppContext, childId: string) {
  return ctx.db.selectFrom('ledger_entries').selectAll().where(sql<boolean>`child_ids @> ARRAY[${childId}]::text[]`).orderBy('id');
}

let counter = 0;
export function syntheticChild(regionCode: string, over: Record<string, unknown> = {}) {
  const n = counter++;
  const gender = n % 2 ? 'male' : 'female';
  const birthDate = `${2010 + (n % 12)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`;
  return {
    name: SURNAMES[n % SURNAMES.length]! + GIVEN[(n * 7) % GIVEN.length]!,
    gender,
    birthDate,
    idNumber: composeIdNumber(regionCode.slice(0, 6), birthDate, 100 + n, gender),
    regionCode,
    residenceAddress: `${n + 1}组${n + 3}号`,
    school: '示例县第一中心小学',
    phone: `139${String(10000000 + n * 7919).slice(0, 8)}`,
    categories: n % 3 === 0 ? ['left_behind'] : ['孤儿'],
    health: '患有哮喘，需定期复查',
    guardians: [{ name: '测试监护人' + n, relation: '祖母', phone: `138${String(20000000 + n * 104729).slice(0, 8)}` }],
    ...over,
  };
}
