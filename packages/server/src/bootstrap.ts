import type { AppContext } from './context.ts';
import { getDivisions } from '@hutong/divisions';
import { ensureFirstAdmin } from './users/first-admin.ts';

export interface BootstrapOptions {
  print: (line: string) => void;
}

/** First-start work shared by the server and the CLI. */
export async function bootstrap(ctx: AppContext, opts: BootstrapOptions): Promise<void> {
  await ensureFirstAdmin(ctx, opts);
  // Loaded now rather than on the first request that checks a region (~0.4 s).
  getDivisions();
}
