import { sql, type Kysely } from 'kysely';

/**
 * Data-sharing agreements (提供, 第四、六至十一条; 个人信息保护法 第二十三、五十五、五十六条): what
 * was asked, what the owner's protection officer decided with the impact assessment, and what was
 * granted. The granted children are resolved once, at approval, so a grant never silently grows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sharing_agreements (
      id uuid PRIMARY KEY,
      requester_org_id uuid NOT NULL REFERENCES orgs(id),
      owner_org_id uuid NOT NULL REFERENCES orgs(id),
      purpose text NOT NULL,
      child_ids text[] NOT NULL DEFAULT '{}',
      region_code text,
      category text,
      fields text[] NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      activity_ends_on date,
      security_measures text NOT NULL,
      responsible_person jsonb NOT NULL,
      requested_by uuid NOT NULL REFERENCES users(id),
      requested_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'revoked')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_note text,
      narrowed boolean,
      impact_assessment jsonb,
      granted_fields text[],
      granted_ends_on date,
      granted_named boolean,
      granted_child_count integer,
      revoked_by uuid REFERENCES users(id),
      revoked_at timestamptz,
      revoke_reason text,
      CHECK (ends_on >= starts_on),
      CHECK (owner_org_id <> requester_org_id)
    );
    CREATE INDEX sharing_agreements_requester_idx ON sharing_agreements (requester_org_id, status);
    CREATE INDEX sharing_agreements_owner_idx ON sharing_agreements (owner_org_id, status);

    CREATE TABLE sharing_grant_children (
      agreement_id uuid NOT NULL REFERENCES sharing_agreements(id) ON DELETE CASCADE,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      PRIMARY KEY (agreement_id, child_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sharing_grant_children; DROP TABLE sharing_agreements;`.execute(db);
}
