import type { AppContext } from '../../context.ts';

/** Options every capability plugin receives. */
export interface RouteOptions {
  ctx: AppContext;
}
