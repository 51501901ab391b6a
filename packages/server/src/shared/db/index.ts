export { createDb, type DbHandle, type DbOptions, type Engine } from './create-db.ts';
export { bulkReaderOf, type BulkReader } from './bulk-read.ts';
export type * from './schema.ts';
