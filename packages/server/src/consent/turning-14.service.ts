import { compareIsoDates, firstDayOfAge, PURPOSE_CODES, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { birthDatesInScope, workListLabels } from '../registry/registry-lookup.service.ts';
import { today } from '../registry/registry.service.ts';

export interface TurningFourteen {
  childId: string;
  /** Masked (张**), so rows can be told apart. */
  name: string | null;
  regionName: string;
  /** The first day the child counts as 已满十四周岁 (the day after the 14th birthday). */
  fourteenFrom: string;
  daysLeft: number;
  /** Purposes whose active consents come from the guardian only: the child's own consent is needed from that day. */
  purposes: Array<{ code: string; label: string }>;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * 第十二条: from the day a child is 已满十四周岁 the child's own consent is needed (and the guardian
 * informed). This queue lists children reaching that day within `withinDays` whose processing
 * today rests on guardian consent alone, so officers can ask the child in time.
 */
export async function turningFourteen(ctx: AppContext, actor: Actor, withinDays = 60): Promise<TurningFourteen[]> {
  const t = today();
  const horizon = addDays(t, withinDays);
  const soon = (await birthDatesInScope(ctx, actor))
    .map((c) => ({ ...c, from: firstDayOfAge(c.birthDate, 14) }))
    .filter((c) => compareIsoDates(c.from, t) > 0 && compareIsoDates(c.from, horizon) <= 0);
  if (soon.length === 0) return [];
  const consents = await ctx.db.selectFrom('consents').select(['child_id', 'given_by', 'purposes', 'valid_until'])
    .where('child_id', 'in', soon.map((c) => c.id)).where('withdrawn_at', 'is', null).execute();
  const items = soon.flatMap((c) => {
    const active = consents.filter((x) => x.child_id === c.id && (!x.valid_until || x.valid_until >= t));
    const byChild = new Set(active.filter((x) => x.given_by === 'child').flatMap((x) => x.purposes));
    const guardianOnly = [...new Set(active.filter((x) => x.given_by === 'guardian').flatMap((x) => x.purposes))].filter((p) => !byChild.has(p));
    if (guardianOnly.length === 0) return [];
    const daysLeft = Math.round((Date.parse(`${c.from}T00:00:00Z`) - Date.parse(`${t}T00:00:00Z`)) / 86_400_000);
    return [{ childId: c.id, fourteenFrom: c.from, daysLeft, purposes: guardianOnly.map((p) => ({ code: p, label: PURPOSE_CODES[p as PurposeCode] ?? p })) }];
  }).sort((a, b) => a.daysLeft - b.daysLeft);
  const labels = await workListLabels(ctx, actor, items.map((i) => i.childId), 'turning14_queue');
  return items.map((i) => ({ ...i, name: labels.get(i.childId)?.name ?? null, regionName: labels.get(i.childId)?.regionName ?? '' }));
}
