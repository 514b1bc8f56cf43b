import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices (anslag) as printed: a notice transcribed from a paper protocol stores the dates it
 * prints (adjusted, posted, last appeal day, taken down), each unknown when not printed. The
 * legal dates stay in adjusted_on / posted_on / appeal_last_day / removed_on: the known
 * adjustment and posting days, and the appeal deadline and earliest takedown computed from the
 * posting by law. A transcribed notice that does not print its posting day has no legal dates
 * (they are never guessed). A live notice keeps all four legal dates known and prints nothing
 * of its own.
 *
 * paragraph_lock: a paragraph's announcement is filled in once, also when the posting day is
 * unknown (announced_on stays empty, announcement_id is set).
 */
export class PrintedNoticeDates1795940000000 implements MigrationInterface {
  name = 'PrintedNoticeDates1795940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE announcement
        ALTER COLUMN adjusted_on DROP NOT NULL,
        ALTER COLUMN posted_on DROP NOT NULL,
        ALTER COLUMN appeal_last_day DROP NOT NULL,
        ALTER COLUMN removed_on DROP NOT NULL,
        ADD COLUMN transcribed boolean NOT NULL DEFAULT false,
        ADD COLUMN printed_adjusted_on date,
        ADD COLUMN printed_posted_on date,
        ADD COLUMN printed_appeal_last_day date,
        ADD COLUMN printed_removed_on date,
        ADD CONSTRAINT announcement_live_dates_known CHECK (
          transcribed OR (adjusted_on IS NOT NULL AND posted_on IS NOT NULL)),
        ADD CONSTRAINT announcement_legal_dates_from_posting CHECK (
          (posted_on IS NULL) = (appeal_last_day IS NULL)
          AND (appeal_last_day IS NULL) = (removed_on IS NULL)),
        ADD CONSTRAINT announcement_printed_only_transcribed CHECK (
          transcribed OR num_nonnulls(printed_adjusted_on, printed_posted_on,
                                      printed_appeal_last_day, printed_removed_on) = 0),
        ADD CONSTRAINT announcement_printed_posting_is_posting CHECK (
          NOT transcribed OR posted_on IS NOT DISTINCT FROM printed_posted_on),
        ADD CONSTRAINT announcement_printed_dates_in_order CHECK (
          (printed_adjusted_on IS NULL OR printed_posted_on IS NULL OR printed_adjusted_on <= printed_posted_on)
          AND (printed_posted_on IS NULL OR printed_appeal_last_day IS NULL OR printed_posted_on < printed_appeal_last_day)
          AND (printed_appeal_last_day IS NULL OR printed_removed_on IS NULL OR printed_appeal_last_day <= printed_removed_on)
          AND (printed_posted_on IS NULL OR printed_removed_on IS NULL OR printed_posted_on < printed_removed_on))`);

    await q.query(this.paragraphLock('announcement_id'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(this.paragraphLock('announced_on'));
    await q.query(`DELETE FROM announcement WHERE transcribed`);
    await q.query(`
      ALTER TABLE announcement
        DROP CONSTRAINT announcement_printed_dates_in_order,
        DROP CONSTRAINT announcement_printed_posting_is_posting,
        DROP CONSTRAINT announcement_printed_only_transcribed,
        DROP CONSTRAINT announcement_legal_dates_from_posting,
        DROP CONSTRAINT announcement_live_dates_known,
        DROP COLUMN printed_removed_on,
        DROP COLUMN printed_appeal_last_day,
        DROP COLUMN printed_posted_on,
        DROP COLUMN printed_adjusted_on,
        DROP COLUMN transcribed,
        ALTER COLUMN removed_on SET NOT NULL,
        ALTER COLUMN appeal_last_day SET NOT NULL,
        ALTER COLUMN posted_on SET NOT NULL,
        ALTER COLUMN adjusted_on SET NOT NULL`);
  }

  /** paragraph_lock of 1795400000000, with the "already announced" test on `announcedColumn`. */
  private paragraphLock(announcedColumn: 'announcement_id' | 'announced_on'): string {
    return `
      CREATE OR REPLACE FUNCTION paragraph_lock() RETURNS trigger LANGUAGE plpgsql AS $$
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
        IF OLD.${announcedColumn} IS NOT NULL
           AND (v_old - v_appeal) IS DISTINCT FROM (v_new - v_appeal) THEN
          RAISE EXCEPTION 'paragraph % is already announced; the announcement cannot be changed', OLD.reference USING ERRCODE = 'P0409';
        END IF;
        IF OLD.appeal_registered_at IS NOT NULL
           AND (v_old - v_announcement) IS DISTINCT FROM (v_new - v_announcement) THEN
          RAISE EXCEPTION 'an appeal of paragraph % is already registered', OLD.reference USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`;
  }
}
