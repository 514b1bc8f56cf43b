import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege: the server no longer connects as the role that owns the schema.
 *
 * - `decision_register_app` is a NOLOGIN group role; the login role the server uses is made a
 *   member of it (by the embedded set-up, the test harness, or by hand: see README).
 * - `apply_app_grants()` gives that group exactly what the application needs: SELECT, INSERT,
 *   UPDATE, DELETE on the register's tables, SELECT only on the tables named by
 *   `app_read_only_tables()`, USAGE and SELECT on sequences; never TRUNCATE, REFERENCES, TRIGGER
 *   or DDL. `runMigrations` calls it after every run, so later migrations need no grant code.
 * - `audit_row_change()` becomes SECURITY DEFINER, so the application writes the audit trail
 *   only through the triggers, never directly.
 * - Nobody but the owner may create objects in schema public.
 */
export class LeastPrivilege1795800000000 implements MigrationInterface {
  name = 'LeastPrivilege1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'decision_register_app') THEN
          BEGIN
            CREATE ROLE decision_register_app NOLOGIN;
          EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'The group role decision_register_app does not exist and role % may not create it', current_user
              USING HINT = 'As a superuser run: CREATE ROLE decision_register_app NOLOGIN; GRANT decision_register_app TO <application login role>; then run the migrations again.';
          END;
        END IF;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION app_read_only_tables() RETURNS text[]
      LANGUAGE sql IMMUTABLE AS $$ SELECT ARRAY['schema_migration', 'audit_event']::text[] $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION apply_app_grants() RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        r record;
        v_read_only text[] := app_read_only_tables();
      BEGIN
        BEGIN
          REVOKE CREATE ON SCHEMA public FROM PUBLIC;
          GRANT USAGE ON SCHEMA public TO decision_register_app;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'Role % does not own schema public (PostgreSQL < 15?): its privileges are left as they are', current_user;
        END;

        FOR r IN
          SELECT c.oid::regclass AS rel, c.relname
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            AND pg_has_role(current_user, c.relowner, 'USAGE')
        LOOP
          -- In one transaction: concurrent sessions see the old or the new privileges, never none.
          EXECUTE format('REVOKE ALL ON TABLE %s FROM PUBLIC, decision_register_app', r.rel);
          IF r.relname = ANY (v_read_only) THEN
            EXECUTE format('GRANT SELECT ON TABLE %s TO decision_register_app', r.rel);
          ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %s TO decision_register_app', r.rel);
          END IF;
        END LOOP;

        FOR r IN
          SELECT c.oid::regclass AS rel
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'S'
            AND pg_has_role(current_user, c.relowner, 'USAGE')
        LOOP
          EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM PUBLIC, decision_register_app', r.rel);
          EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO decision_register_app', r.rel);
        END LOOP;

        -- Functions: the application may run them (triggers, helpers), except the two that
        -- change the schema or its grants.
        FOR r IN
          SELECT p.oid::regprocedure AS fn, p.proname
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public' AND p.prokind = 'f'
            AND pg_has_role(current_user, p.proowner, 'USAGE')
        LOOP
          EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, decision_register_app', r.fn);
          IF r.proname NOT IN ('apply_app_grants', 'audit_table', 'guard_truncate') THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO decision_register_app', r.fn);
          END IF;
        END LOOP;
      END $$`);

    // The audit trigger writes the trail for the application role, which may only read it.
    await q.query(
      `ALTER FUNCTION audit_row_change() SECURITY DEFINER SET search_path = public, pg_temp`,
    );

    await q.query(`
      DO $$
      BEGIN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'Role % may not revoke CREATE on schema public (PostgreSQL < 15?): do it as a superuser', current_user;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION audit_row_change() SECURITY INVOKER RESET search_path`);
    await q.query(`DROP FUNCTION apply_app_grants()`);
    await q.query(`DROP FUNCTION app_read_only_tables()`);
    // The group role is shared by every database of the cluster: it is left in place.
  }
}
