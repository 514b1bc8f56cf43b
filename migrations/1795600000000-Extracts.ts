import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extracts (protokollsutdrag) and distribution lists ("Utdrag till" / "Expedieras till" /
 * "Expedieras inte"): a directory of recipients per organisation, each paragraph's distribution
 * decision with ordered entries, certified extracts of one or more paragraphs of a meeting (with
 * the SHA-256 of the rendered document) and an append-only log of dispatches.
 *
 * The distribution list of an adjusted paragraph is part of the public record: triggers freeze
 * it once paragraph.adjusted_at is set. Extracts and dispatches are never changed or removed.
 */
export class Extracts1795600000000 implements MigrationInterface {
  name = 'Extracts1795600000000';

  async up(q: QueryRunner): Promise<void> {
    // person → person(id); officer_role: a functional recipient ("Ekonomidirektör");
    // body → body(id); external_organisation: e.g. a grant authority (Kammarkollegiet).
    await q.query(`
      CREATE TABLE recipient (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        kind text NOT NULL CHECK (kind IN ('person', 'officer_role', 'body', 'external_organisation')),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        person_id uuid REFERENCES person (id),
        body_id uuid REFERENCES body (id),
        email text CHECK (email IS NULL OR email ~ '^[^@\\s]+@[^@\\s]+$'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recipient_kind_reference CHECK (
          (kind = 'person' AND person_id IS NOT NULL AND body_id IS NULL)
          OR (kind = 'body' AND body_id IS NOT NULL AND person_id IS NULL)
          OR (kind IN ('officer_role', 'external_organisation') AND person_id IS NULL AND body_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX recipient_organisation_idx ON recipient (organisation_id, name, id)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX recipient_person_unique ON recipient (organisation_id, person_id) WHERE person_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX recipient_body_unique ON recipient (organisation_id, body_id) WHERE body_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX recipient_name_unique ON recipient (organisation_id, kind, lower(name)) WHERE person_id IS NULL AND body_id IS NULL`,
    );
    // The person or body a recipient points at must be of the same organisation.
    await q.query(`
      CREATE FUNCTION recipient_same_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.person_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM person WHERE id = NEW.person_id AND organisation_id = NEW.organisation_id) THEN
          RAISE EXCEPTION 'the person of a recipient must belong to the same organisation' USING ERRCODE = '23514', CONSTRAINT = 'recipient_same_organisation';
        END IF;
        IF NEW.body_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM body WHERE id = NEW.body_id AND organisation_id = NEW.organisation_id) THEN
          RAISE EXCEPTION 'the body of a recipient must belong to the same organisation' USING ERRCODE = '23514', CONSTRAINT = 'recipient_same_organisation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER recipient_same_organisation BEFORE INSERT OR UPDATE ON recipient
      FOR EACH ROW EXECUTE FUNCTION recipient_same_organisation()`);

    // One distribution decision per paragraph: a list, or explicitly "Expedieras inte".
    await q.query(`
      CREATE TABLE paragraph_distribution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL UNIQUE REFERENCES paragraph (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        not_dispatched boolean NOT NULL,
        heading text NOT NULL DEFAULT 'expedieras_till' CHECK (heading IN ('utdrag_till', 'expedieras_till')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX paragraph_distribution_organisation_idx ON paragraph_distribution (organisation_id)`,
    );

    // recipient_label is the name as written in the minutes, kept even if the directory changes.
    await q.query(`
      CREATE TABLE paragraph_distribution_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        paragraph_id uuid NOT NULL REFERENCES paragraph_distribution (paragraph_id),
        position int NOT NULL CHECK (position > 0),
        recipient_id uuid NOT NULL REFERENCES recipient (id),
        recipient_label text NOT NULL CHECK (length(recipient_label) > 0),
        note text CHECK (note IS NULL OR length(note) > 0),
        CONSTRAINT paragraph_distribution_entry_position_unique UNIQUE (paragraph_id, position),
        CONSTRAINT paragraph_distribution_entry_recipient_unique UNIQUE (paragraph_id, recipient_id)
      )`);
    await q.query(
      `CREATE INDEX paragraph_distribution_entry_recipient_idx ON paragraph_distribution_entry (recipient_id)`,
    );

    // Frozen with the paragraph; "Expedieras inte" never has entries.
    await q.query(`
      CREATE FUNCTION paragraph_distribution_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_ids uuid[];
        v_reference text;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN v_ids := v_ids || OLD.paragraph_id; END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN v_ids := v_ids || NEW.paragraph_id; END IF;
        SELECT reference INTO v_reference FROM paragraph WHERE id = ANY (v_ids) AND adjusted_at IS NOT NULL LIMIT 1;
        IF v_reference IS NOT NULL THEN
          RAISE EXCEPTION 'paragraph % is adjusted: its distribution list is part of the public record and can no longer be changed', v_reference USING ERRCODE = 'P0409';
        END IF;
        IF TG_TABLE_NAME = 'paragraph_distribution_entry' AND TG_OP <> 'DELETE' AND EXISTS (
          SELECT 1 FROM paragraph_distribution WHERE paragraph_id = NEW.paragraph_id AND not_dispatched) THEN
          RAISE EXCEPTION 'a paragraph marked "Expedieras inte" has no recipients' USING ERRCODE = '23514', CONSTRAINT = 'paragraph_distribution_not_dispatched_empty';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['paragraph_distribution', 'paragraph_distribution_entry']) {
      await q.query(`
        CREATE TRIGGER ${table}_lock BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION paragraph_distribution_lock()`);
    }

    // A certified extract of one or more paragraphs of one meeting. content is the document as
    // certified (taken from the adjusted paragraphs and their frozen lists when issued), so a
    // later rename of a person or body never changes it; it renders to the bytes of content_hash.
    await q.query(`
      CREATE TABLE certified_extract (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        meeting_id uuid NOT NULL REFERENCES meeting (id),
        certifier_name text NOT NULL CHECK (length(btrim(certifier_name)) > 0),
        certifier_title text,
        certifier_person_id uuid REFERENCES person (id),
        issued_on date NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by_user_id uuid REFERENCES app_user (id),
        content jsonb NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT certified_extract_id_meeting_unique UNIQUE (id, meeting_id)
      )`);
    await q.query(
      `CREATE INDEX certified_extract_organisation_idx ON certified_extract (organisation_id, issued_at, id)`,
    );
    await q.query(
      `CREATE INDEX certified_extract_content_hash_idx ON certified_extract (content_hash)`,
    );

    await q.query(`
      CREATE TABLE extract_paragraph (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        extract_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        paragraph_id uuid NOT NULL,
        position int NOT NULL CHECK (position > 0),
        CONSTRAINT extract_paragraph_unique UNIQUE (extract_id, paragraph_id),
        CONSTRAINT extract_paragraph_position_unique UNIQUE (extract_id, position),
        CONSTRAINT extract_paragraph_extract_fk FOREIGN KEY (extract_id, meeting_id) REFERENCES certified_extract (id, meeting_id),
        CONSTRAINT extract_paragraph_paragraph_fk FOREIGN KEY (paragraph_id, meeting_id) REFERENCES paragraph (id, meeting_id)
      )`);
    await q.query(
      `CREATE INDEX extract_paragraph_paragraph_idx ON extract_paragraph (paragraph_id)`,
    );

    // Extracts exist only for adjusted paragraphs (immediately adjusted included).
    await q.query(`
      CREATE FUNCTION extract_paragraph_adjusted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_reference text;
      BEGIN
        SELECT reference INTO v_reference FROM paragraph WHERE id = NEW.paragraph_id AND adjusted_at IS NULL;
        IF v_reference IS NOT NULL THEN
          RAISE EXCEPTION 'paragraph % is not adjusted: an extract can only be certified from adjusted minutes', v_reference USING ERRCODE = 'P0409';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER extract_paragraph_adjusted BEFORE INSERT ON extract_paragraph
      FOR EACH ROW EXECUTE FUNCTION extract_paragraph_adjusted()`);

    // Each sending of an extract to a recipient; a re-send is a new row.
    await q.query(`
      CREATE TABLE extract_dispatch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        extract_id uuid NOT NULL REFERENCES certified_extract (id),
        recipient_id uuid NOT NULL REFERENCES recipient (id),
        channel text NOT NULL CHECK (channel IN ('email', 'internal_mail', 'post', 'archive')),
        address text,
        note text,
        dispatched_at timestamptz NOT NULL,
        dispatched_by_user_id uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT extract_dispatch_email_address CHECK (channel <> 'email' OR address IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX extract_dispatch_extract_idx ON extract_dispatch (extract_id, dispatched_at, id)`,
    );
    await q.query(
      `CREATE INDEX extract_dispatch_recipient_idx ON extract_dispatch (recipient_id, extract_id)`,
    );

    await q.query(`
      CREATE FUNCTION extracts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0409';
      END $$`);
    for (const table of ['certified_extract', 'extract_paragraph', 'extract_dispatch']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION extracts_append_only()`);
    }

    for (const table of [
      'recipient',
      'paragraph_distribution',
      'paragraph_distribution_entry',
      'certified_extract',
      'extract_paragraph',
      'extract_dispatch',
    ]) {
      await q.query(`SELECT audit_table($1)`, [table]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE extract_dispatch, extract_paragraph, certified_extract, paragraph_distribution_entry, paragraph_distribution, recipient`,
    );
    await q.query(`DROP FUNCTION extracts_append_only()`);
    await q.query(`DROP FUNCTION extract_paragraph_adjusted()`);
    await q.query(`DROP FUNCTION paragraph_distribution_lock()`);
    await q.query(`DROP FUNCTION recipient_same_organisation()`);
  }
}
