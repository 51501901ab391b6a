export { buildApp, type BuildOptions } from './app.ts';
export { createContext, type AppContext, type ContextOptions } from './context.ts';
export { loadConfig, type Config } from './shared/config/config.ts';
export type { Actor } from './shared/http/actor.ts';
export { bootstrap } from './bootstrap.ts';
export { orgsService } from './orgs/index.ts';
export { usersService } from './users/index.ts';
export { seedDemo } from './demo/index.ts';
export { verifyLedger } from './ledger/ledger-verify.service.ts';
