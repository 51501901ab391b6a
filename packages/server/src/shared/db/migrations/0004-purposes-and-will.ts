import { sql, type Kysely } from 'kysely';

/**
 * The purposes catalogue as protection officers edit it (a row only once a purpose is edited;
 * otherwise the seeded definition in packages/core applies), and whether a child can express a
 * will (第十二条第三款), which the consent rule needs without decrypting anything; and the
 * purposes recorded as ended for a child (service ended, case closed: 个人信息保护法 第四十七条).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE purposes (
      code text PRIMARY KEY,
      definition jsonb NOT NULL,
      version integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id),
      change_note text NOT NULL
    );
    ALTER TABLE children ADD COLUMN can_express_will boolean NOT NULL DEFAULT true;
    CREATE TABLE purpose_ends (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      purpose text NOT NULL,
      event text NOT NULL,
      ended_on date NOT NULL,
      recorded_by uuid REFERENCES users(id),
      recorded_org_id uuid REFERENCES orgs(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (child_id, purpose)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE purpose_ends; DROP TABLE purposes; ALTER TABLE children DROP COLUMN can_express_will`.execute(db);
}
