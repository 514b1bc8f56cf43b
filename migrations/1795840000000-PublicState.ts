import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What outsiders (anonymous users and users of other organisations) may see of a motion: the
 * state after the last timeline event whose paragraph is published (adjusted and public), or
 * that has no paragraph. A decision, its outcome and paragraph reference become public only when
 * the deciding paragraph is. `motion_public` has the columns of `motion` with the public values,
 * so lists, filters, feeds, statistics and reports can read from it instead of `motion`.
 *
 * `proposal_public_status(id)` does the same for a proposal's status.
 *
 * Joint grant applications: `entered_by_own_organisation` marks an applicant entry whose
 * signatory or authorising clause was given by the applicant organisation itself (its registrar)
 * or by an admin; entries made in another organisation's name are never shown as authorised.
 */
export class PublicState1795840000000 implements MigrationInterface {
  name = 'PublicState1795840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION paragraph_is_published(p_paragraph_id uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT p_paragraph_id IS NULL OR EXISTS (
          SELECT 1 FROM paragraph p
           WHERE p.id = p_paragraph_id AND p.adjusted_at IS NOT NULL AND p.is_public)
      $$`);

    await q.query(`
      CREATE VIEW motion_public AS
      SELECT m.id, m.organisation_id, m.body_id, m.kind, m.title, m.case_number, m.raised_on,
             CASE WHEN paragraph_is_published(m.raised_paragraph_id) THEN m.raised_paragraph_id END
               AS raised_paragraph_id,
             m.citizen_name, m.decision_due,
             coalesce(last.to_status, 'raised') AS status,
             CASE WHEN last.kind = 'decided' THEN last.outcome END AS outcome,
             referral.referred_to,
             referral.answer_due,
             CASE WHEN last.kind = 'decided' THEN last.occurred_on END AS decided_on,
             CASE WHEN last.kind = 'decided' THEN last.paragraph_id END AS decision_paragraph_id,
             CASE WHEN last.to_status IN ('decided', 'withdrawn') THEN last.occurred_on END AS closed_on,
             m.created_at, m.updated_at
        FROM motion m
        LEFT JOIN LATERAL (
          SELECT e.kind, e.to_status, e.outcome, e.occurred_on, e.paragraph_id
            FROM motion_event e
           WHERE e.motion_id = m.id AND paragraph_is_published(e.paragraph_id)
           ORDER BY e.seq DESC LIMIT 1) last ON true
        LEFT JOIN LATERAL (
          SELECT e.referred_to, e.answer_due
            FROM motion_event e
           WHERE e.motion_id = m.id AND e.kind = 'referred' AND paragraph_is_published(e.paragraph_id)
           ORDER BY e.seq DESC LIMIT 1) referral ON true`);

    // A proposal's status as outsiders see it: an outcome counts once the handling paragraph is
    // adjusted and public; a withdrawal by the proposer (no paragraph) at once; otherwise open.
    await q.query(`
      CREATE FUNCTION proposal_public_status(p_proposal_id uuid) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT CASE
          WHEN pr.status = 'withdrawn' AND NOT EXISTS (
            SELECT 1 FROM proposal_handling h WHERE h.proposal_id = pr.id AND h.outcome = 'withdrawn')
          THEN 'withdrawn'
          ELSE coalesce((
            SELECT h.outcome FROM proposal_handling h JOIN paragraph p ON p.id = h.paragraph_id
             WHERE h.proposal_id = pr.id AND h.outcome IS NOT NULL
               AND p.adjusted_at IS NOT NULL AND p.is_public
             ORDER BY h.created_at DESC, h.id DESC LIMIT 1), 'open')
        END
          FROM proposal pr WHERE pr.id = p_proposal_id
      $$`);

    await q.query(`
      ALTER TABLE grant_applicant
        ADD COLUMN entered_by_own_organisation boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grant_applicant DROP COLUMN entered_by_own_organisation`);
    await q.query(`DROP FUNCTION proposal_public_status(uuid)`);
    await q.query(`DROP VIEW motion_public`);
    await q.query(`DROP FUNCTION paragraph_is_published(uuid)`);
  }
}
