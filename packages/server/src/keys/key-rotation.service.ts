import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { addMasterKeyVersion, rewrapDataKey, type Keyring } from '../shared/crypto/index.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { applyRewraps, countByVersion, KEY_HOLDER_NAMES, KEY_HOLDERS, wrappedKeysBelow, type KeyHolder, type Rewrap } from './keys.repo.ts';

export interface RotateOptions {
  actor: Actor;
  /** Rows per UPDATE: small, so a running server's writes never wait long on a row lock. */
  batchSize?: number;
  onProgress?: (p: { done: number; total: number }) => void;
}

export interface RotateReport {
  from: number;
  to: number;
  /** Data keys (children's, publications' record and draft keys) not under the new version when rotation started. */
  total: number;
  rewrapped: number;
  /** Re-wrapped, by where the key is kept. */
  byHolder: Record<KeyHolder, number>;
  /** Changed under us (shredded, destroyed, or re-wrapped by another process): left as they were. */
  skipped: number;
  failed: Array<{ holder: KeyHolder; id: string; message: string }>;
  /** Still under an older version at the end (the server kept writing under its old current version). */
  remaining: number;
  seconds: number;
}

const MAX_PASSES = 5;

/**
 * Master key rotation (等保2.0 密钥管理): adds version n+1 to the key file and re-wraps every
 * data key to it — each child's, and each publication's record and draft keys. Sealed data is
 * never touched: only the 32-byte data keys move.
 * Old versions stay in the file, so a server still running with the old keyring reads old
 * rows as before, and (with ReloadingKeyring) re-reads the file when it meets a new version.
 */
export async function rotateMasterKey(ctx: AppContext, opts: RotateOptions): Promise<RotateReport> {
  if (opts.actor.role !== 'admin') throw errors.forbidden('只有系统管理员可以轮换主密钥');
  const started = process.hrtime.bigint();
  const from = ctx.keyring.currentVersion;
  const next = addMasterKeyVersion(ctx.keyring, ctx.config.keyFile);
  const to = next.currentVersion;
  const byHolder = Object.fromEntries(KEY_HOLDER_NAMES.map((h) => [h, 0])) as Record<KeyHolder, number>;
  const report: RotateReport = { from, to, total: 0, rewrapped: 0, byHolder, skipped: 0, failed: [], remaining: 0, seconds: 0 };
  try {
    report.total = await below(ctx, to);
    await rewrapAll(ctx, next, to, opts, report);
    report.remaining = (await below(ctx, to)) - report.failed.length;
  } finally {
    report.seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Counts only: which keys moved is not personal-data processing, and ids add nothing.
    await appendLedger(ctx.db, {
      category: 'admin', act: 'key_rotate', actorUserId: opts.actor.userId, actorOrgId: opts.actor.orgId, requestId: opts.actor.requestId,
      outcome: report.failed.length === 0 && report.rewrapped + report.skipped >= report.total ? 'succeeded' : 'failed',
      reason: `v${from}->v${to} rewrapped:${report.rewrapped} skipped:${report.skipped} failed:${report.failed.length}`,
    });
  }
  return report;
}

async function below(ctx: AppContext, version: number): Promise<number> {
  return (await countByVersion(ctx.db)).filter((v) => v.version < version).reduce((a, v) => a + v.children + v.publicationKeys, 0);
}

async function rewrapAll(ctx: AppContext, keyring: Keyring, to: number, opts: RotateOptions, report: RotateReport): Promise<void> {
  const size = opts.batchSize ?? 200;
  const failed = new Set<string>();
  // Keys written by a server that has not yet picked up the new version land under the old
  // one, possibly behind our cursor; another pass catches them.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = 0;
    for (const holder of KEY_HOLDER_NAMES) {
      const { label } = KEY_HOLDERS[holder];
      for (let after = ''; ;) {
        const rows = await wrappedKeysBelow(ctx.db, holder, to, after, size);
        if (rows.length === 0) break;
        after = rows.at(-1)!.id;
        const batch: Rewrap[] = [];
        for (const r of rows) {
          if (failed.has(`${holder}:${r.id}`)) continue;
          try {
            const w = rewrapDataKey(keyring, r.wrapped, r.version, label(r.id));
            batch.push({ id: r.id, oldWrapped: r.wrapped, oldVersion: r.version, wrapped: w.wrapped, version: w.masterVersion });
          } catch (err) {
            // A key that does not open is an integrity alarm for that row, not a reason to stop the others.
            failed.add(`${holder}:${r.id}`);
            report.failed.push({ holder, id: r.id, message: (err as Error).message });
          }
        }
        const applied = await applyRewraps(ctx.db, holder, batch);
        moved += applied;
        report.rewrapped += applied;
        report.byHolder[holder] += applied;
        report.skipped += batch.length - applied;
        opts.onProgress?.({ done: report.rewrapped + report.skipped + report.failed.length, total: report.total });
      }
    }
    if (moved === 0) break;
  }
}

export interface KeyStatus {
  suite: string;
  currentVersion: number;
  versions: Array<{ version: number; children: number; publicationKeys: number; inKeyFile: boolean }>;
}

/** Which master key versions exist and how many data keys (children's, publications') each one wraps. */
export async function keyStatus(ctx: AppContext): Promise<KeyStatus> {
  const counts = await countByVersion(ctx.db);
  const all = [...new Set([...ctx.keyring.versions, ...counts.map((c) => c.version)])].sort((a, b) => a - b);
  return {
    suite: ctx.keyring.suite.name,
    currentVersion: ctx.keyring.currentVersion,
    versions: all.map((v) => {
      const c = counts.find((x) => x.version === v);
      return { version: v, children: c?.children ?? 0, publicationKeys: c?.publicationKeys ?? 0, inKeyFile: ctx.keyring.versions.includes(v) };
    }),
  };
}
