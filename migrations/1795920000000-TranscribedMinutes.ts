import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Minutes transcribed from paper. A meeting is recorded `live` (today's strict rules) or
 * `transcribed` from a printed protocol; for transcribed meetings the register stores what the
 * paper shows and nothing more:
 * - partial dates: the meeting date and the adjustment date may be known only as a year
 *   ('2014'), a year and month ('2014-03') or not at all; a full date stays in the date column;
 * - adjusters shown only as signature boxes (a count of unnamed adjusters);
 * - a paper adjustment without named signatures, on the printed (possibly partial) date;
 * - votes printed only as totals, or only as a result (roll call referred to but not printed);
 * - reservations, protocol notes and special statements by a party group;
 * - substitutes serving for a vacant seat ("ersättare för Vakant (M)").
 * Everyone may join another's floor motion ("instämmer i yrkandet"), and a paragraph may carry
 * special statements (särskilt yttrande).
 */
// meeting.recorded_as ('live' | 'transcribed') is made by 1795900000000-BodyNumbering.
export class TranscribedMinutes1795920000000 implements MigrationInterface {
  name = 'TranscribedMinutes1795920000000';

  async up(q: QueryRunner): Promise<void> {
    const partial = (column: string) => `${column} ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'`;
    await q.query(`
      ALTER TABLE meeting
        ADD COLUMN meeting_date_partial text,
        ADD COLUMN adjustment_date_partial text,
        ADD COLUMN unnamed_adjuster_count int NOT NULL DEFAULT 0,
        ADD COLUMN adjusted_on_paper boolean NOT NULL DEFAULT false,
        ADD COLUMN adjusted_on_printed text,
        ALTER COLUMN meeting_date DROP NOT NULL,
        ADD CONSTRAINT meeting_date_partial_check CHECK (${partial('meeting_date_partial')}),
        ADD CONSTRAINT meeting_adjustment_date_partial_check CHECK (${partial('adjustment_date_partial')}),
        ADD CONSTRAINT meeting_date_one_form CHECK (meeting_date IS NULL OR meeting_date_partial IS NULL),
        ADD CONSTRAINT meeting_adjustment_date_one_form CHECK (adjustment_date IS NULL OR adjustment_date_partial IS NULL),
        ADD CONSTRAINT meeting_live_full_date CHECK (recorded_as = 'transcribed' OR meeting_date IS NOT NULL),
        ADD CONSTRAINT meeting_live_full_adjustment_date CHECK (recorded_as = 'transcribed' OR adjustment_date_partial IS NULL),
        ADD CONSTRAINT meeting_unnamed_adjusters CHECK (unnamed_adjuster_count BETWEEN 0 AND 10 AND (recorded_as = 'transcribed' OR unnamed_adjuster_count = 0)),
        ADD CONSTRAINT meeting_paper_adjustment CHECK (
          (NOT adjusted_on_paper OR (recorded_as = 'transcribed' AND adjusted_at IS NOT NULL))
          AND (adjusted_on_printed IS NULL OR adjusted_on_paper)
          AND (adjusted_on_printed IS NULL OR adjusted_on_printed ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-3][0-9])?)?$'))`);

    // Votes printed only as totals, or only as a result; ballots stay the live rule.
    await q.query(`
      ALTER TABLE paragraph_vote
        ADD COLUMN recorded_as text NOT NULL DEFAULT 'ballots',
        ADD COLUMN roll_call_note text,
        ALTER COLUMN yes_count DROP NOT NULL,
        ALTER COLUMN no_count DROP NOT NULL,
        ALTER COLUMN abstain_count DROP NOT NULL,
        ADD CONSTRAINT paragraph_vote_recorded_as CHECK (recorded_as IN ('ballots', 'printed_totals', 'result_only')),
        ADD CONSTRAINT paragraph_vote_counts_known CHECK (
          recorded_as = 'result_only'
          OR (yes_count IS NOT NULL AND no_count IS NOT NULL
              AND (abstain_count IS NOT NULL OR recorded_as = 'printed_totals')))`);

    // Reservations and protocol notes by a person or by party groups ("V", "S, MP").
    await q.query(`
      ALTER TABLE paragraph_reservation
        ALTER COLUMN person_id DROP NOT NULL,
        ADD COLUMN party_groups text,
        ADD CONSTRAINT paragraph_reservation_by CHECK ((person_id IS NULL) <> (party_groups IS NULL)),
        ADD CONSTRAINT paragraph_reservation_party_groups CHECK (length(party_groups) BETWEEN 1 AND 200)`);
    await q.query(
      `CREATE UNIQUE INDEX paragraph_reservation_party_unique ON paragraph_reservation (paragraph_id, party_groups) WHERE party_groups IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE paragraph_protocol_note
        ADD COLUMN party_groups text,
        ADD CONSTRAINT paragraph_protocol_note_party_groups CHECK (length(party_groups) BETWEEN 1 AND 200)`);

    // A substitute serving for a vacant seat of a party.
    for (const table of ['meeting_attendance', 'paragraph_attendance']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN serving_for_vacant_party text,
          ADD CONSTRAINT ${table}_vacant CHECK (
            serving_for_vacant_party IS NULL
            OR (role = 'substitute' AND serving_for_person_id IS NULL AND length(serving_for_vacant_party) BETWEEN 1 AND 50))`);
    }

    // "X (S) instämmer i yrkandet": members joining another's floor motion.
    await q.query(`
      CREATE TABLE paragraph_motion_supporter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        motion_id uuid NOT NULL REFERENCES paragraph_motion (id),
        person_id uuid NOT NULL REFERENCES person (id),
        position int NOT NULL CHECK (position > 0),
        CONSTRAINT paragraph_motion_supporter_unique UNIQUE (motion_id, person_id)
      )`);

    // Särskilt yttrande: a statement by a person or a party group, printed with the paragraph.
    await q.query(`
      CREATE TABLE paragraph_special_statement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        person_id uuid REFERENCES person (id),
        party_groups text CHECK (length(party_groups) BETWEEN 1 AND 200),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
        CONSTRAINT paragraph_special_statement_by CHECK (person_id IS NOT NULL OR party_groups IS NOT NULL),
        CONSTRAINT paragraph_special_statement_position_unique UNIQUE (paragraph_id, position)
      )`);

    for (const [table, label] of [
      ['paragraph_motion_supporter', 'its motions'],
      ['paragraph_special_statement', 'its special statements'],
    ]) {
      await q.query(
        `CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION locked_by_parent('paragraph', 'paragraph_id', 'id',
           'adjusted_at IS NOT NULL', 'paragraph {parent} is adjusted: ${label} can no longer be changed',
           'reference')`,
      );
      await q.query(`SELECT audit_table($1)`, [table]);
      await q.query(`SELECT guard_truncate($1)`, [table]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE paragraph_special_statement, paragraph_motion_supporter`);
    for (const table of ['meeting_attendance', 'paragraph_attendance']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN serving_for_vacant_party`);
    }
    await q.query(`ALTER TABLE paragraph_protocol_note DROP COLUMN party_groups`);
    await q.query(`DROP INDEX paragraph_reservation_party_unique`);
    await q.query(`DELETE FROM paragraph_reservation WHERE person_id IS NULL`);
    await q.query(
      `ALTER TABLE paragraph_reservation DROP COLUMN party_groups, ALTER COLUMN person_id SET NOT NULL`,
    );
    await q.query(`
      ALTER TABLE paragraph_vote DROP COLUMN recorded_as, DROP COLUMN roll_call_note,
        ALTER COLUMN yes_count SET NOT NULL, ALTER COLUMN no_count SET NOT NULL,
        ALTER COLUMN abstain_count SET NOT NULL`);
    await q.query(`
      ALTER TABLE meeting DROP COLUMN meeting_date_partial,
        DROP COLUMN adjustment_date_partial, DROP COLUMN unnamed_adjuster_count,
        DROP COLUMN adjusted_on_paper, DROP COLUMN adjusted_on_printed,
        ALTER COLUMN meeting_date SET NOT NULL`);
  }
}
