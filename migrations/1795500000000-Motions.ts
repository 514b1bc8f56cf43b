import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Motions (council motions, initiativärenden, medborgarförslag): the motion, its signatories,
 * requested clauses, documents and an append-only timeline of dated events, each optionally
 * linked to the paragraph (minutes migration 1795400000000) or document behind it.
 */
export class Motions1795500000000 implements MigrationInterface {
  name = 'Motions1795500000000';

  async up(q: QueryRunner): Promise<void> {
    // Whether a body accepts citizen proposals (KL 8 kap. 1 §: only where the council allows it).
    await q.query(`
      CREATE TABLE motion_body_setting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body_id uuid NOT NULL UNIQUE REFERENCES body (id),
        allows_citizen_proposals boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE motion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        body_id uuid NOT NULL REFERENCES body (id),
        kind text NOT NULL CHECK (kind IN ('motion', 'initiative', 'citizen_proposal')),
        title text NOT NULL CHECK (length(title) > 0),
        case_number text,
        raised_on date NOT NULL,
        raised_paragraph_id uuid REFERENCES paragraph (id),
        citizen_name text,
        decision_due date NOT NULL,
        status text NOT NULL DEFAULT 'raised'
          CHECK (status IN ('raised', 'referred', 'answered', 'sent_back', 'tabled', 'decided', 'withdrawn')),
        outcome text CHECK (outcome IN ('approved', 'partly_approved', 'rejected', 'considered_answered', 'written_off')),
        referred_to text,
        answer_due date,
        decided_on date,
        decision_paragraph_id uuid REFERENCES paragraph (id),
        closed_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- One-year rule (KL 5 kap. 35 §); PostgreSQL clamps 29 Feb + 1 year to 28 Feb like the service.
        CONSTRAINT motion_decision_due_one_year CHECK (decision_due = (raised_on + interval '1 year')::date),
        CONSTRAINT motion_decided_has_outcome CHECK (
          (status = 'decided') = (outcome IS NOT NULL AND decided_on IS NOT NULL)),
        CONSTRAINT motion_decided_after_raised CHECK (decided_on IS NULL OR decided_on >= raised_on),
        CONSTRAINT motion_closed_after_raised CHECK (closed_on IS NULL OR closed_on >= raised_on),
        CONSTRAINT motion_closed_when_final CHECK (
          (status IN ('decided', 'withdrawn')) = (closed_on IS NOT NULL)),
        CONSTRAINT motion_citizen_name_only_for_proposals CHECK (
          (kind = 'citizen_proposal') = (citizen_name IS NOT NULL AND length(citizen_name) > 0))
      )`);
    await q.query(
      `CREATE INDEX motion_organisation_idx ON motion (organisation_id, raised_on, id)`,
    );
    await q.query(`CREATE INDEX motion_body_idx ON motion (body_id, raised_on)`);
    await q.query(
      `CREATE INDEX motion_open_due_idx ON motion (organisation_id, decision_due) WHERE status NOT IN ('decided', 'withdrawn')`,
    );

    // A decided or withdrawn motion is final: its status never changes again.
    await q.query(`
      CREATE FUNCTION motion_final_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('decided', 'withdrawn') AND (
             NEW.status IS DISTINCT FROM OLD.status OR NEW.outcome IS DISTINCT FROM OLD.outcome
             OR NEW.decided_on IS DISTINCT FROM OLD.decided_on
             OR NEW.decision_paragraph_id IS DISTINCT FROM OLD.decision_paragraph_id) THEN
          RAISE EXCEPTION 'motion % is already %', OLD.id, OLD.status USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER motion_final BEFORE UPDATE ON motion
      FOR EACH ROW EXECUTE FUNCTION motion_final_is_final()`);

    await q.query(`
      CREATE TABLE motion_signatory (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        motion_id uuid NOT NULL REFERENCES motion (id),
        person_id uuid NOT NULL REFERENCES person (id),
        position int NOT NULL CHECK (position > 0),
        -- Party when signing: a later change of party does not rewrite history.
        party text,
        CONSTRAINT motion_signatory_person_unique UNIQUE (motion_id, person_id),
        CONSTRAINT motion_signatory_position_unique UNIQUE (motion_id, position)
      )`);
    await q.query(`CREATE INDEX motion_signatory_person_idx ON motion_signatory (person_id)`);
    await q.query(`CREATE INDEX motion_signatory_party_idx ON motion_signatory (party)`);

    await q.query(`
      CREATE TABLE motion_clause (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        motion_id uuid NOT NULL REFERENCES motion (id),
        position int NOT NULL CHECK (position > 0),
        text text NOT NULL CHECK (length(text) > 0),
        CONSTRAINT motion_clause_position_unique UNIQUE (motion_id, position)
      )`);

    await q.query(`
      CREATE TABLE motion_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        motion_id uuid NOT NULL REFERENCES motion (id),
        title text NOT NULL CHECK (length(title) > 0),
        document_date date NOT NULL,
        reference text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX motion_document_motion_idx ON motion_document (motion_id)`);

    await q.query(`
      CREATE TABLE motion_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        motion_id uuid NOT NULL REFERENCES motion (id),
        seq int NOT NULL CHECK (seq > 0),
        kind text NOT NULL
          CHECK (kind IN ('raised', 'referred', 'answered', 'sent_back', 'tabled', 'decided', 'withdrawn')),
        occurred_on date NOT NULL,
        from_status text,
        to_status text NOT NULL,
        outcome text CHECK (outcome IN ('approved', 'partly_approved', 'rejected', 'considered_answered', 'written_off')),
        referred_to text,
        answer_due date,
        paragraph_id uuid REFERENCES paragraph (id),
        document_id uuid REFERENCES motion_document (id),
        note text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT motion_event_seq_unique UNIQUE (motion_id, seq),
        CONSTRAINT motion_event_outcome_only_for_decision CHECK ((kind = 'decided') = (outcome IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX motion_event_one_decision ON motion_event (motion_id) WHERE kind = 'decided'`,
    );
    await q.query(`CREATE INDEX motion_event_created_idx ON motion_event (created_at, id)`);
    await q.query(
      `CREATE INDEX motion_event_paragraph_idx ON motion_event (paragraph_id) WHERE paragraph_id IS NOT NULL`,
    );

    // The timeline is history: events are added, never edited or removed.
    await q.query(`
      CREATE FUNCTION motion_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'motion_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'P0409';
      END $$`);
    await q.query(`
      CREATE TRIGGER motion_event_no_update_delete BEFORE UPDATE OR DELETE ON motion_event
      FOR EACH ROW EXECUTE FUNCTION motion_event_is_append_only()`);

    for (const table of [
      'motion_body_setting',
      'motion',
      'motion_signatory',
      'motion_clause',
      'motion_document',
      'motion_event',
    ]) {
      await q.query(`SELECT audit_table($1)`, [table]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE motion_event, motion_document, motion_clause, motion_signatory, motion, motion_body_setting`,
    );
    await q.query(`DROP FUNCTION motion_event_is_append_only()`);
    await q.query(`DROP FUNCTION motion_final_is_final()`);
  }
}
