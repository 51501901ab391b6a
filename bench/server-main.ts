// The server exactly as packages/server/src/main.ts starts it, minus serving the built console
// (static files play no part in API load). Used by audited-reads.bench.ts only when main.ts
// itself fails to start; the report then says server=bench/server-main.ts.
import { buildApp } from '../packages/server/src/app.ts';
import { createContext } from '../packages/server/src/context.ts';
import { bootstrap } from '../packages/server/src/bootstrap.ts';

const ctx = await createContext();
await bootstrap(ctx, { print: (line) => console.log(line) });
ctx.ledger.start();
const app = await buildApp(ctx, { logger: true, serveWeb: false });
const shutdown = async () => {
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
await app.listen({ host: ctx.config.host, port: ctx.config.port });
