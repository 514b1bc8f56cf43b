import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registry (organisations, bodies, people, memberships), users and the append-only audit trail.
 * audit_row_change() is attached to every table that holds part of the register: later
 * migrations do the same with `SELECT audit_table('name')`.
 */
export class Foundation1795390000000 implements MigrationInterface {
  name = 'Foundation1795390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid,
        request_id text,
        action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        entity text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id, id)`);

    await q.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'P0409';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);

    // Who acted comes from set_config('app.actor_user_id', …, true) issued by TransactionRunner.
    // Trigger arguments name columns left out of the trail (secrets such as token hashes).
    await q.query(`
      CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_old jsonb;
        v_new jsonb;
        v_hidden text;
      BEGIN
        IF TG_OP <> 'INSERT' THEN v_old := to_jsonb(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN v_new := to_jsonb(NEW); END IF;
        FOREACH v_hidden IN ARRAY coalesce(TG_ARGV, '{}'::text[]) LOOP
          v_old := v_old - v_hidden;
          v_new := v_new - v_hidden;
        END LOOP;
        IF TG_OP = 'UPDATE' AND v_old = v_new THEN RETURN NULL; END IF;
        INSERT INTO audit_event (actor_user_id, request_id, action, entity, entity_id, before, after)
        VALUES (
          nullif(current_setting('app.actor_user_id', true), '')::uuid,
          nullif(current_setting('app.request_id', true), ''),
          lower(TG_OP), TG_TABLE_NAME,
          coalesce(v_new ->> 'id', v_old ->> 'id'),
          v_old, v_new);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_table(p_table regclass, p_hidden text[] DEFAULT '{}') RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format(
          'CREATE TRIGGER %s_audit AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row_change(%s)',
          p_table::text, p_table::text,
          (SELECT coalesce(string_agg(quote_literal(h), ', '), '') FROM unnest(p_hidden) h));
      END $$`);

    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) > 0),
        kind text NOT NULL CHECK (kind IN ('region', 'municipality')),
        organisation_number text NOT NULL UNIQUE CHECK (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organisation_name_idx ON organisation (name, id)`);

    await q.query(`
      CREATE TABLE body (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        name text NOT NULL CHECK (length(name) > 0),
        short_name text NOT NULL CHECK (length(short_name) > 0),
        kind text NOT NULL CHECK (kind IN ('council', 'board', 'committee', 'working_committee')),
        prepares_for_body_id uuid REFERENCES body (id),
        paragraph_numbering text NOT NULL DEFAULT 'per_year' CHECK (paragraph_numbering IN ('per_year', 'continuous')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT body_short_name_unique UNIQUE (organisation_id, short_name),
        CONSTRAINT body_not_preparing_for_itself CHECK (prepares_for_body_id IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE INDEX body_organisation_idx ON body (organisation_id, name, id)`);

    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        name text NOT NULL CHECK (length(name) > 0),
        party text,
        title text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_organisation_idx ON person (organisation_id, name, id)`);

    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body_id uuid NOT NULL REFERENCES body (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member', 'substitute')),
        valid_from date NOT NULL,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_dates_in_order CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX membership_body_idx ON membership (body_id, valid_from)`);
    await q.query(`CREATE INDEX membership_person_idx ON membership (person_id)`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'registrar', 'politician')),
        organisation_id uuid REFERENCES organisation (id),
        person_id uuid REFERENCES person (id),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT app_user_registrar_has_organisation CHECK (role <> 'registrar' OR organisation_id IS NOT NULL),
        CONSTRAINT app_user_politician_is_person CHECK (role <> 'politician' OR person_id IS NOT NULL)
      )`);

    for (const table of ['organisation', 'body', 'person', 'membership']) {
      await q.query(`SELECT audit_table($1)`, [table]);
    }
    await q.query(`SELECT audit_table('app_user', ARRAY['token_hash'])`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_user, membership, person, body, organisation`);
    await q.query(`DROP FUNCTION audit_table(regclass, text[])`);
    await q.query(`DROP FUNCTION audit_row_change()`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_is_append_only()`);
  }
}
