import type { AppContext } from './context.ts';
import { ensureFirstAdmin } from './users/first-admin.ts';

export interface BootstrapOptions {
  print: (line: string) => void;
}

/** First-start work shared by the server and the CLI. */
export async function bootstrap(ctx: AppContext, opts: BootstrapOptions): Promise<void> {
  await ensureFirstAdmin(ctx, opts);
}
