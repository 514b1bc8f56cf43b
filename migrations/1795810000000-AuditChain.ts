import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tamper-evident record.
 *
 * - guard_truncate(table): a BEFORE TRUNCATE guard, applied here to every table of the register
 *   (TRUNCATE passes row triggers and writes no audit row). Later migrations call it for their tables.
 * - locked_by_parent(): one parameterised "frozen with its parent" trigger function replacing the
 *   per-migration copies; append_only(label): one function for every append-only table. Their
 *   messages use labels given as trigger arguments, never table or column names.
 * - paragraph_number_counter: audited (keyed by body and period), never emptied, never goes back.
 * - The audit trail is hash-chained in commit order: a deferred constraint trigger on
 *   audit_event locks the one-row chain head at commit time (held until commit, so concurrent
 *   writers serialise only on their commit tail) and appends a link (seq, prev_hash, hash) where
 *   hash = sha256(prev_hash || audit_event_canonical(event)). Genesis prev_hash is 64 zeros.
 * - audit_checkpoint: one published chain head per Stockholm day ("kontrollsumma").
 * The chain tables are written only by SECURITY DEFINER functions: the application role may only
 * read them (app_read_only_tables()).
 */
export class AuditChain1795810000000 implements MigrationInterface {
  name = 'AuditChain1795810000000';

