import path from 'node:path';

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly keyFile: string;
  readonly host: string;
  readonly port: number;
  /** 等保: lock an account after this many consecutive failures. */
  readonly lockoutThreshold: number;
  readonly lockoutMinutes: number;
  readonly idleTimeoutMinutes: number;
  readonly sessionMaxHours: number;
  /** Secure cookies need HTTPS; off for http://localhost. */
  readonly secureCookies: boolean;
  /** How long an unsequenced ledger entry may wait before verification calls it a failure. */
  readonly ledgerSequencingWindowMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.HUTONG_DATA_DIR ?? 'data');
  return Object.freeze({
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    keyFile: path.resolve(env.HUTONG_KEY_FILE ?? path.join(dataDir, 'keys', 'master.json')),
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    lockoutThreshold: Number(env.HUTONG_LOCKOUT_THRESHOLD ?? 5),
    lockoutMinutes: Number(env.HUTONG_LOCKOUT_MINUTES ?? 30),
    idleTimeoutMinutes: Number(env.HUTONG_IDLE_TIMEOUT_MINUTES ?? 30),
    sessionMaxHours: Number(env.HUTONG_SESSION_MAX_HOURS ?? 12),
    secureCookies: env.HUTONG_SECURE_COOKIES === '1',
    ledgerSequencingWindowMs: Number(env.HUTONG_LEDGER_WINDOW_MS ?? 60_000),
    ...overrides,
  });
}
