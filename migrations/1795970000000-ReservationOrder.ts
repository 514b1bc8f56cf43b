import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reservations print in the order they were recorded (as the minutes list them), not in the
 * order of their random ids.
 */
export class ReservationOrder1795970000000 implements MigrationInterface {
  name = 'ReservationOrder1795970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE paragraph_reservation ADD COLUMN recorded_order bigint GENERATED ALWAYS AS IDENTITY`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE paragraph_reservation DROP COLUMN recorded_order`);
  }
}