  async up(q: QueryRunner): Promise<void> {
    // --- Shared guard functions ---------------------------------------------------------------
    await q.query(`
      CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the register is append-only: emptying a table is not allowed' USING ERRCODE = 'P0409';
      END $$`);
    await q.query(`
      CREATE FUNCTION guard_truncate(p_table regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format(
          'CREATE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()',
          (SELECT relname FROM pg_class WHERE oid = p_table) || '_no_truncate', p_table::text);
      END $$`);

    // TG_ARGV[0]: what the rows are, in plural ("notice-board announcements").
    await q.query(`
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% are append-only: % is not allowed', coalesce(TG_ARGV[0], 'these records'), TG_OP
          USING ERRCODE = 'P0409';
      END $$`);

    // A child row is frozen while its parent matches a condition. Trigger arguments:
    //   0 parent table, 1 the child's column holding the parent key, 2 the parent's key column,
    //   3 the lock condition (SQL over the parent row), 4 the message, where {parent} is
    //   replaced by 5 (optional) an SQL expression naming the parent (e.g. its reference).
    await q.query(`
      CREATE FUNCTION locked_by_parent() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_old text;
        v_new text;
        v_keys text;
        v_found boolean;
        v_shown text;
      BEGIN
        IF TG_OP <> 'INSERT' THEN v_old := to_jsonb(OLD) ->> TG_ARGV[1]; END IF;
        IF TG_OP <> 'DELETE' THEN v_new := to_jsonb(NEW) ->> TG_ARGV[1]; END IF;
        IF v_old IS NOT DISTINCT FROM v_new THEN v_new := NULL; END IF;
        v_keys := concat_ws(', ', quote_literal(v_old), quote_literal(v_new));
        IF v_keys <> '' THEN
          EXECUTE format('SELECT true, (%s)::text FROM %I WHERE %I IN (%s) AND (%s) LIMIT 1',
                         coalesce(TG_ARGV[5], 'NULL'), TG_ARGV[0], TG_ARGV[2], v_keys, TG_ARGV[3])
            INTO v_found, v_shown;
          IF v_found THEN
            RAISE EXCEPTION '%', replace(TG_ARGV[4], '{parent}', coalesce(v_shown, ''))
              USING ERRCODE = 'P0409';
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);

    // --- Replace the per-migration lock and append-only functions --------------------------------
    const paragraphChildren: [string, string][] = [
      ['paragraph_clause', 'its clauses'],
      ['paragraph_basis_document', 'its basis documents'],
      ['paragraph_attendance', 'its attendance'],
      ['paragraph_recusal', 'its recusals'],
      ['paragraph_motion', 'its motions'],
      ['paragraph_vote', 'its votes'],
      ['paragraph_vote_ballot', 'its ballots'],
      ['paragraph_reservation', 'its reservations'],
      ['paragraph_protocol_note', 'its protocol notes'],
      ['proposal_handling', 'the proposals it handles'],
    ];
    for (const [table] of paragraphChildren)
      await q.query(`DROP TRIGGER ${table}_lock ON ${table}`);
    for (const table of ['meeting_signatory', 'meeting_attendance']) {
      await q.query(`DROP TRIGGER ${table}_lock ON ${table}`);
    }
    for (const table of ['proposal_clause', 'proposal_basis_document']) {
      await q.query(`DROP TRIGGER ${table}_lock ON ${table}`);
    }
    for (const table of ['grant_applicant', 'grant_measure']) {
      await q.query(`DROP TRIGGER ${table}_lock ON ${table}`);
    }
    for (const table of ['paragraph_distribution', 'paragraph_distribution_entry']) {
      await q.query(`DROP TRIGGER ${table}_lock ON ${table}`);
    }
    for (const table of ['announcement', 'paragraph_correction']) {
      await q.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    for (const table of ['certified_extract', 'extract_paragraph', 'extract_dispatch']) {
      await q.query(`DROP TRIGGER ${table}_append_only ON ${table}`);
    }
    await q.query(`DROP TRIGGER motion_event_no_update_delete ON motion_event`);
    await q.query(`DROP TRIGGER audit_event_no_update_delete ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    for (const fn of [
      'paragraph_child_lock',
      'meeting_child_lock',
      'proposal_child_lock',
      'grant_application_child_lock',
      'paragraph_distribution_lock',
      'minutes_append_only',
      'extracts_append_only',
      'motion_event_is_append_only',
      'audit_event_is_append_only',
    ]) {
      await q.query(`DROP FUNCTION ${fn}()`);
    }

    const lockedBy = async (table: string, args: string[]) =>
      q.query(
        `CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION locked_by_parent(${args.map(quote).join(', ')})`,
      );
    for (const [table, label] of paragraphChildren) {
      await lockedBy(table, [
        'paragraph',
        'paragraph_id',
        'id',
        'adjusted_at IS NOT NULL',
        `paragraph {parent} is adjusted: ${label} can no longer be changed`,
        'reference',
      ]);
    }
    for (const [table, label] of [
      ['meeting_signatory', 'their signatories'],
      ['meeting_attendance', 'their attendance'],
    ]) {
      await lockedBy(table, [
        'meeting',
        'meeting_id',
        'id',
        'adjusted_at IS NOT NULL',
        `the minutes are adjusted: ${label} can no longer be changed`,
      ]);
    }
    for (const [table, label] of [
      ['proposal_clause', 'its clauses'],
      ['proposal_basis_document', 'its basis documents'],
    ]) {
      await lockedBy(table, [
        'proposal',
        'proposal_id',
        'id',
        `status <> 'open'`,
        `the proposal has been handled: ${label} can no longer be changed`,
      ]);
    }
    for (const [table, label] of [
      ['grant_applicant', 'its applicants'],
      ['grant_measure', 'its measures'],
    ]) {
      await lockedBy(table, [
        'grant_application',
        'application_id',
        'id',
        `status <> 'draft'`,
        `the application is submitted: ${label} can no longer be changed`,
      ]);
    }
    for (const table of ['paragraph_distribution', 'paragraph_distribution_entry']) {
      await lockedBy(table, [
        'paragraph',
        'paragraph_id',
        'id',
        'adjusted_at IS NOT NULL',
        'paragraph {parent} is adjusted: its distribution list is part of the public record and can no longer be changed',
        'reference',
      ]);
    }
    // "Expedieras inte" never has entries (runs after the _lock trigger: names sort).
    await q.query(`
      CREATE FUNCTION distribution_entry_needs_list() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM paragraph_distribution WHERE paragraph_id = NEW.paragraph_id AND not_dispatched) THEN
          RAISE EXCEPTION 'a paragraph marked "Expedieras inte" has no recipients' USING ERRCODE = '23514', CONSTRAINT = 'paragraph_distribution_not_dispatched_empty';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER paragraph_distribution_entry_not_dispatched BEFORE INSERT OR UPDATE ON paragraph_distribution_entry
      FOR EACH ROW EXECUTE FUNCTION distribution_entry_needs_list()`);

    for (const [table, label] of [
      ['announcement', 'notice-board announcements'],
      ['paragraph_correction', 'corrections'],
      ['certified_extract', 'certified extracts'],
      ['extract_paragraph', 'the paragraphs of a certified extract'],
      ['extract_dispatch', 'dispatches of extracts'],
    ]) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION append_only(${quote(label)})`);
    }
    await q.query(`
      CREATE TRIGGER motion_event_no_update_delete BEFORE UPDATE OR DELETE ON motion_event
      FOR EACH ROW EXECUTE FUNCTION append_only('the events of a motion''s timeline')`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION append_only('the events of the audit trail')`);

    // The grant decision lock without table names: TG_ARGV[0] is the one column that may be
    // filled in once, TG_ARGV[1] the message when anything else changes.
    await q.query(`
      CREATE OR REPLACE FUNCTION grant_decision_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'a recorded grant decision cannot be deleted' USING ERRCODE = 'P0409';
        END IF;
        IF TG_ARGV[0] IS NULL THEN
          RAISE EXCEPTION 'a recorded grant decision cannot be changed' USING ERRCODE = 'P0409';
        END IF;
        IF to_jsonb(OLD) ->> TG_ARGV[0] IS NOT NULL
           OR (to_jsonb(OLD) - TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(NEW) - TG_ARGV[0]) THEN
          RAISE EXCEPTION '%', TG_ARGV[1] USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    for (const [table, args] of [
      ['grant_decision', ''],
      ['grant_decision_measure', ''],
      ['grant_condition', ''],
      [
        'grant_disbursement',
        `'paid_on', 'a disbursement of a recorded grant decision only takes its paid date, once'`,
      ],
      [
        'grant_report',
        `'submitted_on', 'a reporting obligation only takes its submitted date, once'`,
      ],
    ]) {
      await q.query(`DROP TRIGGER ${table}_lock ON ${table}`);
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION grant_decision_lock(${args})`);
    }

