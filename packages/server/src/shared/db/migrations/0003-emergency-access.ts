import { sql, type Kysely } from 'kysely';

/** Break-glass reads: one child, 24 hours, a typed justification, reviewed afterwards. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE emergency_accesses (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      org_id uuid REFERENCES orgs(id),
      justification text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      review_outcome text CHECK (review_outcome IN ('justified', 'unjustified')),
      review_note text
    );
    CREATE INDEX emergency_accesses_child_idx ON emergency_accesses (child_id);
    CREATE INDEX emergency_accesses_pending_idx ON emergency_accesses (created_at) WHERE reviewed_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE emergency_accesses`.execute(db);
}
