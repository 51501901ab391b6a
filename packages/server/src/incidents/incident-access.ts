import { can, errors, isWithinJurisdiction } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { childrenInRegisterScope } from '../registry/incident-child.service.ts';
import { isUuid } from '../registry/registry.service.ts';
import type { IncidentDto } from './incident.schema.ts';
import { findIncident, type IncidentRow } from './incident.repo.ts';

/**
 * Who sees an incident (第四条 谁主管谁负责; 未成年人网络保护条例 第三十六条 least privilege):
 * - the ingesting side: people who handle incidents (incident.manage) in the org that ingested
 *   the hits, or above it in the same org line (same type, its region inside theirs);
 * - the owning side: people whose register scope holds the child (the child's owning org and its
 *   line, access/child-scope.ts) — this is how the owning org is told.
 * For anyone else it does not exist (404). Acting on it needs incident.manage; a department's
 * staff handle incidents only in a cyberspace (网信) office, whose duty 第五条 names.
 */
export type Viewer = 'ingest' | 'owner';

export const NOT_FOUND = '泄露事件';
const ARTICLE = '《困境儿童个人信息保护工作办法》第五条';

export function managesIncidents(actor: Pick<Actor, 'role' | 'orgId' | 'orgType'>): boolean {
  if (!can(actor.role, 'incident.manage') || !actor.orgId) return false;
  return actor.role !== 'department_staff' || actor.orgType === 'cyberspace';
}

export function assertManages(actor: Actor): void {
  if (!managesIncidents(actor)) {
    throw errors.forbidden(actor.role === 'department_staff'
      ? '部门工作人员只有在网信部门才能处置泄露事件（第五条：网信部门履行监督管理责任）'
      : `角色“${actor.role}”无权处置泄露事件（incident.manage）：由个人信息保护负责人、民政工作人员或网信部门工作人员处置`, ARTICLE);
  }
}

/** Ingesting side, by the row's ingesting org (type and region come joined from orgs). */
export function ingestSide(actor: Actor, row: Pick<IncidentRow, 'ingest_org_id' | 'ingest_org_type' | 'ingest_org_region'>): boolean {
  if (!managesIncidents(actor) || !actor.orgRegion) return false;
  if (row.ingest_org_id === actor.orgId) return true;
  return actor.orgType === row.ingest_org_type && isWithinJurisdiction(actor.orgRegion, row.ingest_org_region);
}

/** The viewer of each row, null where it does not exist for this person; one registry query for all. */
export async function viewersOf(ctx: AppContext, actor: Actor, rows: readonly IncidentRow[]): Promise<Map<string, Viewer>> {
  const out = new Map<string, Viewer>();
  const rest = rows.filter((r) => {
    if (!ingestSide(actor, r)) return true;
    out.set(r.id, 'ingest');
    return false;
  });
  const inScope = await childrenInRegisterScope(ctx, actor, rest.map((r) => r.child_id));
  for (const r of rest) if (inScope.has(r.child_id)) out.set(r.id, 'owner');
  return out;
}

export async function loadIncident(ctx: AppContext, actor: Actor, id: string): Promise<{ row: IncidentRow; viewer: Viewer }> {
  const row = isUuid(id) ? await findIncident(ctx.db, id) : undefined;
  const viewer = row ? (await viewersOf(ctx, actor, [row])).get(row.id) : undefined;
  if (!row || !viewer) throw errors.notFound(NOT_FOUND);
  return { row, viewer };
}

/** What the console may offer (STYLE: the console never re-derives a rule). */
export function abilitiesOf(actor: Actor, row: Pick<IncidentRow, 'status' | 'source_kind'>, hasBreach: boolean): IncidentDto['abilities'] {
  const acting = managesIncidents(actor) && row.status !== 'closed';
  return { notify: acting, followUp: acting, close: acting, breach: acting && row.source_kind === 'internal' && !hasBreach };
}

export function assertOpen(row: Pick<IncidentRow, 'status'>): void {
  if (row.status === 'closed') throw errors.conflict('该泄露事件已结案，不能再处理');
}
