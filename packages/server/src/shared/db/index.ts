export { createDb, type DbHandle, type DbOptions, type Engine } from './create-db.ts';
export type * from './schema.ts';
