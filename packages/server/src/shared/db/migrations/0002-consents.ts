import { sql, type Kysely } from 'kysely';

/**
 * Consent is data, never a boolean on the child (DESIGN.md): who, for which purposes and
 * recipients, which field classes, for how long, how it was given and on what evidence, which
 * notice was shown, and its withdrawal. Guardian notifications (第十二条第三款) are their own rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE consents (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      given_by text NOT NULL CHECK (given_by IN ('guardian', 'child')),
      guardian_id uuid REFERENCES guardians(id) ON DELETE SET NULL,
      guardian_relation text,
      purposes text[] NOT NULL,
      recipient_org_types text[] NOT NULL DEFAULT '{}',
      recipient_org_ids text[] NOT NULL DEFAULT '{}',
      field_classes text[] NOT NULL DEFAULT '{}',
      separate boolean NOT NULL DEFAULT false,
      given_on date NOT NULL,
      valid_until date,
      method text NOT NULL CHECK (method IN ('paper', 'in_person', 'phone')),
      evidence_sm3 text,
      notice jsonb NOT NULL,
      notice_of_necessity_and_impact boolean NOT NULL DEFAULT false,
      recorded_by uuid REFERENCES users(id),
      recorded_org_id uuid REFERENCES orgs(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      withdrawn_reason text
    );
    CREATE INDEX consents_child_idx ON consents (child_id);

    CREATE TABLE guardian_notifications (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      guardian_id uuid REFERENCES guardians(id) ON DELETE SET NULL,
      notified_on date NOT NULL,
      method text NOT NULL CHECK (method IN ('paper', 'in_person', 'phone', 'sms')),
      purposes text[] NOT NULL,
      content text NOT NULL,
      recorded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX guardian_notifications_child_idx ON guardian_notifications (child_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE guardian_notifications; DROP TABLE consents;`.execute(db);
}
