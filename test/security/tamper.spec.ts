import { Client } from 'pg';
import { createTestApp, TestApp } from '../test-app';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from '../minutes/minutes-helpers';

/**
 * The attacker holds the server's own database login (the application role) and tries to
 * rewrite an adjusted record, erase it, switch its locks and audit trail off, or raise its own
 * privileges. Every statement must fail.
 */
describe('tampering as the application role', () => {
  let t: TestApp;
  let w: MinutesWorld;
  let app: Client;
  let ids: { meeting: string; paragraph: string; extract: string };
  let role: string;
  let ownerRole: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
    const meeting = await createHeldMeeting(t, w, w.rs, '2024-08-20');
    const paragraph = await ok<{ id: string }>(
      t.http
        .post(`/api/meetings/${meeting.id}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Regional utvecklingsstrategi', caseNumber: 'RS/2024/77' }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${paragraph.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['Strategin antas.', 'Regiondirektören får i uppdrag att följa upp.'] }),
    );
    await signAll(t, w, meeting.id, '2024-08-22T15:00:00Z');
    const extract = await ok<{ id: string }>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [paragraph.id], certifierName: 'Anna Andersson' }),
    );
    ids = { meeting: meeting.id, paragraph: paragraph.id, extract: extract.id };
    ownerRole = decodeURIComponent(new URL(t.ownerDatabaseUrl).username);
    app = new Client({ connectionString: t.databaseUrl });
    await app.connect();
    role = (await app.query<{ r: string }>('SELECT current_user AS r')).rows[0].r;
  });
  afterAll(async () => {
    await app?.end();
    await t.close();
  });

  it('the application role is not a superuser and owns nothing', async () => {
    const { rows } = await app.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
       FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned: 0,
    });
    expect(role).not.toBe(ownerRole);
  });

  it('every tampering statement fails', async () => {
    // The rows the statements aim at exist (a statement that matched nothing would "succeed").
    const present = await app.query(
      `SELECT (SELECT count(*)::int FROM paragraph WHERE id = $1 AND adjusted_at IS NOT NULL) AS p,
              (SELECT count(*)::int FROM paragraph_clause WHERE paragraph_id = $1) AS c,
              (SELECT count(*)::int FROM meeting_signatory WHERE meeting_id = $2) AS s,
              (SELECT count(*)::int FROM meeting_attendance WHERE meeting_id = $2) AS a,
              (SELECT count(*)::int FROM extract_paragraph WHERE extract_id = $3) AS e,
              (SELECT count(*)::int FROM audit_event) AS audit`,
      [ids.paragraph, ids.meeting, ids.extract],
    );
    expect(present.rows[0]).toMatchObject({ p: 1, c: 2, s: 3, a: 7, e: 1 });
    const before = await snapshot();

    const { rows: tables } = await app.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const p = `'${ids.paragraph}'`;
    const m = `'${ids.meeting}'`;
    const e = `'${ids.extract}'`;
    /** [statement, optional check that is true when it took effect although it did not fail] */
    const attempts: [string, string?][] = [
      [`UPDATE paragraph SET title = 'Förfalskad' WHERE id = ${p}`],
      [`UPDATE paragraph SET adjusted_at = NULL WHERE id = ${p}`],
      [`DELETE FROM paragraph WHERE id = ${p}`],
      [`UPDATE paragraph_clause SET text = 'Strategin avslås.' WHERE paragraph_id = ${p}`],
      [`DELETE FROM paragraph_clause WHERE paragraph_id = ${p}`],
      [`INSERT INTO paragraph_clause (paragraph_id, position, text) VALUES (${p}, 9, 'Tillägg.')`],
      [`UPDATE meeting SET place = 'Någon annanstans' WHERE id = ${m}`],
      [`DELETE FROM meeting WHERE id = ${m}`],
      [`UPDATE meeting_signatory SET signed_at = now() WHERE meeting_id = ${m}`],
      [`DELETE FROM meeting_signatory WHERE meeting_id = ${m}`],
      [`DELETE FROM meeting_attendance WHERE meeting_id = ${m}`],
      [`UPDATE certified_extract SET content_hash = repeat('0', 64) WHERE id = ${e}`],
      [`DELETE FROM certified_extract WHERE id = ${e}`],
      [`DELETE FROM extract_paragraph WHERE extract_id = ${e}`],
      [`UPDATE audit_event SET after = '{}'::jsonb`],
      [`DELETE FROM audit_event`],
      [`INSERT INTO audit_event (action, entity, entity_id) VALUES ('update', 'paragraph', ${p})`],
      ...tables.map(({ name }): [string] => [`TRUNCATE ${name} CASCADE`]),
      [`ALTER TABLE paragraph DISABLE TRIGGER ALL`],
      [`ALTER TABLE paragraph DISABLE TRIGGER USER`],
      [`ALTER TABLE paragraph DISABLE TRIGGER paragraph_lock`],
      [`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`],
      [`DROP TRIGGER paragraph_lock ON paragraph`],
      [`DROP TRIGGER paragraph_audit ON paragraph`],
      [`DROP TRIGGER audit_event_no_update_delete ON audit_event`],
      [`SET session_replication_role = replica`],
      [`SET LOCAL session_replication_role = replica`],
      [`SELECT set_config('session_replication_role', 'replica', true)`],
      [`CREATE TABLE public.shadow_paragraph (id uuid)`],
      [`CREATE TABLE shadow_audit AS SELECT * FROM audit_event`],
      [`CREATE FUNCTION public.noop() RETURNS int LANGUAGE sql AS 'SELECT 1'`],
      [
        `CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'`,
      ],
      [`DROP FUNCTION paragraph_lock() CASCADE`],
      [
        `CREATE TRIGGER evil AFTER INSERT ON paragraph FOR EACH ROW EXECUTE FUNCTION audit_row_change()`,
      ],
      [`ALTER TABLE paragraph ADD COLUMN forged text`],
      [`ALTER TABLE paragraph OWNER TO ${role}`],
      [`DROP TABLE audit_event`],
      [`ALTER ROLE ${role} SUPERUSER`],
      [`ALTER ROLE ${role} BYPASSRLS`],
      [`ALTER ROLE ${role} CREATEROLE`],
      [`GRANT ${ownerRole} TO ${role}`],
      [
        `GRANT TRUNCATE, TRIGGER ON paragraph TO ${role}`,
        `SELECT has_table_privilege('paragraph', 'TRUNCATE') OR has_table_privilege('paragraph', 'TRIGGER') AS took`,
      ],
      [
        `GRANT ALL ON audit_event TO ${role}`,
        `SELECT has_table_privilege('audit_event', 'UPDATE') OR has_table_privilege('audit_event', 'DELETE') AS took`,
      ],
      [`REASSIGN OWNED BY ${ownerRole} TO ${role}`],
      [`SET ROLE ${ownerRole}`],
      [`SELECT apply_app_grants()`],
      [`CREATE EXTENSION IF NOT EXISTS pgcrypto`],
      [`DROP EXTENSION "uuid-ossp" CASCADE`],
      [`ALTER DATABASE ${new URL(t.databaseUrl).pathname.slice(1)} OWNER TO ${role}`],
    ];

    const through: string[] = [];
    const wrongReason: string[] = [];
    for (const [sql, check] of attempts) {
      await app.query('BEGIN');
      try {
        await app.query(sql);
        const took = check ? (await app.query<{ took: boolean }>(check)).rows[0].took : true;
        if (took) through.push(sql);
      } catch (error) {
        // Refused, as it should be: for lack of privilege, or by a lock trigger. Any other error
        // (a typo, a missing object) would prove nothing, so it is collected and fails the test.
        const code = (error as { code?: string }).code ?? '';
        if (!['42501', 'P0409'].includes(code)) wrongReason.push(`${code} ${sql}`);
      } finally {
        await app.query('ROLLBACK');
      }
    }
    console.log(
      `tamper: ${attempts.length} statements tried as ${role}, ${through.length} got through`,
    );
    expect(attempts.length).toBeGreaterThanOrEqual(30);
    expect(through).toEqual([]);
    expect(wrongReason).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  /** What the attacker was after, read as the owner (triggers and all). */
  async function snapshot(): Promise<unknown> {
    const owner = new Client({ connectionString: t.ownerDatabaseUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        `SELECT (SELECT row_to_json(x) FROM paragraph x WHERE id = $1) AS paragraph,
                (SELECT json_agg(c ORDER BY position) FROM paragraph_clause c WHERE paragraph_id = $1) AS clauses,
                (SELECT content_hash FROM certified_extract WHERE id = $2) AS extract_hash,
                (SELECT count(*)::int FROM audit_event) AS audit_events,
                (SELECT count(*)::int FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O') AS triggers,
                (SELECT rolsuper FROM pg_roles WHERE rolname = $3) AS superuser`,
        [ids.paragraph, ids.extract, role],
      );
      return rows[0];
    } finally {
      await owner.end();
    }
  }
});