    // --- The audit trigger: SECURITY DEFINER, and keyed tables without an id ---------------------
    // Arguments: column names left out of the trail, and optionally 'key:col1,col2' naming the
    // key columns when the table has no id (entity_id is their values joined by ':').
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_old jsonb;
        v_new jsonb;
        v_arg text;
        v_key text[];
        v_row jsonb;
        v_entity_id text;
      BEGIN
        IF TG_OP <> 'INSERT' THEN v_old := to_jsonb(OLD); END IF;
        IF TG_OP <> 'DELETE' THEN v_new := to_jsonb(NEW); END IF;
        FOREACH v_arg IN ARRAY coalesce(TG_ARGV, '{}'::text[]) LOOP
          IF v_arg LIKE 'key:%' THEN
            v_key := string_to_array(substr(v_arg, 5), ',');
          ELSE
            v_old := v_old - v_arg;
            v_new := v_new - v_arg;
          END IF;
        END LOOP;
        IF TG_OP = 'UPDATE' AND v_old = v_new THEN RETURN NULL; END IF;
        v_row := coalesce(v_new, v_old);
        IF v_key IS NULL THEN
          v_entity_id := v_row ->> 'id';
        ELSE
          SELECT string_agg(v_row ->> k, ':' ORDER BY n) INTO v_entity_id
            FROM unnest(v_key) WITH ORDINALITY AS u(k, n);
        END IF;
        INSERT INTO audit_event (actor_user_id, request_id, action, entity, entity_id, before, after)
        VALUES (
          nullif(current_setting('app.actor_user_id', true), '')::uuid,
          nullif(current_setting('app.request_id', true), ''),
          lower(TG_OP), TG_TABLE_NAME, v_entity_id, v_old, v_new);
        RETURN NULL;
      END $$`);

    // --- paragraph_number_counter: audited, never goes back, never removed ------------------------
    await q.query(`
      CREATE TRIGGER paragraph_number_counter_audit AFTER INSERT OR UPDATE OR DELETE ON paragraph_number_counter
      FOR EACH ROW EXECUTE FUNCTION audit_row_change('key:body_id,numbering_period')`);
    await q.query(`
      CREATE FUNCTION paragraph_number_counter_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'paragraph numbers once given are never taken back' USING ERRCODE = 'P0409';
        END IF;
        IF NEW.body_id IS DISTINCT FROM OLD.body_id OR NEW.numbering_period IS DISTINCT FROM OLD.numbering_period
           OR NEW.last_number < OLD.last_number THEN
          RAISE EXCEPTION 'paragraph numbering only goes forward: numbers once given are never taken back' USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER paragraph_number_counter_forward BEFORE UPDATE OR DELETE ON paragraph_number_counter
      FOR EACH ROW EXECUTE FUNCTION paragraph_number_counter_forward()`);

    // --- The hash chain -------------------------------------------------------------------------
    // Canonical content of an event: jsonb text is canonical (sorted keys, fixed spacing); the
    // time is written in UTC explicitly, so no TimeZone setting changes it.
    await q.query(`
      CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_array(
          e.id,
          to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.actor_user_id, e.request_id, e.action, e.entity, e.entity_id, e.before, e.after)::text
      $$`);
    await q.query(`
      CREATE FUNCTION audit_chain_hash(p_prev text, p_canonical text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT encode(sha256(convert_to(p_prev || p_canonical, 'UTF8')), 'hex')
      $$`);

    await q.query(`
      CREATE TABLE audit_chain_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL CHECK (seq >= 0),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE TABLE audit_chain_link (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        event_id bigint NOT NULL UNIQUE,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        linked_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE TABLE audit_checkpoint (
        day date PRIMARY KEY,
        seq bigint NOT NULL CHECK (seq >= 0),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    // Existing events, chained in id order.
    await q.query(`
      DO $$
      DECLARE
        v_event audit_event;
        v_seq bigint := 0;
        v_hash text := repeat('0', 64);
        v_next text;
      BEGIN
        FOR v_event IN SELECT * FROM audit_event ORDER BY id LOOP
          v_seq := v_seq + 1;
          v_next := audit_chain_hash(v_hash, audit_event_canonical(v_event));
          INSERT INTO audit_chain_link (seq, event_id, prev_hash, hash) VALUES (v_seq, v_event.id, v_hash, v_next);
          v_hash := v_next;
        END LOOP;
        INSERT INTO audit_chain_head (seq, hash) VALUES (v_seq, v_hash);
      END $$`);

    // The head only moves forward, one link at a time; links and checkpoints are append-only.
    await q.query(`
      CREATE FUNCTION audit_chain_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.id IS DISTINCT FROM OLD.id OR NEW.seq <> OLD.seq + 1 THEN
          RAISE EXCEPTION 'the head of the audit chain only moves forward' USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_head_forward BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward()`);
    await q.query(`
      CREATE TRIGGER audit_chain_link_append_only BEFORE UPDATE OR DELETE ON audit_chain_link
      FOR EACH ROW EXECUTE FUNCTION append_only('the links of the audit chain')`);
    await q.query(`
      CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
      FOR EACH ROW EXECUTE FUNCTION append_only('audit checkpoints')`);

    // At commit: the head's row lock is held until the transaction ends, so links are appended
    // in commit order and no two transactions take the same position.
    await q.query(`
      CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        v_seq bigint;
        v_prev text;
        v_hash text;
      BEGIN
        SELECT seq, hash INTO v_seq, v_prev FROM audit_chain_head WHERE id FOR UPDATE;
        v_hash := audit_chain_hash(v_prev, audit_event_canonical(NEW));
        INSERT INTO audit_chain_link (seq, event_id, prev_hash, hash) VALUES (v_seq + 1, NEW.id, v_prev, v_hash);
        UPDATE audit_chain_head SET seq = v_seq + 1, hash = v_hash, updated_at = clock_timestamp() WHERE id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER audit_event_chain AFTER INSERT ON audit_event
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_append()`);

    // Today's checkpoint (Stockholm date) of the committed head; once per day, whoever comes first.
    await q.query(`
      CREATE FUNCTION record_audit_checkpoint() RETURNS SETOF audit_checkpoint LANGUAGE sql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
        INSERT INTO audit_checkpoint (day, seq, hash)
        SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date, seq, hash FROM audit_chain_head
        ON CONFLICT (day) DO NOTHING;
        SELECT * FROM audit_checkpoint WHERE day = (now() AT TIME ZONE 'Europe/Stockholm')::date;
      $$`);

    // Tables the application role may only read (the db part grants from this list).
    await q.query(`
      CREATE OR REPLACE FUNCTION app_read_only_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT ARRAY['schema_migration', 'audit_event', 'audit_chain_head', 'audit_chain_link', 'audit_checkpoint']
      $$`);

    // --- TRUNCATE guards on every table of the register -----------------------------------------
    const tables: { tablename: string }[] = await q.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'
        ORDER BY tablename`,
    );
    for (const { tablename } of tables) await q.query(`SELECT guard_truncate($1)`, [tablename]);
  }

  async down(q: QueryRunner): Promise<void> {
    // Every trigger using the new shared functions goes; the old ones come back.
    const triggers: { table: string; name: string }[] = await q.query(`
      SELECT c.relname AS table, t.tgname AS name
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal
         AND p.proname IN ('refuse_truncate', 'append_only', 'locked_by_parent', 'grant_decision_lock',
                           'distribution_entry_needs_list')`);
    for (const { table, name } of triggers) await q.query(`DROP TRIGGER "${name}" ON "${table}"`);
    await q.query(`DROP TRIGGER paragraph_number_counter_audit ON paragraph_number_counter`);
    await q.query(`DROP TRIGGER paragraph_number_counter_forward ON paragraph_number_counter`);
    await q.query(`DROP FUNCTION paragraph_number_counter_forward()`);
    await q.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await q.query(`DROP FUNCTION record_audit_checkpoint()`);
    await q.query(`DROP TABLE audit_checkpoint, audit_chain_link, audit_chain_head`);
    await q.query(`DROP FUNCTION audit_chain_append()`);
    await q.query(`DROP FUNCTION audit_chain_head_forward()`);
    await q.query(`DROP FUNCTION audit_chain_hash(text, text)`);
    await q.query(`DROP FUNCTION audit_event_canonical(audit_event)`);
    // Back to the list of 1795800000000-LeastPrivilege, which made the function.
    await q.query(`
      CREATE OR REPLACE FUNCTION app_read_only_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT ARRAY['schema_migration', 'audit_event']
      $$`);
    await q.query(`DROP FUNCTION distribution_entry_needs_list()`);
    await q.query(`DROP FUNCTION locked_by_parent()`);
    await q.query(`DROP FUNCTION append_only()`);
    await q.query(`DROP FUNCTION guard_truncate(regclass)`);
    await q.query(`DROP FUNCTION refuse_truncate()`);

    await q.query(`
      CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
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

    // Foundation
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

    // Minutes
    await q.query(`
      CREATE FUNCTION paragraph_child_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
        v_reference text;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN v_ids := v_ids || (to_jsonb(OLD) ->> 'paragraph_id')::uuid; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN v_ids := v_ids || (to_jsonb(NEW) ->> 'paragraph_id')::uuid; END IF;
        SELECT reference INTO v_reference FROM paragraph WHERE id = ANY (v_ids) AND adjusted_at IS NOT NULL LIMIT 1;
        IF v_reference IS NOT NULL THEN
          RAISE EXCEPTION 'paragraph % is adjusted: its % can no longer be changed', v_reference, TG_TABLE_NAME USING ERRCODE = 'P0409';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const table of [
      'paragraph_clause',
      'paragraph_basis_document',
      'paragraph_attendance',
      'paragraph_recusal',
      'paragraph_motion',
      'paragraph_vote',
      'paragraph_vote_ballot',
      'paragraph_reservation',
      'paragraph_protocol_note',
      'proposal_handling',
    ]) {
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION paragraph_child_lock()`);
    }
    await q.query(`
      CREATE FUNCTION meeting_child_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN v_ids := v_ids || (to_jsonb(OLD) ->> 'meeting_id')::uuid; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN v_ids := v_ids || (to_jsonb(NEW) ->> 'meeting_id')::uuid; END IF;
        IF EXISTS (SELECT 1 FROM meeting WHERE id = ANY (v_ids) AND adjusted_at IS NOT NULL) THEN
          RAISE EXCEPTION 'the minutes are adjusted: % can no longer be changed', TG_TABLE_NAME USING ERRCODE = 'P0409';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['meeting_signatory', 'meeting_attendance']) {
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION meeting_child_lock()`);
    }
    await q.query(`
      CREATE FUNCTION minutes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0409';
      END $$`);
    for (const table of ['announcement', 'paragraph_correction']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION minutes_append_only()`);
    }
    await q.query(`
      CREATE FUNCTION proposal_child_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN v_ids := v_ids || (to_jsonb(OLD) ->> 'proposal_id')::uuid; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN v_ids := v_ids || (to_jsonb(NEW) ->> 'proposal_id')::uuid; END IF;
        IF EXISTS (SELECT 1 FROM proposal WHERE id = ANY (v_ids) AND status <> 'open') THEN
          RAISE EXCEPTION 'the proposal has been handled: its % can no longer be changed', TG_TABLE_NAME USING ERRCODE = 'P0409';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['proposal_clause', 'proposal_basis_document']) {
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION proposal_child_lock()`);
    }

    // Motions
    await q.query(`
      CREATE FUNCTION motion_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'motion_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'P0409';
      END $$`);
    await q.query(`
      CREATE TRIGGER motion_event_no_update_delete BEFORE UPDATE OR DELETE ON motion_event
      FOR EACH ROW EXECUTE FUNCTION motion_event_is_append_only()`);

    // Extracts
    await q.query(`
      CREATE FUNCTION paragraph_distribution_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
        v_reference text;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN v_ids := v_ids || OLD.paragraph_id; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN v_ids := v_ids || NEW.paragraph_id; END IF;
        SELECT reference INTO v_reference FROM paragraph WHERE id = ANY (v_ids) AND adjusted_at IS NOT NULL LIMIT 1;
        IF v_reference IS NOT NULL THEN
          RAISE EXCEPTION 'paragraph % is adjusted: its distribution list is part of the public record and can no longer be changed', v_reference USING ERRCODE = 'P0409';
        END IF;
        IF TG_TABLE_NAME = 'paragraph_distribution_entry' AND TG_OP <> 'DELETE' AND EXISTS (
          SELECT 1 FROM paragraph_distribution WHERE paragraph_id = NEW.paragraph_id AND not_dispatched) THEN
          RAISE EXCEPTION 'a paragraph marked "Expedieras inte" has no recipients' USING ERRCODE = '23514', CONSTRAINT = 'paragraph_distribution_not_dispatched_empty';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['paragraph_distribution', 'paragraph_distribution_entry']) {
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION paragraph_distribution_lock()`);
    }
    await q.query(`
      CREATE FUNCTION extracts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0409';
      END $$`);
    for (const table of ['certified_extract', 'extract_paragraph', 'extract_dispatch']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION extracts_append_only()`);
    }

