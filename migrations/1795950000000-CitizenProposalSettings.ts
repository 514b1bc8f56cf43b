import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Motions as they are written (issue 10, citizen proposals and e-proposals):
 *
 * - A transcribed motion may have a raised date known only as a year or a year and month
 *   (`raised_partial`), or not known at all. The one-year rule then gives a range of possible
 *   due days (`decision_due_earliest` .. `decision_due_latest`); `decision_due` is set only when
 *   the raised day is known. Nothing is guessed.
 * - A medborgarförslag or e-förslag published without the proposer's name has no name and
 *   `citizen_name_unpublished`.
 * - Kind `e_proposal` (e-förslag) with a signature period, a threshold and a signature count;
 *   statuses `collecting`, `threshold_reached` and `closed` (closed for lack of signatures,
 *   final). Outcome `under_investigation` ("anses vara under utredning").
 * - `council_proposal_setting`: per council, dated periods in which it accepts medborgarförslag
 *   or e-förslag (replaces `motion_body_setting`); periods of one kind never overlap.
 */
export class CitizenProposalSettings1795950000000 implements MigrationInterface {
  name = 'CitizenProposalSettings1795950000000';

  async up(q: QueryRunner): Promise<void> {
    // The earliest and latest day of 'YYYY' or 'YYYY-MM' (immutable: used in CHECKs).
    await q.query(`
      CREATE FUNCTION motion_partial_earliest(p text) RETURNS date
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT make_date(substr(p, 1, 4)::int, coalesce(nullif(substr(p, 6, 2), '')::int, 1), 1)
      $$`);
    await q.query(`
      CREATE FUNCTION motion_partial_latest(p text) RETURNS date
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT CASE WHEN length(p) = 4 THEN make_date(substr(p, 1, 4)::int, 12, 31)
               ELSE (make_date(substr(p, 1, 4)::int, substr(p, 6, 2)::int, 1)
                     + interval '1 month' - interval '1 day')::date END
      $$`);

    await q.query(`DROP VIEW motion_public`);
    await q.query(`
      ALTER TABLE motion
        DROP CONSTRAINT motion_decision_due_one_year,
        DROP CONSTRAINT motion_citizen_name_only_for_proposals,
        DROP CONSTRAINT motion_kind_check,
        DROP CONSTRAINT motion_status_check,
        DROP CONSTRAINT motion_outcome_check,
        DROP CONSTRAINT motion_closed_when_final,
        ALTER COLUMN raised_on DROP NOT NULL,
        ALTER COLUMN decision_due DROP NOT NULL,
        ADD COLUMN raised_partial text,
        ADD COLUMN transcribed boolean NOT NULL DEFAULT false,
        ADD COLUMN decision_due_earliest date,
        ADD COLUMN decision_due_latest date,
        ADD COLUMN citizen_name_unpublished boolean NOT NULL DEFAULT false,
        ADD COLUMN signature_period_start date,
        ADD COLUMN signature_period_end date,
        ADD COLUMN signature_threshold int,
        ADD COLUMN signature_count int,
        ADD COLUMN handled_by_body_id uuid CONSTRAINT motion_handled_by_body_fkey REFERENCES body (id),
        ADD COLUMN printed_number text,
        ADD COLUMN proposer_party text`);
    await q.query(
      `UPDATE motion SET decision_due_earliest = decision_due, decision_due_latest = decision_due`,
    );
    await q.query(`
      ALTER TABLE motion
        ADD CONSTRAINT motion_kind_check
          CHECK (kind IN ('motion', 'initiative', 'citizen_proposal', 'e_proposal')),
        ADD CONSTRAINT motion_status_check
          CHECK (status IN ('raised', 'referred', 'answered', 'sent_back', 'tabled', 'decided', 'withdrawn',
                            'collecting', 'threshold_reached', 'closed')),
        ADD CONSTRAINT motion_outcome_check
          CHECK (outcome IN ('approved', 'partly_approved', 'rejected', 'considered_answered', 'written_off',
                             'under_investigation')),
        ADD CONSTRAINT motion_closed_when_final
          CHECK ((status IN ('decided', 'withdrawn', 'closed')) = (closed_on IS NOT NULL)),
        ADD CONSTRAINT motion_raised_partial_format
          CHECK (raised_partial ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$' AND raised_partial >= '0001'),
        ADD CONSTRAINT motion_raised_one_form CHECK (raised_on IS NULL OR raised_partial IS NULL),
        ADD CONSTRAINT motion_inexact_date_only_transcribed CHECK (transcribed OR raised_on IS NOT NULL),
        -- One-year rule (KL 5 kap. 35 §): a day when the raised day is known, else the range of
        -- possible due days (none when nothing is known of the raised date).
        ADD CONSTRAINT motion_decision_due_one_year CHECK (
          CASE
            WHEN raised_on IS NOT NULL THEN
              decision_due = (raised_on + interval '1 year')::date
              AND decision_due_earliest = decision_due AND decision_due_latest = decision_due
            WHEN raised_partial IS NOT NULL THEN
              decision_due IS NULL
              AND decision_due_earliest = (motion_partial_earliest(raised_partial) + interval '1 year')::date
              AND decision_due_latest = (motion_partial_latest(raised_partial) + interval '1 year')::date
            ELSE decision_due IS NULL AND decision_due_earliest IS NULL AND decision_due_latest IS NULL
          END),
        ADD CONSTRAINT motion_citizen_name_only_for_proposals CHECK (
          CASE WHEN kind IN ('citizen_proposal', 'e_proposal') THEN
            (citizen_name_unpublished AND citizen_name IS NULL)
            OR (NOT citizen_name_unpublished AND citizen_name IS NOT NULL AND length(citizen_name) > 0)
          ELSE citizen_name IS NULL AND NOT citizen_name_unpublished END),
        ADD CONSTRAINT motion_signatures_only_for_e_proposals CHECK (
          kind = 'e_proposal' OR (signature_period_start IS NULL AND signature_period_end IS NULL
            AND signature_threshold IS NULL AND signature_count IS NULL)),
        ADD CONSTRAINT motion_signature_period_order CHECK (signature_period_end >= signature_period_start),
        ADD CONSTRAINT motion_signature_threshold_positive CHECK (signature_threshold > 0),
        ADD CONSTRAINT motion_signature_count_not_negative CHECK (signature_count >= 0),
        ADD CONSTRAINT motion_printed_number_not_blank CHECK (length(btrim(printed_number)) > 0),
        -- "företrädare från Miljöpartiet", "Motion (L)": a transcribed motion by a party group
        -- whose members are not named.
        ADD CONSTRAINT motion_proposer_party_only_transcribed CHECK (
          proposer_party IS NULL OR (transcribed AND kind IN ('motion', 'initiative')
                                     AND length(btrim(proposer_party)) > 0))`);

    await q.query(`
      CREATE OR REPLACE FUNCTION motion_final_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('decided', 'withdrawn', 'closed') AND (
             NEW.status IS DISTINCT FROM OLD.status OR NEW.outcome IS DISTINCT FROM OLD.outcome
             OR NEW.decided_on IS DISTINCT FROM OLD.decided_on
             OR NEW.decision_paragraph_id IS DISTINCT FROM OLD.decision_paragraph_id
             OR NEW.signature_count IS DISTINCT FROM OLD.signature_count) THEN
          RAISE EXCEPTION 'The matter is already % and can no longer change', OLD.status USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);

    await q.query(`
      ALTER TABLE motion_event
        DROP CONSTRAINT motion_event_kind_check,
        DROP CONSTRAINT motion_event_outcome_check,
        ADD COLUMN signature_count int,
        ALTER COLUMN occurred_on DROP NOT NULL,
        ADD CONSTRAINT motion_event_day_known_unless_raised CHECK (occurred_on IS NOT NULL OR kind = 'raised'),
        ADD CONSTRAINT motion_event_kind_check
          CHECK (kind IN ('raised', 'referred', 'answered', 'sent_back', 'tabled', 'decided', 'withdrawn',
                          'signatures_opened', 'signatures_counted', 'threshold_reached', 'closed')),
        ADD CONSTRAINT motion_event_outcome_check
          CHECK (outcome IN ('approved', 'partly_approved', 'rejected', 'considered_answered', 'written_off',
                             'under_investigation')),
        ADD CONSTRAINT motion_event_signature_count_not_negative CHECK (signature_count >= 0)`);

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
             CASE WHEN last.to_status IN ('decided', 'withdrawn', 'closed') THEN last.occurred_on END AS closed_on,
             m.created_at, m.updated_at,
             m.raised_partial, m.transcribed, m.decision_due_earliest, m.decision_due_latest,
             m.citizen_name_unpublished, m.signature_period_start, m.signature_period_end,
             m.signature_threshold, m.signature_count, m.handled_by_body_id,
             m.printed_number, m.proposer_party
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

    // Dated settings per council: from–to (inclusive) it accepts the kind. A null valid_from
    // means "since before what the register knows"; a null valid_to "until further notice".
    await q.query(`
      CREATE TABLE council_proposal_setting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body_id uuid NOT NULL CONSTRAINT council_proposal_setting_body_fkey REFERENCES body (id),
        kind text NOT NULL CONSTRAINT council_proposal_setting_kind_check
          CHECK (kind IN ('citizen_proposal', 'e_proposal')),
        valid_from date,
        valid_to date,
        signature_threshold int CONSTRAINT council_proposal_setting_threshold_positive
          CHECK (signature_threshold > 0),
        handled_by_body_id uuid CONSTRAINT council_proposal_setting_handled_by_fkey REFERENCES body (id),
        decided_paragraph_id uuid CONSTRAINT council_proposal_setting_paragraph_fkey REFERENCES paragraph (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT council_proposal_setting_period_order CHECK (valid_to >= valid_from),
        CONSTRAINT council_proposal_setting_e_proposal_fields CHECK (
          kind = 'e_proposal' OR (signature_threshold IS NULL AND handled_by_body_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX council_proposal_setting_body_idx ON council_proposal_setting (body_id, kind, valid_from)`,
    );
    await q.query(`
      CREATE FUNCTION council_proposal_setting_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM body WHERE id = NEW.body_id FOR UPDATE;
        IF EXISTS (
          SELECT 1 FROM council_proposal_setting s
           WHERE s.body_id = NEW.body_id AND s.kind = NEW.kind AND s.id <> NEW.id
             AND daterange(coalesce(s.valid_from, '-infinity'), s.valid_to, '[]')
                 && daterange(coalesce(NEW.valid_from, '-infinity'), NEW.valid_to, '[]')) THEN
          RAISE EXCEPTION 'The period overlaps another period of the same setting' USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER council_proposal_setting_no_overlap BEFORE INSERT OR UPDATE ON council_proposal_setting
      FOR EACH ROW EXECUTE FUNCTION council_proposal_setting_no_overlap()`);
    await q.query(`SELECT audit_table('council_proposal_setting')`);
    await q.query(`SELECT guard_truncate('council_proposal_setting')`);

    // What the old setting said, without a date (none was recorded).
    await q.query(`
      INSERT INTO council_proposal_setting (body_id, kind)
      SELECT body_id, 'citizen_proposal' FROM motion_body_setting WHERE allows_citizen_proposals`);
    await q.query(`DROP TABLE motion_body_setting`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE motion_body_setting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body_id uuid NOT NULL UNIQUE REFERENCES body (id),
        allows_citizen_proposals boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`SELECT audit_table('motion_body_setting')`);
    await q.query(`SELECT guard_truncate('motion_body_setting')`);
    await q.query(`
      INSERT INTO motion_body_setting (body_id, allows_citizen_proposals)
      SELECT DISTINCT body_id, true FROM council_proposal_setting WHERE kind = 'citizen_proposal'`);
    await q.query(`DROP TABLE council_proposal_setting`);
    await q.query(`DROP FUNCTION council_proposal_setting_no_overlap()`);
    await q.query(`DROP VIEW motion_public`);
    await q.query(`
      ALTER TABLE motion_event
        DROP CONSTRAINT motion_event_kind_check,
        DROP CONSTRAINT motion_event_outcome_check,
        DROP CONSTRAINT motion_event_signature_count_not_negative,
        DROP CONSTRAINT motion_event_day_known_unless_raised,
        DROP COLUMN signature_count,
        ALTER COLUMN occurred_on SET NOT NULL,
        ADD CONSTRAINT motion_event_kind_check
          CHECK (kind IN ('raised', 'referred', 'answered', 'sent_back', 'tabled', 'decided', 'withdrawn')),
        ADD CONSTRAINT motion_event_outcome_check
          CHECK (outcome IN ('approved', 'partly_approved', 'rejected', 'considered_answered', 'written_off'))`);
    await q.query(`
      CREATE OR REPLACE FUNCTION motion_final_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
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
      ALTER TABLE motion
        DROP CONSTRAINT motion_decision_due_one_year,
        DROP CONSTRAINT motion_citizen_name_only_for_proposals,
        DROP CONSTRAINT motion_kind_check,
        DROP CONSTRAINT motion_status_check,
        DROP CONSTRAINT motion_outcome_check,
        DROP CONSTRAINT motion_closed_when_final,
        DROP COLUMN raised_partial,
        DROP COLUMN transcribed,
        DROP COLUMN decision_due_earliest,
        DROP COLUMN decision_due_latest,
        DROP COLUMN citizen_name_unpublished,
        DROP COLUMN signature_period_start,
        DROP COLUMN signature_period_end,
        DROP COLUMN signature_threshold,
        DROP COLUMN signature_count,
        DROP COLUMN handled_by_body_id,
        DROP COLUMN printed_number,
        DROP COLUMN proposer_party,
        ALTER COLUMN raised_on SET NOT NULL,
        ALTER COLUMN decision_due SET NOT NULL,
        ADD CONSTRAINT motion_kind_check CHECK (kind IN ('motion', 'initiative', 'citizen_proposal')),
        ADD CONSTRAINT motion_status_check
          CHECK (status IN ('raised', 'referred', 'answered', 'sent_back', 'tabled', 'decided', 'withdrawn')),
        ADD CONSTRAINT motion_outcome_check
          CHECK (outcome IN ('approved', 'partly_approved', 'rejected', 'considered_answered', 'written_off')),
        ADD CONSTRAINT motion_closed_when_final
          CHECK ((status IN ('decided', 'withdrawn')) = (closed_on IS NOT NULL)),
        ADD CONSTRAINT motion_decision_due_one_year CHECK (decision_due = (raised_on + interval '1 year')::date),
        ADD CONSTRAINT motion_citizen_name_only_for_proposals CHECK (
          (kind = 'citizen_proposal') = (citizen_name IS NOT NULL AND length(citizen_name) > 0))`);
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
    await q.query(`DROP FUNCTION motion_partial_latest(text)`);
    await q.query(`DROP FUNCTION motion_partial_earliest(text)`);
  }
}
