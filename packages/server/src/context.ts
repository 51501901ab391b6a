import type { Kysely } from 'kysely';
import { loadConfig, type Config } from './shared/config/config.ts';
import { createDb, type DbHandle } from './shared/db/index.ts';
import type { Database } from './shared/db/schema.ts';
import { loadOrCreateKeyring, type Keyring } from './shared/crypto/index.ts';
import { LedgerSequencer } from './ledger/ledger-sequencer.ts';
import { reloadingKeyring } from './keys/reloading-keyring.ts';
import path from 'node:path';
import { PurposesStore } from './policy/purposes-store.ts';

/**
 * Everything a request, a CLI command or a job needs, built once per process. The CLI builds
 * the same context as the server (same data dir / DATABASE_URL, migrations applied).
 */
export interface AppContext {
  readonly config: Config;
  readonly dbh: DbHandle;
  readonly db: Kysely<Database>;
  readonly keyring: Keyring;
  /** Numbers, chains and checkpoints ledger entries; `flush()` before reading proofs. */
  readonly ledger: LedgerSequencer;
  /** The purposes catalogue in force (seeded, edited by protection officers). */
  readonly purposes: PurposesStore;
  /** onClose runs before the database closes (stop jobs), afterClose after it (remove temp files). */
  readonly hooks: { onClose: Array<() => Promise<void> | void>; afterClose: Array<() => Promise<void> | void> };
  close(): Promise<void>;
}

export interface ContextOptions {
  config?: Config;
  /** Tests: an in-memory PGlite (no data dir) or a prepared PostgreSQL URL. */
  inMemory?: boolean;
}

export async function createContext(opts: ContextOptions = {}): Promise<AppContext> {
  const config = opts.config ?? loadConfig();
  // Re-reads the key file when it meets a master-key version it does not hold (after `hutong keys rotate`).
  const keyring = reloadingKeyring(loadOrCreateKeyring({ keyFile: config.keyFile, env: process.env }), config.keyFile);
  const dbh = await createDb({ databaseUrl: config.databaseUrl, dataDir: opts.inMemory ? undefined : config.dataDir });
  const hooks: AppContext['hooks'] = { onClose: [], afterClose: [] };
  const ledger = new LedgerSequencer(dbh.db, keyring, path.join(config.dataDir, 'ledger', 'checkpoints.jsonl'));
  hooks.onClose.push(async () => {
    await ledger.stop();
    await ledger.flush();
  });
  const purposes = new PurposesStore(dbh.db);
  await purposes.reload();
  return {
    config, dbh, db: dbh.db, keyring, ledger, purposes, hooks,
    async close() {
      for (const h of hooks.onClose.reverse()) await h();
      await dbh.close();
      for (const h of hooks.afterClose.reverse()) await h();
    },
  };
}
