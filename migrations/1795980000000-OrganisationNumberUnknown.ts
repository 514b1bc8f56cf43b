import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's organisationsnummer is optional: many printed documents do not state it, and
 * the register never invents it. Unknown is NULL. The existing UNIQUE constraint
 * (organisation_organisation_number_key) only applies to numbers that are present, since NULLs
 * are distinct in PostgreSQL, and the format CHECK (organisation_organisation_number_check)
 * passes NULL; a number that is given is still normalised and Luhn-checked by the API.
 */
export class OrganisationNumberUnknown1795980000000 implements MigrationInterface {
  name = 'OrganisationNumberUnknown1795980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisation ALTER COLUMN organisation_number DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails while an organisation has no known number: a number is never made up to go back.
    await q.query(`ALTER TABLE organisation ALTER COLUMN organisation_number SET NOT NULL`);
  }
}
