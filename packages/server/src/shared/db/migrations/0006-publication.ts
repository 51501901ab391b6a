import { sql, type Kysely } from 'kysely';

/**
 * Publication review (第八、十三、十四、十五条): the submission, its files (original draft and the
 * processed version, both sealed), the registered children it was linked to, and the decision.
 *
 * Two data keys per publication, each wrapped by the master key: the record key seals what is
 * kept as the record of a 公开 act (processed files, checks, masked findings; 个人信息保护法
 * 第五十六条: at least three years); the draft key seals the originals and the raw detected text.
 * Destroying the draft key (approval, or 30 days after a return or a block) shreds every draft
 * copy at once, including copies left in dead tuples or backups.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE publications (
      id uuid PRIMARY KEY,
      revision_of uuid REFERENCES publications(id),
      kind text NOT NULL,
      channel text NOT NULL,
      audience text NOT NULL,
      purpose text NOT NULL,
      title text NOT NULL,
      submitted_by uuid NOT NULL REFERENCES users(id),
      submitter_org_id uuid NOT NULL REFERENCES orgs(id),
      region_code text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL CHECK (status IN ('blocked', 'in_review', 'approved', 'returned')),
      outcome text NOT NULL CHECK (outcome IN ('blocked', 'needs_consent', 'flagged', 'ok')),
      record_key_wrapped bytea NOT NULL,
      record_key_version integer NOT NULL,
      record_enc bytea NOT NULL,
      draft_key_wrapped bytea,
      draft_key_version integer,
      draft_enc bytea,
      draft_purge_after timestamptz,
      draft_purged_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_note text,
      return_reasons text[],
      manifest_sm3 text,
      CHECK ((draft_key_wrapped IS NULL) = (draft_purged_at IS NOT NULL)),
      CHECK (status <> 'approved' OR manifest_sm3 IS NOT NULL)
    );
    CREATE INDEX publications_submitter_idx ON publications (submitted_by, submitted_at);
    CREATE INDEX publications_region_idx ON publications (region_code, status);
    CREATE INDEX publications_purge_idx ON publications (draft_purge_after) WHERE draft_purged_at IS NULL;

    CREATE TABLE publication_files (
      id uuid PRIMARY KEY,
      publication_id uuid NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
      position integer NOT NULL,
      role text NOT NULL CHECK (role IN ('document', 'image', 'audio', 'transcript')),
      name text NOT NULL,
      media_type text NOT NULL,
      original_enc bytea,
      original_size integer NOT NULL,
      original_sm3 text NOT NULL,
      processed_enc bytea,
      processed_size integer,
      processed_sm3 text,
      UNIQUE (publication_id, position),
      UNIQUE (publication_id, name)
    );

    CREATE TABLE publication_children (
      publication_id uuid NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      ref text NOT NULL,
      matched_by text NOT NULL,
      owner_org_id uuid NOT NULL REFERENCES orgs(id),
      PRIMARY KEY (publication_id, child_id),
      UNIQUE (publication_id, ref)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE publication_children; DROP TABLE publication_files; DROP TABLE publications;`.execute(db);
}