    // Grants
    await q.query(`
      CREATE OR REPLACE FUNCTION grant_decision_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'a recorded grant decision cannot be deleted (%)', TG_TABLE_NAME USING ERRCODE = 'P0409';
        END IF;
        IF TG_TABLE_NAME = 'grant_disbursement' THEN
          IF OLD.paid_on IS NOT NULL OR (to_jsonb(OLD) - 'paid_on') IS DISTINCT FROM (to_jsonb(NEW) - 'paid_on') THEN
            RAISE EXCEPTION 'a disbursement of a recorded grant decision only takes its paid date, once' USING ERRCODE = 'P0409';
          END IF;
        ELSIF TG_TABLE_NAME = 'grant_report' THEN
          IF OLD.submitted_on IS NOT NULL OR (to_jsonb(OLD) - 'submitted_on') IS DISTINCT FROM (to_jsonb(NEW) - 'submitted_on') THEN
            RAISE EXCEPTION 'a reporting obligation only takes its submitted date, once' USING ERRCODE = 'P0409';
          END IF;
        ELSE
          RAISE EXCEPTION 'a recorded grant decision cannot be changed (%)', TG_TABLE_NAME USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of [
      'grant_decision',
      'grant_decision_measure',
      'grant_condition',
      'grant_disbursement',
      'grant_report',
    ]) {
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION grant_decision_lock()`);
    }
    await q.query(`
      CREATE FUNCTION grant_application_child_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN v_ids := v_ids || (to_jsonb(OLD) ->> 'application_id')::uuid; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN v_ids := v_ids || (to_jsonb(NEW) ->> 'application_id')::uuid; END IF;
        IF EXISTS (SELECT 1 FROM grant_application WHERE id = ANY (v_ids) AND status <> 'draft') THEN
          RAISE EXCEPTION 'the application is submitted: its % can no longer be changed', TG_TABLE_NAME USING ERRCODE = 'P0409';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['grant_applicant', 'grant_measure']) {
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION grant_application_child_lock()`);
    }
  }
}

/** An SQL string literal (trigger arguments are constants written here, never user input). */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
