import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';

/**
 * Figures are kept per actor for 60 s: the home page is opened many times a day and each
 * computation decrypts the category of every child in scope (and ledgers it). Nothing
 * invalidates an entry early, so a child registered a moment ago shows up within a minute;
 * the key includes role, org and jurisdiction so a changed account never sees another scope.
 * A hit decrypts nothing and therefore writes no ledger entry.
 */
export const FIGURES_TTL_MS = 60_000;

const caches = new WeakMap<AppContext, Map<string, { until: number; value: Promise<unknown> }>>();

export function cachedFor<T>(ctx: AppContext, actor: Actor, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  const key = [actor.userId, actor.role, actor.orgId, actor.jurisdiction].join('|');
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  for (const [k, e] of cache) if (e.until <= now) cache.delete(k);
  // The promise is stored, so two tabs loading at once share one computation.
  const value = compute();
  cache.set(key, { until: now + FIGURES_TTL_MS, value });
  value.catch(() => cache.delete(key));
  return value;
}
