import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ed25519 signatures of certified extracts. The signature (base64, 64 bytes) covers the statement
 * of src/signing/statements.ts (extract id, content_hash, issued_at); signing_key_id names the
 * key in the key folder. The public keys are never stored here: verification uses the key folder
 * only, so whoever can write this table cannot make a forged extract verify.
 *
 * Both are set at INSERT (the table is append-only). Extracts issued before this migration keep
 * NULL and are reported as unsigned, never as authentic (so is any row written without them).
 */
export class CertificateSignatures1795820000000 implements MigrationInterface {
  name = 'CertificateSignatures1795820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE certified_extract
        ADD COLUMN signature text,
        ADD COLUMN signing_key_id text,
        ADD CONSTRAINT certified_extract_signature_pair
          CHECK ((signature IS NULL) = (signing_key_id IS NULL)),
        ADD CONSTRAINT certified_extract_signature_format
          CHECK (signature IS NULL OR signature ~ '^[A-Za-z0-9+/]{86}==$'),
        ADD CONSTRAINT certified_extract_signing_key_id_format
          CHECK (signing_key_id IS NULL OR signing_key_id ~ '^[0-9a-f]{16}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE certified_extract
        DROP CONSTRAINT certified_extract_signing_key_id_format,
        DROP CONSTRAINT certified_extract_signature_format,
        DROP CONSTRAINT certified_extract_signature_pair,
        DROP COLUMN signing_key_id,
        DROP COLUMN signature`);
  }
}
