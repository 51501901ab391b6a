import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, ScreeningPackagesTable } from '../shared/db/schema.ts';

/**
 * Kysely only: the per-child prints a package is assembled from, and the record of packages built.
 * Rows hold keyed prints and an opaque reference, never a value of the child.
 */
type Db = Kysely<Database>;

export interface StoredPrintState {
  readonly childId: string;
  readonly rowVersion: Buffer;
  readonly keyEpoch: number;
  readonly deriveVersion: number;
}

export interface PrintRow {
  readonly child_id: string;
  readonly region_code: string;
  readonly ref: Buffer;
  readonly row_version: Buffer;
  readonly key_epoch: number;
  readonly derive_version: number;
  readonly prints: Buffer;
}

const PAGE = 10_000;

/** What is stored for the subtree (LIKE prefix), without the prints themselves. */
export async function printStates(db: Db, regionPrefix: string): Promise<Map<string, StoredPrintState>> {
  const out = new Map<string, StoredPrintState>();
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await db.selectFrom('screening_prints').select(['child_id', 'row_version', 'key_epoch', 'derive_version'])
      .where('region_code', 'like', `${regionPrefix}%`).where('child_id', '>', after).orderBy('child_id').limit(PAGE).execute();
    for (const r of rows) out.set(r.child_id, { childId: r.child_id, rowVersion: r.row_version, keyEpoch: r.key_epoch, deriveVersion: r.derive_version });
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.child_id;
  }
  return out;
}

export async function upsertPrints(db: Db, rows: readonly PrintRow[]): Promise<void> {
  if (!rows.length) return;
  await db.insertInto('screening_prints').values(rows.map((r) => ({ ...r, derived_at: new Date() })))
    .onConflict((oc) => oc.column('child_id').doUpdateSet((eb) => ({
      region_code: eb.ref('excluded.region_code'), ref: eb.ref('excluded.ref'), row_version: eb.ref('excluded.row_version'),
      key_epoch: eb.ref('excluded.key_epoch'), derive_version: eb.ref('excluded.derive_version'), prints: eb.ref('excluded.prints'), derived_at: eb.ref('excluded.derived_at'),
    })))
    .execute();
}

export async function deletePrints(db: Db, childIds: readonly string[]): Promise<void> {
  for (let i = 0; i < childIds.length; i += PAGE) {
    await db.deleteFrom('screening_prints').where('child_id', 'in', childIds.slice(i, i + PAGE)).execute();
  }
}

/** Refs and prints of the subtree, in child id order (the package's child order). */
export async function printsFor(db: Db, regionPrefix: string): Promise<Array<{ ref: Buffer; prints: Buffer }>> {
  const out: Array<{ ref: Buffer; prints: Buffer }> = [];
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await db.selectFrom('screening_prints').select(['child_id', 'ref', 'prints'])
      .where('region_code', 'like', `${regionPrefix}%`).where('child_id', '>', after).orderBy('child_id').limit(PAGE).execute();
    for (const r of rows) out.push({ ref: r.ref, prints: r.prints });
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.child_id;
  }
  return out;
}

/** The child an opaque reference stands for (part 2 resolves hits through this). */
export async function childIdOfRef(db: Db, ref: Buffer): Promise<string | undefined> {
  return (await db.selectFrom('screening_prints').select('child_id').where('ref', '=', ref).executeTakeFirst())?.child_id;
}

export async function latestPackage(db: Db) {
  return db.selectFrom('screening_packages').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function epochStartedAt(db: Db, epoch: number): Promise<Date | undefined> {
  const r = await db.selectFrom('screening_packages').select((eb) => eb.fn.min('created_at').as('first')).where('key_epoch', '=', epoch).executeTakeFirst();
  return r?.first ? new Date(r.first as unknown as string) : undefined;
}

export async function nextPackageVersion(db: Db): Promise<number> {
  const r = await sql<{ v: string | number }>`SELECT nextval('screening_package_version_seq') AS v`.execute(db);
  return Number(r.rows[0]!.v);
}

export async function recordPackage(db: Db, row: Insertable<ScreeningPackagesTable>): Promise<void> {
  await db.insertInto('screening_packages').values(row).execute();
}
