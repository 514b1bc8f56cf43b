import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bearer tokens expire: `app_user.expires_at` (set from TOKEN_LIFETIME_DAYS when a token is
 * created or rotated). Tokens that existed before get the default lifetime from now, so no one
 * is locked out by the upgrade.
 *
 * `idempotency_key` remembers the first successful response to a POST sent with an
 * Idempotency-Key header, per user and key, for 24 hours. The primary key makes concurrent
 * duplicates wait for (or replay) the first instead of creating twice. It is a cache of answers,
 * not part of the register, so it is neither audited nor locked.
 */
export class TokensAndIdempotency1795850000000 implements MigrationInterface {
  name = 'TokensAndIdempotency1795850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN expires_at timestamptz`);
    await q.query(`UPDATE app_user SET expires_at = now() + interval '90 days'`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN expires_at SET NOT NULL`);
    await q.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_expires_after_creation
        CHECK (expires_at > created_at)`);

    await q.query(`
      CREATE TABLE idempotency_key (
        user_id uuid NOT NULL REFERENCES app_user (id),
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        status integer CHECK (status BETWEEN 200 AND 299),
        response_headers jsonb,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key),
        CONSTRAINT idempotency_key_completed_has_response
          CHECK ((completed_at IS NULL) = (status IS NULL))
      )`);
    await q.query(`CREATE INDEX idempotency_key_expires_at ON idempotency_key (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_expires_after_creation`);
    await q.query(`ALTER TABLE app_user DROP COLUMN expires_at`);
  }
}
