import type { AppContext } from '../context.ts';
import * as repo from './children.repo.ts';

/**
 * Questions other capabilities (import, demo seed) may ask about the registry as a whole without
 * reading any child: which ID-number blind indexes are taken (live children only — a shredded
 * child's number may be registered again), and how many children there are.
 */
export function registeredIdIndexes(ctx: AppContext, indexes: readonly Buffer[]): Promise<Set<string>> {
  return repo.existingIdNumberIndexes(ctx.db, [...indexes]);
}

export function countChildren(ctx: AppContext, ownerOrgId?: string): Promise<number> {
  return repo.countLiveChildren(ctx.db, ownerOrgId);
}

/** Sealed guardian rows for children already reached through the jurisdiction scope (exports). */
export function sealedGuardiansOf(ctx: AppContext, childIds: string[]) {
  return repo.guardiansOfChildren(ctx.db, childIds);
}
