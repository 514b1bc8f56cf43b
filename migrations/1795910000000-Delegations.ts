import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delegation (KL 6 kap. 37–40 §§):
 * - delegation: from a body to another body or to an officer role / office holder, for listed
 *   kinds of matter, valid from/to, appealable or not, decided in a paragraph (or a printed
 *   reference when that paragraph is not in the register).
 * - paragraph.delegation_id: a paragraph decided under a delegation (a final decision of the
 *   delegate body, also for a working committee).
 * - delegation_decision: a decision by an office holder on delegation, taken outside a meeting.
 * - meeting_reported_delegation: anmälan av delegationsbeslut, the list reported to a meeting of
 *   the delegating body; frozen with the minutes. A reported office-holder decision is frozen
 *   once the minutes that reported it are adjusted.
 * - organisation kinds kommunalförbund and regionförbund.
 */
export class Delegations1795910000000 implements MigrationInterface {
  name = 'Delegations1795910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check`);
    await q.query(`
      ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check
        CHECK (kind IN ('region', 'municipality', 'municipal_association', 'regional_association'))`);

    await q.query(`
      CREATE TABLE delegation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        from_body_id uuid NOT NULL REFERENCES body (id),
        to_body_id uuid REFERENCES body (id),
        to_role text CHECK (to_role IS NULL OR length(to_role) BETWEEN 1 AND 300),
        to_holder_name text CHECK (to_holder_name IS NULL OR length(to_holder_name) BETWEEN 1 AND 300),
        matters text[] NOT NULL DEFAULT '{}',
        matter_kinds text[] NOT NULL DEFAULT '{}',
        valid_from date,
        valid_to date,
        appealable boolean NOT NULL,
        decided_in_paragraph_id uuid REFERENCES paragraph (id),
        decided_in_reference text CHECK (decided_in_reference IS NULL OR length(decided_in_reference) BETWEEN 1 AND 300),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT delegation_delegate_given CHECK (
          (to_body_id IS NOT NULL AND to_role IS NULL AND to_holder_name IS NULL)
          OR (to_body_id IS NULL AND (to_role IS NOT NULL OR to_holder_name IS NOT NULL))),
        CONSTRAINT delegation_not_to_itself CHECK (to_body_id IS DISTINCT FROM from_body_id),
        CONSTRAINT delegation_dates_in_order CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
        CONSTRAINT delegation_matter_kinds_known CHECK (
          matter_kinds <@ ARRAY['motion', 'initiative', 'citizen_proposal', 'grant']::text[]),
        CONSTRAINT delegation_scope_given CHECK (cardinality(matters) + cardinality(matter_kinds) > 0)
      )`);
    await q.query(`CREATE INDEX delegation_from_body_idx ON delegation (from_body_id)`);
    await q.query(`CREATE INDEX delegation_to_body_idx ON delegation (to_body_id)`);

    await q.query(`ALTER TABLE paragraph ADD COLUMN delegation_id uuid REFERENCES delegation (id)`);
    await q.query(
      `CREATE INDEX paragraph_delegation_idx ON paragraph (delegation_id) WHERE delegation_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE delegation_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        body_id uuid NOT NULL REFERENCES body (id),
        delegation_id uuid REFERENCES delegation (id),
        decided_on date NOT NULL,
        decided_by_name text CHECK (decided_by_name IS NULL OR length(decided_by_name) BETWEEN 1 AND 300),
        decided_by_role text CHECK (decided_by_role IS NULL OR length(decided_by_role) BETWEEN 1 AND 300),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        text text CHECK (text IS NULL OR length(text) > 0),
        case_number text CHECK (case_number IS NULL OR length(case_number) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT delegation_decision_decided_by_given CHECK (
          decided_by_name IS NOT NULL OR decided_by_role IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX delegation_decision_body_idx ON delegation_decision (body_id, decided_on)`,
    );

    await q.query(`
      CREATE TABLE meeting_reported_delegation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        position int NOT NULL CHECK (position > 0),
        paragraph_id uuid REFERENCES paragraph (id),
        delegation_decision_id uuid REFERENCES delegation_decision (id),
        printed_text text CHECK (printed_text IS NULL OR length(printed_text) BETWEEN 1 AND 2000),
        CONSTRAINT meeting_reported_delegation_one_item CHECK (
          num_nonnulls(paragraph_id, delegation_decision_id, printed_text) = 1),
        CONSTRAINT meeting_reported_delegation_position_unique UNIQUE (meeting_id, position),
        CONSTRAINT meeting_reported_delegation_paragraph_unique UNIQUE (meeting_id, paragraph_id),
        CONSTRAINT meeting_reported_delegation_decision_unique UNIQUE (meeting_id, delegation_decision_id)
      )`);

    for (const table of ['delegation', 'delegation_decision', 'meeting_reported_delegation']) {
      await q.query(`SELECT audit_table($1)`, [table]);
      await q.query(`SELECT guard_truncate($1)`, [table]);
    }
    await q.query(`
      CREATE TRIGGER meeting_reported_delegation_lock
        BEFORE INSERT OR UPDATE OR DELETE ON meeting_reported_delegation
        FOR EACH ROW EXECUTE FUNCTION locked_by_parent(
          'meeting', 'meeting_id', 'id', 'adjusted_at IS NOT NULL',
          'the minutes are adjusted: the reported delegation decisions can no longer be changed')`);
    // An office holder's decision reported to adjusted minutes is part of the record.
    await q.query(`
      CREATE TRIGGER delegation_decision_lock
        BEFORE UPDATE OR DELETE ON delegation_decision
        FOR EACH ROW EXECUTE FUNCTION locked_by_parent(
          'meeting_reported_delegation', 'id', 'delegation_decision_id',
          'EXISTS (SELECT 1 FROM meeting mt WHERE mt.id = meeting_id AND mt.adjusted_at IS NOT NULL)',
          'the decision is reported in adjusted minutes and can no longer be changed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_reported_delegation`);
    await q.query(`DROP TABLE delegation_decision`);
    await q.query(`ALTER TABLE paragraph DROP COLUMN delegation_id`);
    await q.query(`DROP TABLE delegation`);
    await q.query(`ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check`);
    await q.query(`
      ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check
        CHECK (kind IN ('region', 'municipality'))`);
  }
}
