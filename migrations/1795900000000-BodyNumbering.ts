import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Numbering as the body writes it (issue 10):
 * - body.reference_pattern: the body's display pattern of paragraph references ({short}, {n},
 *   {yyyy}, {yy}, {date}); NULL is the register's default "{short} {date} § {n}".
 * - meeting.recorded_as: 'live' (default) or 'transcribed' from a printed protocol; a paragraph
 *   of a transcribed meeting may take the number printed on it (paragraph.number_printed).
 * - paragraph: agenda item number, several case numbers (case_number stays the first one), a
 *   filing code (diariekod/arkivkod), and outcome kind 'none' (no decision: information,
 *   "Inga frågor ställs").
 * - paragraph_relation: a paragraph referring to another one (registered or as printed).
 */
export class BodyNumbering1795900000000 implements MigrationInterface {
  name = 'BodyNumbering1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE body ADD COLUMN reference_pattern text
        CONSTRAINT body_reference_pattern_check CHECK (
          reference_pattern IS NULL OR (length(reference_pattern) BETWEEN 3 AND 60
                                        AND position('{n}' IN reference_pattern) > 0))`);
    await q.query(`
      ALTER TABLE meeting ADD COLUMN recorded_as text NOT NULL DEFAULT 'live'
        CONSTRAINT meeting_recorded_as_check CHECK (recorded_as IN ('live', 'transcribed'))`);

    await q.query(`ALTER TABLE paragraph DROP CONSTRAINT paragraph_outcome_kind_check`);
    await q.query(`
      ALTER TABLE paragraph
        ADD CONSTRAINT paragraph_outcome_kind_check CHECK (outcome_kind IN ('decision', 'proposal', 'none')),
        ADD COLUMN number_printed boolean NOT NULL DEFAULT false,
        ADD COLUMN agenda_item text
          CONSTRAINT paragraph_agenda_item_check CHECK (agenda_item IS NULL OR length(agenda_item) BETWEEN 1 AND 20),
        ADD COLUMN filing_code text
          CONSTRAINT paragraph_filing_code_check CHECK (filing_code IS NULL OR length(filing_code) BETWEEN 1 AND 40),
        ADD COLUMN case_numbers text[] NOT NULL DEFAULT '{}',
        ADD COLUMN label text,
        ADD COLUMN sort_key bigint`);
    // Filling the new columns of adjusted paragraphs is no change of their record. The heading
    // label ("§ 7", "44 §", "KSAU 130/2014") of existing paragraphs is the default "§ n".
    await q.query(`ALTER TABLE paragraph DISABLE TRIGGER paragraph_lock`);
    await q.query(
      `UPDATE paragraph SET label = '§ ' || number,
              sort_key = numbering_period::bigint * 100000000 + number,
              case_numbers = CASE WHEN case_number IS NULL THEN '{}' ELSE ARRAY[case_number] END`,
    );
    await q.query(`ALTER TABLE paragraph ENABLE TRIGGER paragraph_lock`);
    await q.query(`
      ALTER TABLE paragraph ALTER COLUMN label SET NOT NULL, ALTER COLUMN sort_key SET NOT NULL,
        -- Numeric order of paragraphs (not a generated column: the lock trigger compares rows).
        ADD CONSTRAINT paragraph_sort_key_check CHECK (sort_key = numbering_period::bigint * 100000000 + number),
        ADD CONSTRAINT paragraph_label_check CHECK (length(label) BETWEEN 1 AND 200)`);
    await q.query(`CREATE INDEX paragraph_sort_idx ON paragraph (body_id, sort_key)`);
    await q.query(`
      ALTER TABLE paragraph ADD CONSTRAINT paragraph_case_numbers_first
        CHECK (case_number IS NOT DISTINCT FROM case_numbers[1] AND cardinality(case_numbers) <= 10)`);
    await q.query(`
      ALTER TABLE paragraph ADD CONSTRAINT paragraph_none_not_appealable
        CHECK (outcome_kind <> 'none' OR (NOT appealable AND proposes_to_body_id IS NULL))`);

    await q.query(`
      CREATE TABLE paragraph_relation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        related_paragraph_id uuid REFERENCES paragraph (id),
        printed_reference text CHECK (printed_reference IS NULL OR length(printed_reference) BETWEEN 1 AND 200),
        relation text NOT NULL CHECK (relation IN ('ends_membership', 'follows_up', 'refers_to')),
        CONSTRAINT paragraph_relation_target CHECK ((related_paragraph_id IS NULL) <> (printed_reference IS NULL)),
        CONSTRAINT paragraph_relation_not_self CHECK (related_paragraph_id IS DISTINCT FROM paragraph_id),
        CONSTRAINT paragraph_relation_position_unique UNIQUE (paragraph_id, position)
      )`);
    await q.query(`SELECT audit_table('paragraph_relation')`);
    await q.query(`SELECT guard_truncate('paragraph_relation')`);
    await q.query(`
      CREATE TRIGGER paragraph_relation_lock BEFORE INSERT OR UPDATE OR DELETE ON paragraph_relation
      FOR EACH ROW EXECUTE FUNCTION locked_by_parent('paragraph', 'paragraph_id', 'id',
        'adjusted_at IS NOT NULL', 'paragraph {parent} is adjusted: its references to other paragraphs can no longer be changed',
        'reference')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE paragraph_relation`);
    await q.query(`
      ALTER TABLE paragraph DROP CONSTRAINT paragraph_none_not_appealable,
        DROP CONSTRAINT paragraph_case_numbers_first,
        DROP COLUMN case_numbers, DROP COLUMN label, DROP COLUMN sort_key, DROP COLUMN filing_code, DROP COLUMN agenda_item,
        DROP COLUMN number_printed, DROP CONSTRAINT paragraph_outcome_kind_check`);
    await q.query(`
      ALTER TABLE paragraph ADD CONSTRAINT paragraph_outcome_kind_check
        CHECK (outcome_kind IN ('decision', 'proposal'))`);
    await q.query(`ALTER TABLE meeting DROP COLUMN recorded_as`);
    await q.query(`ALTER TABLE body DROP COLUMN reference_pattern`);
  }
}
