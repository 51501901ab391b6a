import { can, shanghaiDate } from '@hutong/core';
import type { DeletionTask } from '../consent/deletion-tasks.service.ts';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { listMine } from '../sharing/sharing.service.ts';
import { listGrants } from '../sharing/grant-access.service.ts';
import { turningFourteen } from '../consent/turning-14.service.ts';
import { deletionTasks } from '../consent/deletion-tasks.service.ts';
import { pendingEmergencyReviews } from '../registry/emergency.service.ts';
import { today } from '../registry/registry.service.ts';
import { openIncidentsTodo } from '../incidents/incident.service.ts';

export const TODO_KINDS = ['sharingApprovals', 'expiringGrants', 'turningFourteen', 'deletionTasks', 'emergencyReviews', 'openIncidents'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface TodoItem {
  id: string;
  /** A masked child name (张**) or an org's name: enough to tell the rows apart. */
  title: string;
  note: string;
  childId?: string;
}
export interface Todo { kind: TodoKind; count: number; items: TodoItem[] }

const FIRST = 5;
const WHY_DELETE: Record<DeletionTask['reason'], string> = { age_18: '已满十八周岁', consent_ended: '同意均已撤回或到期', purpose_ended: '处理目的已结束' };
const GRANT_WARNING_DAYS = 14;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const list = (kind: TodoKind, items: TodoItem[]): Todo => ({ kind, count: items.length, items: items.slice(0, FIRST) });

/** A child.read role bound to an org: the work lists read the register and would refuse anyone else. */
export const readsRegister = (actor: Actor) => can(actor.role, 'child.read') && !!actor.orgType && !!actor.orgRegion;

/**
 * Each list is asked for only when the role may see it, so nobody meets a 403 on their home
 * page and nothing is read (or ledgered) for a list the person could not open.
 */
export async function todoFor(ctx: AppContext, actor: Actor): Promise<Todo[]> {
  const out: Todo[] = [];
  if (can(actor.role, 'sharing.approve') && actor.orgId) {
    const { items } = await listMine(ctx, actor, { box: 'incoming', status: 'requested' });
    out.push(list('sharingApprovals', items.map((a) => ({ id: a.id, title: a.requesterOrg.name, note: `${a.purposeLabel} · ${shanghaiDate(new Date(a.requestedAt))} 申请` }))));
  }
  if (readsRegister(actor) && can(actor.role, 'sharing.request')) {
    const horizon = addDays(today(), GRANT_WARNING_DAYS);
    const { items } = await listGrants(ctx, actor);
    out.push(list('expiringGrants', items.filter((g) => g.endsOn <= horizon).map((g) => ({ id: g.agreementId, title: g.ownerOrg.name, note: `${g.purposeLabel} · ${g.endsOn} 到期` }))));
  }
  if (readsRegister(actor)) {
    // Both read birth dates of the whole scope; neither waits for the other.
    const [turning, deletions] = await Promise.all([turningFourteen(ctx, actor, 60), deletionTasks(ctx, actor)]);
    out.push(list('turningFourteen', turning.map((c) => ({ id: c.childId, childId: c.childId, title: c.name ?? '（姓名未登记）', note: `${c.regionName} · ${c.fourteenFrom} 起满十四周岁` }))));
    out.push(list('deletionTasks', deletions.map((d) => ({ id: d.childId, childId: d.childId, title: d.name ?? '（姓名未登记）', note: `${d.regionName} · ${WHY_DELETE[d.reason]}` }))));
  }
  if (actor.role === 'protection_officer') {
    const reviews = await pendingEmergencyReviews(ctx, actor);
    out.push(list('emergencyReviews', reviews.map((r) => ({ id: r.id, title: `${r.userOrg ?? ''} ${r.userName ?? ''}`.trim() || '（未知查阅人）', note: `${shanghaiDate(new Date(r.createdAt))} 紧急查阅 ${r.ownerOrg} 的记录` }))));
  }
  // 第五条: how the owning org is told of a leak. Shown only when there is one to handle.
  const incidents = await openIncidentsTodo(ctx, actor);
  if (incidents?.count) out.push(list('openIncidents', incidents.items));
  return out;
}
