import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adjustment as signatures over content, and the frozen adjusted record.
 *
 * meeting_signature: every signature of the minutes (chair, adjusters), electronic or recorded
 * from paper, with the SHA-256 of the minutes as rendered when it was given. A signature is never
 * removed or altered: when the minutes change after it, it is voided once (voided_at,
 * void_reason) and kept in the history. Nothing changes once the minutes are adjusted.
 *
 * adjusted_record_snapshot: the view models the documents of an adjusted meeting or paragraph are
 * rendered from (organisation, body, names, parties, seats, roles…), written once at
 * adjustment and never changed, so later renames and membership changes do not rewrite them.
 */
export class AdjustmentSignatures1795830000000 implements MigrationInterface {
  name = 'AdjustmentSignatures1795830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_signature (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL CHECK (role IN ('chair', 'adjuster')),
        method text NOT NULL CHECK (method IN ('electronic', 'paper')),
        minutes_hash text NOT NULL CHECK (minutes_hash ~ '^[0-9a-f]{64}$'),
        signed_at timestamptz NOT NULL,
        recorded_by_user_id uuid REFERENCES app_user (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        voided_at timestamptz,
        void_reason text,
        CONSTRAINT meeting_signature_void_reason CHECK ((voided_at IS NULL) = (void_reason IS NULL))
      )`);
    await q.query(
      `CREATE INDEX meeting_signature_meeting_idx ON meeting_signature (meeting_id, recorded_at, id)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX meeting_signature_one_valid ON meeting_signature (meeting_id, person_id)
      WHERE voided_at IS NULL`);

    await q.query(`
      CREATE FUNCTION meeting_signature_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_meeting uuid;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'a signature of the minutes is part of the record and cannot be removed' USING ERRCODE = 'P0409';
        END IF;
        v_meeting := NEW.meeting_id;
        IF EXISTS (SELECT 1 FROM meeting WHERE id = v_meeting AND adjusted_at IS NOT NULL) THEN
          RAISE EXCEPTION 'the minutes are adjusted: their signatures can no longer change' USING ERRCODE = 'P0409';
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF OLD.voided_at IS NOT NULL THEN
            RAISE EXCEPTION 'a void signature stays as it is' USING ERRCODE = 'P0409';
          END IF;
          IF (to_jsonb(OLD) - 'voided_at' - 'void_reason') IS DISTINCT FROM (to_jsonb(NEW) - 'voided_at' - 'void_reason') THEN
            RAISE EXCEPTION 'a signature cannot be altered, only voided' USING ERRCODE = 'P0409';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER meeting_signature_guard BEFORE INSERT OR UPDATE OR DELETE ON meeting_signature
      FOR EACH ROW EXECUTE FUNCTION meeting_signature_guard()`);

    await q.query(`
      CREATE TABLE adjusted_record_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        paragraph_id uuid REFERENCES paragraph (id),
        view jsonb NOT NULL CHECK (jsonb_typeof(view) = 'object'),
        taken_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX adjusted_record_snapshot_paragraph ON adjusted_record_snapshot (paragraph_id)
      WHERE paragraph_id IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX adjusted_record_snapshot_meeting ON adjusted_record_snapshot (meeting_id)
      WHERE paragraph_id IS NULL`);

    // Written once, for an adjusted record only; never changed or removed.
    await q.query(`
      CREATE FUNCTION adjusted_record_snapshot_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          RAISE EXCEPTION 'the adjusted record is frozen: its snapshot is written once and never changed' USING ERRCODE = 'P0409';
        END IF;
        IF NEW.paragraph_id IS NOT NULL THEN
          IF NOT EXISTS (SELECT 1 FROM paragraph WHERE id = NEW.paragraph_id AND meeting_id = NEW.meeting_id
                           AND adjusted_at IS NOT NULL) THEN
            RAISE EXCEPTION 'only an adjusted paragraph is frozen' USING ERRCODE = 'P0409';
          END IF;
        ELSIF NOT EXISTS (SELECT 1 FROM meeting WHERE id = NEW.meeting_id AND adjusted_at IS NOT NULL) THEN
          RAISE EXCEPTION 'only adjusted minutes are frozen' USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER adjusted_record_snapshot_guard BEFORE INSERT OR UPDATE OR DELETE ON adjusted_record_snapshot
      FOR EACH ROW EXECUTE FUNCTION adjusted_record_snapshot_guard()`);

    for (const table of ['meeting_signature', 'adjusted_record_snapshot']) {
      await q.query(`SELECT audit_table($1)`, [table]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adjusted_record_snapshot, meeting_signature`);
    await q.query(`DROP FUNCTION adjusted_record_snapshot_guard()`);
    await q.query(`DROP FUNCTION meeting_signature_guard()`);
  }
}
