import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables made after the truncate guards of 1795810000000 get theirs too: signatures of the
 * minutes, snapshots of the adjusted record and the idempotency replies. No table of the
 * register can be emptied by TRUNCATE, which passes every row trigger.
 */
export class GuardLaterTables1795860000000 implements MigrationInterface {
  name = 'GuardLaterTables1795860000000';

  private readonly tables = ['meeting_signature', 'adjusted_record_snapshot', 'idempotency_key'];

  async up(q: QueryRunner): Promise<void> {
    for (const table of this.tables) await q.query(`SELECT guard_truncate($1)`, [table]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of this.tables) await q.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
  }
}
