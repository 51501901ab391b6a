import { bootstrap, createContext, type AppContext } from './server-api.ts';
import { printError, stdio, type Out } from './output.ts';

export interface CommandEnv {
  ctx: AppContext;
  o: Out;
}

/**
 * Every command opens the same context as `npm start` (HUTONG_DATA_DIR or DATABASE_URL,
 * migrations applied, first admin created), does its work, sequences the ledger entries it
 * wrote and closes. An embedded database held by a running server refuses to open: the
 * lock error says so in Chinese. Returns the process exit code.
 */
export async function withContext(work: (env: CommandEnv) => Promise<number | void>, labels: Record<string, string> = {}): Promise<number> {
  const o = stdio;
  let ctx: AppContext | undefined;
  let code: number;
  try {
    ctx = await createContext();
    // stderr: stdout of e.g. `hutong org add` is meant to be captured (the new id).
    await bootstrap(ctx, { print: (line) => o.err(line) });
    code = (await work({ ctx, o })) ?? 0;
    await ctx.ledger.flush();
  } catch (err) {
    code = printError(o, err, labels);
  }
  if (ctx) {
    try {
      await ctx.close();
    } catch (err) {
      code = printError(o, err);
    }
  }
  return code;
}
