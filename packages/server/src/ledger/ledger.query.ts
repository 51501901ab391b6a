import { sql, type Kysely } from 'kysely';
import { ADMIN_ACTS, PROCESSING_ACTS, SECURITY_ACTS } from '@hutong/core';
import type { Database } from '../shared/db/schema.ts';

export interface LedgerFilter {
  childId?: string;
  actorUserId?: string;
  orgId?: string;
  act?: string;
  category?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

const ACT_LABELS: Record<string, string> = { ...PROCESSING_ACTS, ...SECURITY_ACTS, ...ADMIN_ACTS };

export interface LedgerEntryDto {
  seq: number | null;
  at: string;
  category: string;
  act: string;
  actLabel: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrgId: string | null;
  accountableOrgId: string | null;
  accountableOrgName: string | null;
  purpose: string | null;
  basis: string | null;
  childIds: string[];
  fields: string[];
  outcome: string;
  reason: string | null;
  requestId: string | null;
}

/** Entries newest first; unsequenced ones (seconds old) show with seq null. */
export async function queryLedger(db: Kysely<Database>, f: LedgerFilter): Promise<{ items: LedgerEntryDto[]; total: number }> {
  let q = db.selectFrom('ledger_entries as e');
  if (f.childId) q = q.where(sql<boolean>`e.child_ids @> ARRAY[${f.childId}]::text[]`);
  if (f.actorUserId) q = q.where('e.actor_user_id', '=', f.actorUserId);
  if (f.orgId) q = q.where((eb) => eb.or([eb('e.actor_org_id', '=', f.orgId!), eb('e.accountable_org_id', '=', f.orgId!)]));
  if (f.act) q = q.where('e.act', '=', f.act);
  if (f.category) q = q.where('e.category', '=', f.category);
  if (f.from) q = q.where('e.at', '>=', new Date(`${f.from}T00:00:00+08:00`));
  if (f.to) q = q.where('e.at', '<', new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000));
  const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 500);
  const page = Math.max(f.page ?? 1, 1);
  const [rows, count] = await Promise.all([
    q.leftJoin('users as u', (j) => j.on(sql`u.id::text`, '=', sql.ref('e.actor_user_id')))
      .leftJoin('orgs as o', (j) => j.on(sql`o.id::text`, '=', sql.ref('e.accountable_org_id')))
      .select(['e.seq', 'e.at', 'e.category', 'e.act', 'e.actor_user_id', 'e.actor_org_id', 'e.accountable_org_id', 'e.purpose', 'e.basis', 'e.child_ids', 'e.fields', 'e.outcome', 'e.reason', 'e.request_id', 'u.display_name as actor_name', 'o.name as org_name'])
      .orderBy('e.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      seq: r.seq, at: r.at.toISOString(), category: r.category, act: r.act, actLabel: ACT_LABELS[r.act] ?? r.act,
      actorUserId: r.actor_user_id, actorName: r.actor_name ?? (r.actor_user_id?.startsWith('cli:') ? `命令行 ${r.actor_user_id.slice(4)}` : null),
      actorOrgId: r.actor_org_id, accountableOrgId: r.accountable_org_id, accountableOrgName: r.org_name ?? null,
      purpose: r.purpose, basis: r.basis, childIds: r.child_ids, fields: r.fields, outcome: r.outcome, reason: r.reason, requestId: r.request_id,
    })),
  };
}
