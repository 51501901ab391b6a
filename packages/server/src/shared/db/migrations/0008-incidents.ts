import { sql, type Kysely } from 'kysely';

/**
 * Leak incidents (第五条): a screening hit resolved to a registered child becomes an incident the
 * child's owning org sees. Only what handling needs is kept: the post's id and link, the SM3 of
 * its text and an excerpt after 技术处理 — never the post itself. Notices to the platform or
 * publisher, follow-ups, the closure and, for a leak from inside the platform, the breach record
 * (个人信息保护法 第五十七条; 未成年人网络保护条例 第三十五条). Incidents outlive a child's
 * crypto-shredding (no cascade): they are the record that a disclosure was handled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incidents (
      id uuid PRIMARY KEY,
      status text NOT NULL CHECK (status IN ('open', 'notified', 'closed')),
      source_kind text NOT NULL CHECK (source_kind IN ('cyberspace_screening', 'platform_self', 'internal')),
      source_name text NOT NULL,
      post_id text NOT NULL,
      url text,
      child_id uuid NOT NULL REFERENCES children(id),
      child_ref text NOT NULL,
      owner_org_id uuid NOT NULL REFERENCES orgs(id),
      child_region_code text NOT NULL,
      flags text[] NOT NULL DEFAULT '{}',
      score double precision NOT NULL,
      package_version text,
      ingest_org_id uuid NOT NULL REFERENCES orgs(id),
      ingested_by uuid NOT NULL REFERENCES users(id),
      detected_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      due_at timestamptz,
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id),
      resolution text CHECK (resolution IN ('removed', 'corrected', 'false_hit', 'not_actionable')),
      close_note text,
      UNIQUE (source_name, post_id, child_id),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
      CHECK ((closed_at IS NULL) = (resolution IS NULL))
    );
    CREATE INDEX incidents_region_idx ON incidents (child_region_code text_pattern_ops, status);
    CREATE INDEX incidents_ingest_org_idx ON incidents (ingest_org_id, status);

    CREATE TABLE incident_evidence (
      incident_id uuid NOT NULL REFERENCES incidents(id),
      position integer NOT NULL,
      kinds text[] NOT NULL,
      excerpt text,
      post_sm3 text,
      PRIMARY KEY (incident_id, position)
    );

    CREATE TABLE incident_notices (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      recipient text NOT NULL,
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('platform', 'publisher')),
      request text NOT NULL CHECK (request IN ('remove', 'correct', 'mask')),
      contact text NOT NULL,
      issued_by uuid NOT NULL REFERENCES users(id),
      issued_org_id uuid NOT NULL REFERENCES orgs(id),
      issued_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      CHECK (due_at > issued_at)
    );
    CREATE INDEX incident_notices_incident_idx ON incident_notices (incident_id, issued_at);

    CREATE TABLE incident_follow_ups (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      at timestamptz NOT NULL,
      by_user uuid NOT NULL REFERENCES users(id),
      note text NOT NULL,
      outcome text CHECK (outcome IN ('removed', 'corrected', 'no_response', 'refused'))
    );
    CREATE INDEX incident_follow_ups_incident_idx ON incident_follow_ups (incident_id, at);

    CREATE TABLE incident_breaches (
      incident_id uuid PRIMARY KEY REFERENCES incidents(id),
      cause text NOT NULL,
      info_types text[] NOT NULL,
      harm text NOT NULL,
      measures text NOT NULL,
      individual_measures text NOT NULL,
      contact text NOT NULL,
      authority text NOT NULL,
      recorded_by uuid NOT NULL REFERENCES users(id),
      recorded_org_id uuid NOT NULL REFERENCES orgs(id),
      recorded_at timestamptz NOT NULL
    );

    CREATE TABLE incident_events (
      id bigserial PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id),
      at timestamptz NOT NULL,
      act text NOT NULL,
      by_user uuid REFERENCES users(id),
      summary text NOT NULL
    );
    CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE incident_events; DROP TABLE incident_breaches; DROP TABLE incident_follow_ups; DROP TABLE incident_notices; DROP TABLE incident_evidence; DROP TABLE incidents;`.execute(db);
}
