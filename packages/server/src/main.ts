import { buildApp } from './app.ts';
import { createContext } from './context.ts';
import { bootstrap } from './bootstrap.ts';
import { reloadKeyring } from './keys/reloading-keyring.ts';
import { startDraftPurge } from './review/index.ts';

/** `npm start`: open the data dir (or DATABASE_URL), apply migrations, create the first admin, listen. */
const ctx = await createContext();
await bootstrap(ctx, { print: (line) => console.log(line) });
ctx.ledger.start();
startDraftPurge(ctx);
const app = await buildApp(ctx, { logger: true, serveWeb: true });
const shutdown = async () => {
  await app.close();
  await ctx.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
// `kill -HUP` makes a running server pick up a rotated key file at once.
process.on('SIGHUP', () => reloadKeyring(ctx.keyring));
await app.listen({ host: ctx.config.host, port: ctx.config.port });
console.log(`护童 Hutong 已启动：http://${ctx.config.host === '0.0.0.0' ? 'localhost' : ctx.config.host}:${ctx.config.port}  （数据库：${ctx.dbh.engine === 'pglite' ? `内嵌 PGlite，目录 ${ctx.config.dataDir}` : 'PostgreSQL'}）`);
