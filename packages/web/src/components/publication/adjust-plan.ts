import type { AdjustBody, PublicationDetail } from '../../api/publications.ts';

/**
 * The server replaces a publication's keeps, dismissals and additions as a whole set, so every
 * change the console makes is the set now on record with that one change applied.
 */
export function planOf(pub: PublicationDetail): AdjustBody {
  const of = (action: 'keep' | 'remove') => pub.adjustments.filter((a) => a.action === action).map((a) => ({ id: a.id, reason: a.reason }));
  return { keep: of('keep'), remove: of('remove'), add: (pub.additions ?? []).map((a) => ({ type: a.type, text: a.text, reason: a.reason })) };
}

/** Keep it, dismiss it as not personal information, or (null) process it again. */
export function decide(plan: AdjustBody, id: string, action: 'keep' | 'remove' | null, reason = ''): AdjustBody {
  const keep = plan.keep.filter((k) => k.id !== id);
  const remove = plan.remove.filter((r) => r.id !== id);
  if (action === 'keep') keep.push({ id, reason });
  if (action === 'remove') remove.push({ id, reason });
  return { keep, remove, add: plan.add };
}

export function addTerm(plan: AdjustBody, add: AdjustBody['add'][number]): AdjustBody {
  return { ...plan, add: [...plan.add, add] };
}

export function dropAddition(plan: AdjustBody, index: number): AdjustBody {
  return { ...plan, add: plan.add.filter((_, i) => i !== index) };
}

/** What the reviewer decided for an id, with the reason given. */
export function decisionOf(plan: AdjustBody, id: string): { action: 'keep' | 'remove'; reason: string } | null {
  const k = plan.keep.find((x) => x.id === id);
  if (k) return { action: 'keep', reason: k.reason };
  const r = plan.remove.find((x) => x.id === id);
  return r ? { action: 'remove', reason: r.reason } : null;
}
