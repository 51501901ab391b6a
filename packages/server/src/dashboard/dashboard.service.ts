import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { todoFor, readsRegister } from './dashboard-todo.ts';
import { figuresFor } from './dashboard-figures.ts';
import { cachedFor } from './figures-cache.ts';
import type { DashboardDto } from './dashboard.schema.ts';

/**
 * The home page: what needs the person now, and figures for their jurisdiction. Admins and
 * auditors get neither child lists nor figures: they manage accounts or read the ledger, not the
 * register (等保 separation of duties). To-dos are always fresh; figures may be up to 60 s old.
 */
export async function dashboardFor(ctx: AppContext, actor: Actor): Promise<DashboardDto> {
  const todo = await todoFor(ctx, actor);
  if (!readsRegister(actor)) return { todo };
  return { todo, figures: await cachedFor(ctx, actor, () => figuresFor(ctx, actor)) };
}
