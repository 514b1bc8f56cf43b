import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grant applications (statsbidrag): applicants with the decision clause (att-sats) that
 * authorises each one, measures, and the grantor's decision with per-measure amounts,
 * conditions, disbursements and reporting obligations. Money is integer öre.
 *
 * The grant decision is a copy of an external public document: once entered, its amounts never
 * change (triggers); only the paid date of a disbursement and the submitted date of a report
 * are filled in later, once.
 */
export class Grants1795700000000 implements MigrationInterface {
  name = 'Grants1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grant_application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        grantor text NOT NULL CHECK (length(grantor) > 0),
        legal_basis text NOT NULL CHECK (length(legal_basis) > 0),
        title text NOT NULL CHECK (length(title) > 0),
        case_number text,
        deadline date,
        submitted_on date,
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'decided', 'reporting', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grant_application_submitted_has_date CHECK (status = 'draft' OR submitted_on IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX grant_application_organisation_idx ON grant_application (organisation_id, created_at, id)`,
    );

    await q.query(`
      CREATE TABLE grant_applicant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES grant_application (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        position int NOT NULL CHECK (position > 0),
        is_lead boolean NOT NULL DEFAULT false,
        signatory_name text CHECK (length(signatory_name) > 0),
        signatory_title text,
        authorising_clause_id uuid REFERENCES paragraph_clause (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grant_applicant_unique UNIQUE (application_id, organisation_id),
        CONSTRAINT grant_applicant_position_unique UNIQUE (application_id, position)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX grant_applicant_one_lead ON grant_applicant (application_id) WHERE is_lead`,
    );
    await q.query(
      `CREATE INDEX grant_applicant_organisation_idx ON grant_applicant (organisation_id)`,
    );
    await q.query(
      `CREATE INDEX grant_applicant_clause_idx ON grant_applicant (authorising_clause_id) WHERE authorising_clause_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE grant_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES grant_application (id),
        position int NOT NULL CHECK (position > 0),
        title text NOT NULL CHECK (length(title) > 0),
        description text,
        expected_effect text,
        estimated_cost_ore bigint NOT NULL CHECK (estimated_cost_ore >= 0),
        requested_amount_ore bigint NOT NULL CHECK (requested_amount_ore >= 0),
        -- A grant finances a measure in whole or in part, never more than its cost.
        CONSTRAINT grant_measure_requested_within_cost CHECK (requested_amount_ore <= estimated_cost_ore),
        CONSTRAINT grant_measure_position_unique UNIQUE (application_id, position),
        CONSTRAINT grant_measure_id_application UNIQUE (id, application_id)
      )`);

    await q.query(`
      CREATE TABLE grant_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES grant_application (id),
        decided_on date NOT NULL,
        decided_by text NOT NULL CHECK (length(decided_by) > 0),
        case_number text,
        requested_total_ore bigint NOT NULL CHECK (requested_total_ore >= 0),
        granted_total_ore bigint NOT NULL CHECK (granted_total_ore >= 0),
        rejected_total_ore bigint NOT NULL CHECK (rejected_total_ore >= 0),
        implementation_deadline date,
        appealable boolean NOT NULL,
        appeal_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grant_decision_id_application UNIQUE (id, application_id),
        CONSTRAINT grant_decision_totals CHECK (granted_total_ore + rejected_total_ore = requested_total_ore),
        CONSTRAINT grant_decision_deadline_after_decision CHECK (implementation_deadline IS NULL OR implementation_deadline >= decided_on)
      )`);

    await q.query(`
      CREATE TABLE grant_decision_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_decision_id uuid NOT NULL,
        application_id uuid NOT NULL,
        measure_id uuid NOT NULL,
        requested_ore bigint NOT NULL CHECK (requested_ore >= 0),
        granted_ore bigint NOT NULL CHECK (granted_ore >= 0),
        rejected_ore bigint NOT NULL CHECK (rejected_ore >= 0),
        reason text,
        CONSTRAINT grant_decision_measure_unique UNIQUE (measure_id),
        CONSTRAINT grant_decision_measure_decision_fk FOREIGN KEY (grant_decision_id, application_id)
          REFERENCES grant_decision (id, application_id),
        CONSTRAINT grant_decision_measure_fk FOREIGN KEY (measure_id, application_id)
          REFERENCES grant_measure (id, application_id),
        CONSTRAINT grant_decision_measure_sum CHECK (granted_ore + rejected_ore = requested_ore)
      )`);
    await q.query(
      `CREATE INDEX grant_decision_measure_decision_idx ON grant_decision_measure (grant_decision_id)`,
    );

    await q.query(`
      CREATE TABLE grant_condition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_decision_id uuid NOT NULL REFERENCES grant_decision (id),
        position int NOT NULL CHECK (position > 0),
        text text NOT NULL CHECK (length(text) > 0),
        measure_id uuid REFERENCES grant_measure (id),
        max_amount_ore bigint CHECK (max_amount_ore >= 0),
        CONSTRAINT grant_condition_position_unique UNIQUE (grant_decision_id, position)
      )`);

    await q.query(`
      CREATE TABLE grant_disbursement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_decision_id uuid NOT NULL REFERENCES grant_decision (id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        amount_ore bigint NOT NULL CHECK (amount_ore > 0),
        paid_on date,
        CONSTRAINT grant_disbursement_year_unique UNIQUE (grant_decision_id, year)
      )`);

    await q.query(`
      CREATE TABLE grant_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_decision_id uuid NOT NULL REFERENCES grant_decision (id),
        kind text NOT NULL CHECK (kind IN ('interim', 'final')),
        due_on date NOT NULL,
        submitted_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX grant_report_one_final ON grant_report (grant_decision_id) WHERE kind = 'final'`,
    );
    await q.query(
      `CREATE INDEX grant_report_due_idx ON grant_report (due_on, id) WHERE submitted_on IS NULL`,
    );

    // The entered grant decision is a record of a public document: amounts are never edited.
    await q.query(`
      CREATE FUNCTION grant_decision_lock() RETURNS trigger LANGUAGE plpgsql AS $$
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

    // Applicants and measures are fixed once the application is submitted.
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

    for (const table of [
      'grant_application',
      'grant_applicant',
      'grant_measure',
      'grant_decision',
      'grant_decision_measure',
      'grant_condition',
      'grant_disbursement',
      'grant_report',
    ]) {
      await q.query(`SELECT audit_table($1)`, [table]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE grant_report, grant_disbursement, grant_condition, grant_decision_measure,
        grant_decision, grant_measure, grant_applicant, grant_application`);
    await q.query(`DROP FUNCTION grant_application_child_lock()`);
    await q.query(`DROP FUNCTION grant_decision_lock()`);
  }
}
