import { sql, type Kysely } from 'kysely';

/**
 * Foundation schema: organisations, accounts, the child registry (values encrypted per field,
 * see docs/architecture.md) and the processing ledger. SQL kept to what PostgreSQL 15 accepts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE orgs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      type text NOT NULL,
      region_code char(12) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX orgs_region_idx ON orgs (region_code);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      org_id uuid REFERENCES orgs(id),
      role text NOT NULL,
      jurisdiction char(12) NOT NULL,
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      password_changed_at timestamptz,
      totp_secret_enc bytea,
      totp_enrolled boolean NOT NULL DEFAULT false,
      totp_last_step bigint,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE sessions (
      token_hash bytea PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      stage text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash bytea NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    CREATE TABLE children (
      id uuid PRIMARY KEY,
      owner_org_id uuid NOT NULL REFERENCES orgs(id),
      region_code char(12) NOT NULL,
      gender text,
      grade text,
      data_key_wrapped bytea,
      master_key_version integer,
      fields_enc jsonb NOT NULL DEFAULT '{}'::jsonb,
      bidx_id_number bytea,
      bidx_name_birth bytea,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      shredded_at timestamptz
    );
    CREATE INDEX children_region_idx ON children (region_code);
    CREATE INDEX children_owner_idx ON children (owner_org_id);
    CREATE UNIQUE INDEX children_id_number_idx ON children (bidx_id_number) WHERE shredded_at IS NULL;
    CREATE INDEX children_name_birth_idx ON children (bidx_name_birth);

    CREATE TABLE child_index_tokens (
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      index_name text NOT NULL,
      token bytea NOT NULL,
      PRIMARY KEY (child_id, index_name, token)
    );
    CREATE INDEX child_index_tokens_lookup_idx ON child_index_tokens (index_name, token);

    CREATE TABLE guardians (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      relation text NOT NULL,
      fields_enc jsonb NOT NULL DEFAULT '{}'::jsonb,
      bidx_guardian_id_number bytea,
      bidx_guardian_name bytea,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX guardians_child_idx ON guardians (child_id);

    CREATE TABLE visits (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      visitor_user_id uuid REFERENCES users(id),
      visited_on date NOT NULL,
      kind text NOT NULL,
      fields_enc jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX visits_child_idx ON visits (child_id);

    CREATE TABLE ledger_entries (
      id bigserial PRIMARY KEY,
      seq bigint UNIQUE,
      at timestamptz NOT NULL,
      category text NOT NULL,
      act text NOT NULL,
      actor_user_id text,
      actor_org_id text,
      accountable_org_id text,
      purpose text,
      basis text,
      child_ids text[] NOT NULL DEFAULT '{}',
      fields text[] NOT NULL DEFAULT '{}',
      request_id text,
      outcome text NOT NULL,
      reason text,
      leaf_hash bytea,
      chain_hash bytea
    );
    CREATE INDEX ledger_unsequenced_idx ON ledger_entries (id) WHERE seq IS NULL;
    CREATE INDEX ledger_children_idx ON ledger_entries USING gin (child_ids);
    CREATE INDEX ledger_at_idx ON ledger_entries (at);

    CREATE TABLE ledger_nodes (
      level integer NOT NULL,
      idx bigint NOT NULL,
      hash bytea NOT NULL,
      PRIMARY KEY (level, idx)
    );

    CREATE TABLE ledger_checkpoints (
      tree_size bigint PRIMARY KEY,
      root_hash bytea NOT NULL,
      at text NOT NULL,
      signature text NOT NULL,
      public_key text NOT NULL
    );

    -- No API deletes or rewrites the ledger; the database refuses too. (A superuser can drop this
    -- trigger, which is why verification recomputes the chain and checkpoints are published outside.)
    CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '处理台账只允许追加，不允许删除';
      END IF;
      IF OLD.seq IS NOT NULL OR NEW.at <> OLD.at OR NEW.act <> OLD.act OR NEW.outcome <> OLD.outcome
         OR NEW.child_ids <> OLD.child_ids OR NEW.fields <> OLD.fields THEN
        RAISE EXCEPTION '处理台账只允许追加，不允许修改';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

    CREATE TABLE meta (
      key text PRIMARY KEY,
      value jsonb NOT NULL
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('基础表结构不可回退');
}
