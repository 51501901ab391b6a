export { buildApp, type BuildOptions } from './app.ts';
export { createContext, type AppContext, type ContextOptions } from './context.ts';
export { loadConfig, type Config } from './shared/config/config.ts';
export type { Actor } from './shared/http/actor.ts';
