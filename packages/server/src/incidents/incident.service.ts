import { can, errors, shanghaiDate } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { subtreePrefix } from '../access/jurisdiction.ts';
import { incidentChildNames } from '../registry/incident-child.service.ts';
import { abilitiesOf, loadIncident, managesIncidents, viewersOf } from './incident-access.ts';
import { isOverdue, toItem, toNotice } from './incident.dto.ts';
import {
  breachOf, candidateIncidents, closedByName, eventsOf, evidenceOf, followUpsOf, noticesOf, orgLine, type IncidentRow,
} from './incident.repo.ts';
import { STATUSES, type IncidentDto, type IncidentItem, type ListQuery } from './incident.schema.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

/** May this person see any incident at all: handlers, and staff who read the register (the owners). */
function seesIncidents(actor: Actor): boolean {
  return managesIncidents(actor) || (can(actor.role, 'child.read') && !!actor.orgType && !!actor.orgRegion);
}

/** Every incident this person may see, filtered, in list order; no child value is read. */
async function visibleIncidents(ctx: AppContext, actor: Actor, f: { status?: IncidentRow['status'] | undefined; overdueAt?: Date | undefined }): Promise<IncidentRow[]> {
  const ingestOrgIds = managesIncidents(actor) && actor.orgType && actor.orgRegion
    ? await orgLine(ctx.db, actor.orgType, subtreePrefix(actor.orgRegion))
    : [];
  const readsRegister = can(actor.role, 'child.read') && !!actor.orgType && !!actor.orgRegion;
  const rows = await candidateIncidents(ctx.db, {
    ingestOrgIds, regionPrefix: readsRegister ? subtreePrefix(actor.jurisdiction) : null, status: f.status, overdueAt: f.overdueAt,
  });
  const viewers = await viewersOf(ctx, actor, rows);
  return rows.filter((r) => viewers.has(r.id));
}

export async function listIncidents(ctx: AppContext, actor: Actor, q: ListQuery): Promise<{ items: IncidentItem[]; total: number }> {
  if (!seesIncidents(actor)) throw errors.forbidden('您的角色不处置泄露事件，也不查阅名册，没有可查看的泄露事件', '《未成年人网络保护条例》第三十六条');
  const now = new Date();
  let rows = await visibleIncidents(ctx, actor, { status: q.status, overdueAt: q.overdue ? now : undefined });
  if (q.overdue === false) rows = rows.filter((r) => !isOverdue(r, now));
  const pageSize = q.pageSize ?? 20;
  const page = rows.slice(((q.page ?? 1) - 1) * pageSize, (q.page ?? 1) * pageSize);
  const names = await incidentChildNames(ctx, actor, page.map((r) => r.child_id), 'incident_list');
  return { items: page.map((r) => toItem(r, names.get(r.child_id) ?? null, now)), total: rows.length };
}

export async function getIncident(ctx: AppContext, actor: Actor, id: string): Promise<IncidentDto> {
  const { row } = await loadIncident(ctx, actor, id);
  const now = new Date();
  const [names, evidence, notices, followUps, breach, events] = [
    await incidentChildNames(ctx, actor, [row.child_id], `incident:${row.id};view`),
    await evidenceOf(ctx.db, row.id), await noticesOf(ctx.db, row.id), await followUpsOf(ctx.db, row.id),
    await breachOf(ctx.db, row.id), await eventsOf(ctx.db, row.id),
  ];
  return {
    ...toItem(row, names.get(row.child_id) ?? null, now),
    packageVersion: row.package_version,
    evidence: evidence.map((e) => ({ kind: e.kinds.join('+'), kinds: e.kinds, excerpt: e.excerpt, postSm3: e.post_sm3 })),
    notices: notices.map(toNotice),
    followUps: followUps.map((f) => ({ at: iso(f.at), by: f.by_name, note: f.note, ...(f.outcome ? { outcome: f.outcome } : {}) })),
    closure: row.closed_at && row.resolution
      ? { at: iso(row.closed_at), by: await closedByName(ctx.db, row.closed_by), resolution: row.resolution, note: row.close_note ?? '' }
      : null,
    breachRecord: breach ? {
      recordedAt: iso(breach.recorded_at), recordedBy: breach.recorded_by_name, cause: breach.cause, infoTypes: breach.info_types, harm: breach.harm,
      measures: breach.measures, individualMeasures: breach.individual_measures, contact: breach.contact, authority: breach.authority,
    } : null,
    timeline: events.map((e) => ({ at: iso(e.at), act: e.act, by: e.by_name, summary: e.summary })),
    abilities: abilitiesOf(actor, row, row.has_breach),
  };
}

/**
 * The home page's 待办 (dashboard kind `openIncidents`): unclosed incidents this person sees.
 * Items name the source and the state only — no child's name is read for the home page.
 */
export async function openIncidentsTodo(ctx: AppContext, actor: Actor): Promise<{ count: number; items: Array<{ id: string; title: string; note: string }> } | null> {
  if (!seesIncidents(actor)) return null;
  const now = new Date();
  const rows = (await visibleIncidents(ctx, actor, {})).filter((r) => r.status !== 'closed');
  return {
    count: rows.length,
    items: rows.map((r) => ({
      id: r.id, title: r.source_name,
      note: `${STATUSES[r.status].replace(/（.*$/u, '')} · ${shanghaiDate(new Date(r.detected_at))} 发现${isOverdue(r, now) ? ' · 已逾期' : ''}`,
    })),
  };
}
