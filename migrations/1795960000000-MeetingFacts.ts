import { MigrationInterface, QueryRunner } from 'typeorm';

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * Meeting-level facts as real minutes print them (issue 10, "meeting"):
 * - the meeting's own case number (diarienummer), whether it was open to the public (from a
 *   paragraph on) and how members took part at a distance ("Närvarande via Skype");
 * - adjournments (ajournering) with their times, optionally at a paragraph;
 * - the chair per paragraph range when the chair changes within a meeting;
 * - attendance for part of the meeting ("ej § 29, 32", "§§ 33–37", "fr o m § 63"): a meeting
 *   attendance row may apply to listed paragraphs only, to all but listed ones, from or until a
 *   paragraph. The same person may then be listed twice (member for some paragraphs, substitute
 *   not serving for others), so the (meeting, person) uniqueness goes; the service checks overlaps.
 */
export class MeetingFacts1795960000000 implements MigrationInterface {
  name = 'MeetingFacts1795960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meeting
        ADD COLUMN case_number text CONSTRAINT meeting_case_number_check
          CHECK (case_number IS NULL OR length(case_number) BETWEEN 1 AND 100),
        ADD COLUMN open_to_public boolean,
        ADD COLUMN open_to_public_from_paragraph integer,
        ADD COLUMN remote_participation text CONSTRAINT meeting_remote_participation_check
          CHECK (remote_participation IS NULL OR length(remote_participation) BETWEEN 1 AND 300),
        ADD CONSTRAINT meeting_open_from_paragraph CHECK (
          open_to_public_from_paragraph IS NULL
          OR (open_to_public IS TRUE AND open_to_public_from_paragraph >= 1))`);

    await q.query(`ALTER TABLE meeting_attendance DROP CONSTRAINT meeting_attendance_unique`);
    await q.query(`
      ALTER TABLE meeting_attendance
        ADD COLUMN paragraph_scope text NOT NULL DEFAULT 'all',
        ADD COLUMN scope_numbers integer[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT meeting_attendance_scope CHECK (
          (paragraph_scope = 'all' AND cardinality(scope_numbers) = 0)
          OR (paragraph_scope IN ('only', 'except') AND cardinality(scope_numbers) >= 1)
          OR (paragraph_scope IN ('from', 'until') AND cardinality(scope_numbers) = 1))`);

    // Whether a meeting attendance row applies to the paragraph numbered n.
    await q.query(`
      CREATE FUNCTION attendance_scope_applies(scope text, nums integer[], n integer)
      RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE scope
          WHEN 'all' THEN true
          WHEN 'only' THEN n = ANY (nums)
          WHEN 'except' THEN NOT (n = ANY (nums))
          WHEN 'from' THEN n >= nums[1]
          WHEN 'until' THEN n <= nums[1]
        END
      $$`);

    await q.query(`
      CREATE TABLE meeting_adjournment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        position integer NOT NULL,
        from_time text NOT NULL,
        to_time text NOT NULL,
        note text CONSTRAINT meeting_adjournment_note_check
          CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
        paragraph_id uuid REFERENCES paragraph (id),
        CONSTRAINT meeting_adjournment_times CHECK (
          from_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
          AND to_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND to_time > from_time),
        CONSTRAINT meeting_adjournment_position_unique UNIQUE (meeting_id, position)
      )`);

    await q.query(`
      CREATE TABLE meeting_chair_range (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        position integer NOT NULL,
        person_id uuid NOT NULL REFERENCES person (id),
        paragraph_numbers integer[] NOT NULL,
        CONSTRAINT meeting_chair_range_numbers CHECK (cardinality(paragraph_numbers) >= 1),
        CONSTRAINT meeting_chair_range_position_unique UNIQUE (meeting_id, position)
      )`);

    for (const [table, label] of [
      ['meeting_adjournment', 'their adjournments'],
      ['meeting_chair_range', 'their chairs'],
    ]) {
      const args = [
        'meeting',
        'meeting_id',
        'id',
        'adjusted_at IS NOT NULL',
        `the minutes are adjusted: ${label} can no longer be changed`,
      ];
      await q.query(
        `CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION locked_by_parent(${args.map(quote).join(', ')})`,
      );
      await q.query(`SELECT audit_table($1)`, [table]);
      await q.query(`SELECT guard_truncate($1)`, [table]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_chair_range, meeting_adjournment`);
    await q.query(`DROP FUNCTION attendance_scope_applies(text, integer[], integer)`);
    await q.query(`
      ALTER TABLE meeting_attendance DROP CONSTRAINT meeting_attendance_scope,
        DROP COLUMN scope_numbers, DROP COLUMN paragraph_scope`);
    await q.query(
      `ALTER TABLE meeting_attendance ADD CONSTRAINT meeting_attendance_unique UNIQUE (meeting_id, person_id)`,
    );
    await q.query(`
      ALTER TABLE meeting DROP CONSTRAINT meeting_open_from_paragraph,
        DROP COLUMN remote_participation, DROP COLUMN open_to_public_from_paragraph,
        DROP COLUMN open_to_public, DROP COLUMN case_number`);
  }
}
