import { can, errors } from '@hutong/core';
import { assemblePackage, deriveChildPrints, derivePackageKeys, DERIVE_VERSION, encodeChildPrints, packageKeyFor, type AssembleStats } from '@hutong/screen';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { subtreePrefix } from '../access/jurisdiction.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { sm3 } from '../shared/crypto/sm3.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { SCREENING_BASIS, screeningCombinations, screeningRows, type ScreeningRow } from '../registry/screening-source.service.ts';
import { childRef, childRefKey, screeningRootKey } from './screen-keys.ts';
import { screeningCues } from './screening-cues.ts';
import * as repo from './screening-prints.repo.ts';

/**
 * `hutong screen build` (第五条): compiles the leak-screening package for the actor's jurisdiction.
 * Children whose registry rows changed since their prints were derived (or that are new, or whose
 * prints belong to an older key epoch or derivation) are decrypted and fingerprinted again; the
 * rest are reused from screening_prints; children no longer in the registry are dropped. Then the
 * package is assembled from the stored prints alone.
 *
 * Key epochs: every package of one epoch shares its package key, which is what makes reuse
 * possible. A new epoch — `rekey`, or automatically once the epoch is REKEY_AFTER_DAYS old —
 * re-derives everyone, so an old package's key stops matching new packages.
 */

export const DEFAULT_VALID_DAYS = 30;
export const MAX_VALID_DAYS = 90;
export const REKEY_AFTER_DAYS = 90;
export const BUILD_REASON = 'screen_package_build';
const ARTICLE = '《困境儿童个人信息保护工作办法》第五条';
const DAY = 86_400_000;

export interface BuildOptions {
  readonly validDays?: number;
  readonly rekey?: boolean;
  readonly now?: Date;
}

export interface BuildReport {
  readonly version: number;
  readonly epoch: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly children: number;
  readonly fingerprints: number;
  /** Children decrypted and fingerprinted in this build. */
  readonly derived: number;
  /** Children whose stored prints were reused. */
  readonly reused: number;
  /** Children dropped (deleted or moved out of the jurisdiction). */
  readonly removed: number;
  readonly bytes: number;
  /** SM3 of the package file, hex. */
  readonly digest: string;
  readonly seconds: number;
  readonly stats: AssembleStats;
}

function stale(row: ScreeningRow, stored: repo.StoredPrintState | undefined, epoch: number): boolean {
  return !stored || stored.keyEpoch !== epoch || stored.deriveVersion !== DERIVE_VERSION || !stored.rowVersion.equals(row.version);
}

async function chooseEpoch(ctx: AppContext, now: Date, rekey: boolean): Promise<number> {
  const latest = await repo.latestPackage(ctx.db);
  if (!latest) return 1;
  const started = await repo.epochStartedAt(ctx.db, latest.key_epoch);
  const old = started !== undefined && now.getTime() - started.getTime() > REKEY_AFTER_DAYS * DAY;
  return rekey || old ? latest.key_epoch + 1 : latest.key_epoch;
}

export async function buildScreeningPackage(ctx: AppContext, actor: Actor, opts: BuildOptions = {}): Promise<{ bytes: Buffer; report: BuildReport }> {
  const t0 = performance.now();
  if (!can(actor.role, 'screen.build')) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'process', outcome: 'denied', reason: BUILD_REASON }));
    throw errors.forbidden('编制泄露巡查包须由个人信息保护负责人进行（screen.build）：巡查包由名册中全部儿童的信息加工而成', ARTICLE);
  }
  const validDays = opts.validDays ?? DEFAULT_VALID_DAYS;
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_VALID_DAYS) {
    throw errors.validation([{ field: 'validDays', message: `有效期应为 1–${MAX_VALID_DAYS} 天的整数：过期的巡查包不含名册此后的变化（${ARTICLE}）` }]);
  }
  const now = opts.now ?? new Date();
  const epoch = await chooseEpoch(ctx, now, opts.rekey === true);
  const root = screeningRootKey(ctx.keyring);
  const packageKey = packageKeyFor(root, epoch);
  root.fill(0);
  const keys = derivePackageKeys(packageKey);
  const refKey = childRefKey(ctx.keyring);
  const prefix = subtreePrefix(actor.jurisdiction);

  const rows = await screeningRows(ctx, actor);
  const stored = await repo.printStates(ctx.db, prefix);
  const todo = rows.filter((r) => stale(r, stored.get(r.childId), epoch));
  let derived = 0;
  for await (const page of screeningCombinations(ctx, actor, todo)) {
    await repo.upsertPrints(ctx.db, page.map((c) => ({
      child_id: c.childId, region_code: c.regionCode, ref: childRef(refKey, c.childId), row_version: c.version,
      key_epoch: epoch, derive_version: DERIVE_VERSION, prints: encodeChildPrints(deriveChildPrints(keys, c.combinations)),
    })));
    derived += page.length;
  }
  const live = new Set(rows.map((r) => r.childId));
  const gone = [...stored.keys()].filter((id) => !live.has(id));
  await repo.deletePrints(ctx.db, gone);

  const version = await repo.nextPackageVersion(ctx.db);
  const expiresAt = new Date(now.getTime() + validDays * DAY);
  const children = await repo.printsFor(ctx.db, prefix);
  const { bytes, stats } = assemblePackage({
    packageKey, epoch, version, createdAt: now, expiresAt, children: () => children, cues: screeningCues(),
  });
  const digest = sm3(bytes);
  await repo.recordPackage(ctx.db, {
    version, key_epoch: epoch, region_code: actor.jurisdiction, created_at: now, expires_at: expiresAt, children: stats.children,
    fingerprints: stats.fingerprints, derived, reused: rows.length - todo.length, removed: gone.length, bytes: bytes.length, digest,
    built_by: actor.userId, built_org_id: actor.orgId,
  });
  await appendLedger(ctx.db, processingRecord(actor, {
    act: 'process', basis: SCREENING_BASIS, outcome: 'succeeded',
    reason: `${BUILD_REASON}:v${version}:epoch${epoch}:children${stats.children}:derived${derived}`,
  }));
  packageKey.fill(0);
  return {
    bytes,
    report: {
      version, epoch, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), children: stats.children, fingerprints: stats.fingerprints,
      derived, reused: rows.length - todo.length, removed: gone.length, bytes: bytes.length, digest: digest.toString('hex'),
      seconds: (performance.now() - t0) / 1000, stats,
    },
  };
}
