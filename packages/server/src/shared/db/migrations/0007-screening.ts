import { sql, type Kysely } from 'kysely';

/**
 * Leak screening (第五条): per child, the keyed prints a screening package is assembled from, with
 * the registry row version they were derived from, so a rebuild re-derives only changed children;
 * and one row per package built. Prints are HMAC-SM3 fingerprints and pre-filter hashes under the
 * epoch's package key — no value of the child. `ref` is the opaque reference hits carry: the
 * platform resolves it here and nowhere else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE screening_prints (
      child_id uuid PRIMARY KEY REFERENCES children(id) ON DELETE CASCADE,
      region_code text NOT NULL,
      ref bytea NOT NULL UNIQUE,
      row_version bytea NOT NULL,
      key_epoch integer NOT NULL,
      derive_version integer NOT NULL,
      prints bytea NOT NULL,
      derived_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX screening_prints_region_idx ON screening_prints (region_code text_pattern_ops);

    CREATE SEQUENCE screening_package_version_seq;
    CREATE TABLE screening_packages (
      version integer PRIMARY KEY,
      key_epoch integer NOT NULL,
      region_code text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      children integer NOT NULL,
      fingerprints integer NOT NULL,
      derived integer NOT NULL,
      reused integer NOT NULL,
      removed integer NOT NULL,
      bytes bigint NOT NULL,
      digest bytea NOT NULL,
      built_by text NOT NULL,
      built_org_id uuid REFERENCES orgs(id),
      CHECK (expires_at > created_at)
    );
    CREATE INDEX screening_packages_epoch_idx ON screening_packages (key_epoch);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE screening_packages; DROP SEQUENCE screening_package_version_seq; DROP TABLE screening_prints;`.execute(db);
}
