import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proposals as they are written (issue 10, point 4 and the officer's report of point 7):
 * - paragraph_onward_body: the bodies a proposal goes on to after the body it is made to, in
 *   order ("föreslår kommunstyrelsen föreslå kommunfullmäktige besluta att": KS, then KF), frozen
 *   with the paragraph once adjusted.
 * - paragraph.proposal_heading: the proposal's heading exactly as printed (optional; without it
 *   the register writes it from the chain).
 * - paragraph.proposal_clauses_separate: a deciding paragraph that also proposes to another body
 *   ("KS beslutar att … samt föreslår KF besluta att …"); its proposal clauses are the produced
 *   proposal's clauses, apart from the decision clauses.
 * - proposal.is_officer_report, report_date, case_officer_name: the tjänsteskrivelse behind an
 *   officer's proposal (date, author = officer_name/title, handläggare). Unknown stays NULL.
 */
export class ProposalChains1795930000000 implements MigrationInterface {
  name = 'ProposalChains1795930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE paragraph_onward_body (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph (id),
        position int NOT NULL CHECK (position > 0),
        body_id uuid NOT NULL REFERENCES body (id),
        CONSTRAINT paragraph_onward_body_position_unique UNIQUE (paragraph_id, position)
      )`);
    await q.query(`SELECT audit_table('paragraph_onward_body')`);
    await q.query(`SELECT guard_truncate('paragraph_onward_body')`);
    await q.query(`
      CREATE TRIGGER paragraph_onward_body_lock BEFORE INSERT OR UPDATE OR DELETE ON paragraph_onward_body
        FOR EACH ROW EXECUTE FUNCTION locked_by_parent('paragraph', 'paragraph_id', 'id',
          'adjusted_at IS NOT NULL',
          'paragraph {parent} is adjusted: its proposal chain can no longer be changed', 'reference')`);

    await q.query(`
      ALTER TABLE paragraph
        ADD COLUMN proposal_heading text CONSTRAINT paragraph_proposal_heading_check
          CHECK (proposal_heading IS NULL OR length(proposal_heading) > 0),
        ADD COLUMN proposal_clauses_separate boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT paragraph_decides_and_proposes CHECK (
          NOT proposal_clauses_separate OR (outcome_kind = 'decision' AND proposes_to_body_id IS NOT NULL))`);

    await q.query(`
      ALTER TABLE proposal
        ADD COLUMN is_officer_report boolean NOT NULL DEFAULT false,
        ADD COLUMN report_date date,
        ADD COLUMN case_officer_name text CONSTRAINT proposal_case_officer_name_check
          CHECK (case_officer_name IS NULL OR length(case_officer_name) > 0),
        ADD CONSTRAINT proposal_officer_report CHECK (
          (is_officer_report AND source_kind = 'officer')
          OR (NOT is_officer_report AND report_date IS NULL AND case_officer_name IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE proposal DROP CONSTRAINT proposal_officer_report,
        DROP COLUMN case_officer_name, DROP COLUMN report_date, DROP COLUMN is_officer_report`);
    await q.query(`
      ALTER TABLE paragraph DROP CONSTRAINT paragraph_decides_and_proposes,
        DROP COLUMN proposal_clauses_separate, DROP COLUMN proposal_heading`);
    await q.query(`DROP TABLE paragraph_onward_body`);
  }
}
