import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Minutes: meetings, paragraphs (§) with clauses, attendance, votes, reservations, proposals,
 * adjustment (justering), notice-board announcements and corrections (rättelser).
 *
 * The public record is protected in the database: once a paragraph's adjusted_at is set, the
 * paragraph and every child row are frozen (only announcement and appeal fields may be filled
 * in once); once a meeting is adjusted, the meeting and its attendance and signatures are frozen.
 * Announcements and corrections are append-only.
 */
export class Minutes1795400000000 implements MigrationInterface {
  name = 'Minutes1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        body_id uuid NOT NULL REFERENCES body (id),
        meeting_date date NOT NULL,
        start_time text CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        end_time text CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        place text CHECK (length(place) > 0),
        chair_person_id uuid REFERENCES person (id),
        secretary_person_id uuid REFERENCES person (id),
        adjustment_place text,
        adjustment_date date,
        minutes_kept_at text,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'adjusted')),
        adjusted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_adjusted_status CHECK ((status = 'adjusted') = (adjusted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX meeting_body_idx ON meeting (body_id, meeting_date, id)`);
    await q.query(
      `CREATE INDEX meeting_organisation_idx ON meeting (organisation_id, meeting_date)`,
    );

    // The chair and the adjusters (justerare) who sign the minutes.
    await q.query(`
      CREATE TABLE meeting_signatory (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL CHECK (role IN ('chair', 'adjuster')),
        position int NOT NULL CHECK (position > 0),
        signed_at timestamptz,
        CONSTRAINT meeting_signatory_unique UNIQUE (meeting_id, person_id)
      )`);

    // Attendance of the whole meeting; a paragraph may override it (paragraph_attendance).
    await q.query(`
      CREATE TABLE meeting_attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL CHECK (role IN ('member', 'substitute', 'other')),
        serving_for_person_id uuid REFERENCES person (id),
        note text,
        CONSTRAINT meeting_attendance_unique UNIQUE (meeting_id, person_id),
        CONSTRAINT meeting_attendance_serving CHECK (serving_for_person_id IS NULL OR role = 'substitute')
      )`);

    // One counter per body and numbering period (year, or 0 for continuous numbering): the
    // row lock taken by INSERT … ON CONFLICT DO UPDATE serialises concurrent numbering.
    await q.query(`
      CREATE TABLE paragraph_number_counter (
        body_id uuid NOT NULL REFERENCES body (id),
        numbering_period int NOT NULL,
        last_number int NOT NULL CHECK (last_number >= 0),
        PRIMARY KEY (body_id, numbering_period)
      )`);

    await q.query(`
      CREATE TABLE paragraph (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        body_id uuid NOT NULL REFERENCES body (id),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        numbering_period int NOT NULL,
        number int NOT NULL CHECK (number > 0),
        title text NOT NULL CHECK (length(title) > 0),
        case_number text,
        reference text NOT NULL,
        description text,
        question_order text,
        is_public boolean NOT NULL DEFAULT true,
        outcome_kind text NOT NULL CHECK (outcome_kind IN ('decision', 'proposal')),
        proposes_to_body_id uuid REFERENCES body (id),
        decision_recorded_at timestamptz,
        immediately_adjusted boolean NOT NULL DEFAULT false,
        adjusted_at timestamptz,
        announcement_id uuid,
        announced_on date,
        appeal_last_day date,
        notice_removed_on date,
        minutes_kept_at text,
        appealable boolean NOT NULL,
        appeal_registered_at timestamptz,
        appeal_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT paragraph_number_unique UNIQUE (body_id, numbering_period, number),
        CONSTRAINT paragraph_proposal_not_appealable CHECK (outcome_kind = 'decision' OR NOT appealable),
        CONSTRAINT paragraph_immediate_is_adjusted CHECK (NOT immediately_adjusted OR adjusted_at IS NOT NULL),
        CONSTRAINT paragraph_announced_after_adjustment CHECK (announced_on IS NULL OR adjusted_at IS NOT NULL),
        CONSTRAINT paragraph_appeal_after_announcement CHECK (appeal_registered_at IS NULL OR announced_on IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX paragraph_meeting_idx ON paragraph (meeting_id, number)`);
    await q.query(
      `CREATE INDEX paragraph_organisation_idx ON paragraph (organisation_id, created_at, id)`,
    );
    await q.query(
      `CREATE INDEX paragraph_case_number_idx ON paragraph (organisation_id, case_number)`,
    );
    await q.query(`CREATE UNIQUE INDEX paragraph_id_meeting_idx ON paragraph (id, meeting_id)`);

    await q.query(`
      CREATE TABLE paragraph_clause (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        text text NOT NULL CHECK (length(text) > 0),
        CONSTRAINT paragraph_clause_position_unique UNIQUE (paragraph_id, position)
      )`);

    await q.query(`
      CREATE TABLE paragraph_basis_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(title) > 0),
        CONSTRAINT paragraph_basis_document_position_unique UNIQUE (paragraph_id, position)
      )`);

    // Attendance of one paragraph when it differs from the meeting's; snapshotted at adjustment.
    await q.query(`
      CREATE TABLE paragraph_attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL CHECK (role IN ('member', 'substitute', 'other')),
        serving_for_person_id uuid REFERENCES person (id),
        note text,
        CONSTRAINT paragraph_attendance_unique UNIQUE (paragraph_id, person_id),
        CONSTRAINT paragraph_attendance_serving CHECK (serving_for_person_id IS NULL OR role = 'substitute')
      )`);

    await q.query(`
      CREATE TABLE paragraph_recusal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        person_id uuid NOT NULL REFERENCES person (id),
        reason text,
        CONSTRAINT paragraph_recusal_unique UNIQUE (paragraph_id, person_id)
      )`);

    // Floor motions (yrkanden).
    await q.query(`
      CREATE TABLE paragraph_motion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        proposer_person_id uuid NOT NULL REFERENCES person (id),
        text text NOT NULL CHECK (length(text) > 0),
        CONSTRAINT paragraph_motion_position_unique UNIQUE (paragraph_id, position)
      )`);

    await q.query(`
      CREATE TABLE paragraph_vote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        question text NOT NULL CHECK (length(question) > 0),
        yes_means text,
        no_means text,
        yes_count int NOT NULL CHECK (yes_count >= 0),
        no_count int NOT NULL CHECK (no_count >= 0),
        abstain_count int NOT NULL CHECK (abstain_count >= 0),
        result text NOT NULL CHECK (result IN ('yes', 'no', 'tie')),
        decided_by_casting_vote boolean NOT NULL DEFAULT false,
        CONSTRAINT paragraph_vote_position_unique UNIQUE (paragraph_id, position),
        CONSTRAINT paragraph_vote_id_paragraph UNIQUE (id, paragraph_id)
      )`);
    await q.query(`
      CREATE TABLE paragraph_vote_ballot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vote_id uuid NOT NULL,
        paragraph_id uuid NOT NULL,
        person_id uuid NOT NULL REFERENCES person (id),
        choice text NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
        CONSTRAINT paragraph_vote_ballot_vote_fk FOREIGN KEY (vote_id, paragraph_id)
          REFERENCES paragraph_vote (id, paragraph_id),
        CONSTRAINT paragraph_vote_ballot_unique UNIQUE (vote_id, person_id)
      )`);

    await q.query(`
      CREATE TABLE paragraph_reservation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        person_id uuid NOT NULL REFERENCES person (id),
        reason text,
        CONSTRAINT paragraph_reservation_unique UNIQUE (paragraph_id, person_id)
      )`);

    await q.query(`
      CREATE TABLE paragraph_protocol_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        person_id uuid REFERENCES person (id),
        text text NOT NULL CHECK (length(text) > 0),
        CONSTRAINT paragraph_protocol_note_position_unique UNIQUE (paragraph_id, position)
      )`);

    // A correction (rättelse) of an adjusted paragraph: never an edit, always a new record.
    await q.query(`
      CREATE TABLE paragraph_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        reason text NOT NULL CHECK (length(reason) > 0),
        text text NOT NULL CHECK (length(text) > 0),
        recorded_by_user_id uuid REFERENCES app_user (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX paragraph_correction_paragraph_idx ON paragraph_correction (paragraph_id, recorded_at)`,
    );

    // Notice-board announcement (anslag) of adjusted minutes, or of one immediately adjusted §.
    await q.query(`
      CREATE TABLE announcement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        paragraph_id uuid REFERENCES paragraph (id),
        adjusted_on date NOT NULL,
        posted_on date NOT NULL,
        minutes_kept_at text NOT NULL CHECK (length(minutes_kept_at) > 0),
        appeal_last_day date NOT NULL,
        removed_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT announcement_dates_in_order CHECK (posted_on >= adjusted_on AND appeal_last_day > posted_on AND removed_on > appeal_last_day)
      )`);
    await q.query(
      `CREATE INDEX announcement_board_idx ON announcement (organisation_id, posted_on, removed_on)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX announcement_meeting_unique ON announcement (meeting_id) WHERE paragraph_id IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX announcement_paragraph_unique ON announcement (paragraph_id) WHERE paragraph_id IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE paragraph ADD CONSTRAINT paragraph_announcement_fk
        FOREIGN KEY (announcement_id) REFERENCES announcement (id)`);

    // Proposals to a deciding body: from an officer or from a preparing body's paragraph.
    await q.query(`
      CREATE TABLE proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        to_body_id uuid NOT NULL REFERENCES body (id),
        source_kind text NOT NULL CHECK (source_kind IN ('officer', 'body_paragraph')),
        source_paragraph_id uuid UNIQUE REFERENCES paragraph (id),
        officer_name text,
        officer_title text,
        heading text NOT NULL CHECK (length(heading) > 0),
        title text NOT NULL CHECK (length(title) > 0),
        case_number text,
        description text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided_as_proposed', 'decided_with_changes', 'sent_back', 'tabled', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT proposal_source CHECK (
          (source_kind = 'officer' AND officer_name IS NOT NULL AND source_paragraph_id IS NULL)
          OR (source_kind = 'body_paragraph' AND source_paragraph_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX proposal_to_body_idx ON proposal (to_body_id, status, created_at, id)`,
    );
    await q.query(`
      CREATE TABLE proposal_clause (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposal (id),
        position int NOT NULL CHECK (position > 0),
        text text NOT NULL CHECK (length(text) > 0),
        CONSTRAINT proposal_clause_position_unique UNIQUE (proposal_id, position)
      )`);
    await q.query(`
      CREATE TABLE proposal_basis_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposal (id),
        position int NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(title) > 0),
        CONSTRAINT proposal_basis_document_position_unique UNIQUE (proposal_id, position)
      )`);
    // Which paragraph handles which proposal, and with what outcome once decided.
    await q.query(`
      CREATE TABLE proposal_handling (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposal (id),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        outcome text CHECK (outcome IN ('decided_as_proposed', 'decided_with_changes', 'sent_back', 'tabled', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT proposal_handling_unique UNIQUE (proposal_id, paragraph_id),
        CONSTRAINT proposal_handling_position_unique UNIQUE (paragraph_id, position)
      )`);
    await q.query(
      `CREATE INDEX proposal_handling_proposal_idx ON proposal_handling (proposal_id, created_at)`,
    );

    // --- Locks protecting the public record -------------------------------------------------

    // Once adjusted, a paragraph only accepts filling in its announcement (once) and an appeal (once).
    await q.query(`
      CREATE FUNCTION paragraph_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_announcement text[] := ARRAY['announcement_id', 'announced_on', 'appeal_last_day', 'notice_removed_on', 'minutes_kept_at'];
        v_appeal text[] := ARRAY['appeal_registered_at', 'appeal_note'];
        v_old jsonb;
        v_new jsonb;
      BEGIN
        IF OLD.adjusted_at IS NULL THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'paragraph % is adjusted and can never be deleted', OLD.reference USING ERRCODE = 'P0409';
        END IF;
        v_old := to_jsonb(OLD);
        v_new := to_jsonb(NEW);
        IF (v_old - v_announcement - v_appeal) IS DISTINCT FROM (v_new - v_announcement - v_appeal) THEN
          RAISE EXCEPTION 'paragraph % is adjusted and can no longer be changed; record a correction instead', OLD.reference USING ERRCODE = 'P0409';
        END IF;
        IF OLD.announced_on IS NOT NULL
           AND (v_old - v_appeal) IS DISTINCT FROM (v_new - v_appeal) THEN
          RAISE EXCEPTION 'paragraph % is already announced; the announcement cannot be changed', OLD.reference USING ERRCODE = 'P0409';
        END IF;
        IF OLD.appeal_registered_at IS NOT NULL
           AND (v_old - v_announcement) IS DISTINCT FROM (v_new - v_announcement) THEN
          RAISE EXCEPTION 'an appeal of paragraph % is already registered', OLD.reference USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER paragraph_lock BEFORE UPDATE OR DELETE ON paragraph
      FOR EACH ROW EXECUTE FUNCTION paragraph_lock()`);

    // Rows belonging to a paragraph cannot be added, changed or removed once it is adjusted.
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

    // An adjusted meeting is frozen, with its attendance and signatures.
    await q.query(`
      CREATE FUNCTION meeting_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.adjusted_at IS NOT NULL THEN
          RAISE EXCEPTION 'the minutes of meeting % are adjusted and can no longer be changed', OLD.id USING ERRCODE = 'P0409';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER meeting_lock BEFORE UPDATE OR DELETE ON meeting
      FOR EACH ROW EXECUTE FUNCTION meeting_lock()`);
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

    // No paragraph is added to (or moved into) adjusted minutes. FOR SHARE waits for a
    // concurrent adjustment to commit, so the check sees it.
    await q.query(`
      CREATE FUNCTION paragraph_meeting_open() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_adjusted_at timestamptz;
      BEGIN
        SELECT adjusted_at INTO v_adjusted_at FROM meeting WHERE id = NEW.meeting_id FOR SHARE;
        IF v_adjusted_at IS NOT NULL THEN
          RAISE EXCEPTION 'the minutes of meeting % are adjusted: no paragraph can be added to them', NEW.meeting_id USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER paragraph_meeting_open BEFORE INSERT OR UPDATE OF meeting_id ON paragraph
      FOR EACH ROW EXECUTE FUNCTION paragraph_meeting_open()`);

    // Announcements and corrections are part of the public record: append-only.
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

    // A proposal's clauses are fixed once a deciding body has handled it.
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

    for (const table of [
      'meeting',
      'meeting_signatory',
      'meeting_attendance',
      'paragraph',
      'paragraph_clause',
      'paragraph_basis_document',
      'paragraph_attendance',
      'paragraph_recusal',
      'paragraph_motion',
      'paragraph_vote',
      'paragraph_vote_ballot',
      'paragraph_reservation',
      'paragraph_protocol_note',
      'paragraph_correction',
      'announcement',
      'proposal',
      'proposal_clause',
      'proposal_basis_document',
      'proposal_handling',
    ]) {
      await q.query(`SELECT audit_table($1)`, [table]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE proposal_handling, proposal_basis_document, proposal_clause, proposal,
        paragraph_correction, paragraph_protocol_note, paragraph_reservation, paragraph_vote_ballot,
        paragraph_vote, paragraph_motion, paragraph_recusal, paragraph_attendance,
        paragraph_basis_document, paragraph_clause`);
    await q.query(`ALTER TABLE paragraph DROP CONSTRAINT paragraph_announcement_fk`);
    await q.query(`DROP TABLE announcement, paragraph, paragraph_number_counter`);
    await q.query(`DROP TABLE meeting_attendance, meeting_signatory, meeting`);
    await q.query(`DROP FUNCTION proposal_child_lock()`);
    await q.query(`DROP FUNCTION minutes_append_only()`);
    await q.query(`DROP FUNCTION paragraph_meeting_open()`);
    await q.query(`DROP FUNCTION meeting_child_lock()`);
    await q.query(`DROP FUNCTION meeting_lock()`);
    await q.query(`DROP FUNCTION paragraph_child_lock()`);
    await q.query(`DROP FUNCTION paragraph_lock()`);
  }
}
