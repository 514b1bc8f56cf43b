import { Client } from 'pg';
import { createBody, createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('guards of the register in the database', () => {
  let t: TestApp;
  let r: Registry;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t);
  });
  afterAll(() => t.close());

  /** As the owner of the schema: the guards hold even for the role that may TRUNCATE and DELETE. */
  async function asOwner(sql: string, params: unknown[] = []): Promise<unknown[]> {
    const client = new Client({ connectionString: t.ownerDatabaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  async function draftParagraph(): Promise<{
    bodyId: string;
    meetingId: string;
    id: string;
    reference: string;
  }> {
    const body = await createBody(t, r.registrarToken, r.organisationId, {
      name: `Nämnd ${Math.random()}`,
      shortName: `N${Math.floor(Math.random() * 1e6)}`,
      kind: 'board',
    });
    const meeting = await t.http
      .post(`/api/bodies/${body.id}/meetings`)
      .set(auth(r.registrarToken))
      .send({ meetingDate: '2024-03-12' })
      .expect(201);
    const paragraph = await t.http
      .post(`/api/meetings/${meeting.body.id}/paragraphs`)
      .set(auth(r.registrarToken))
      .send({ title: 'Budget 2025' })
      .expect(201);
    return { bodyId: body.id, meetingId: meeting.body.id, ...paragraph.body };
  }

  it('guards every table of the register against TRUNCATE', async () => {
    const unguarded: { relname: string }[] = await t.dataSource.query(`
      SELECT c.relname FROM pg_class c
       WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND c.relname <> 'schema_migration'
         AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND (g.tgtype & 32) <> 0)
       ORDER BY 1`);
    expect(unguarded).toEqual([]);
    await draftParagraph();
    for (const table of [
      'organisation',
      'person',
      'paragraph',
      'paragraph_clause',
      'certified_extract',
      'paragraph_number_counter',
      'audit_event',
      'audit_chain_link',
      'audit_checkpoint',
    ]) {
      await expect(asOwner(`TRUNCATE ${table} CASCADE`)).rejects.toMatchObject({
        code: 'P0409',
        message: 'the register is append-only: emptying a table is not allowed',
      });
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM paragraph`);
    expect(n).toBeGreaterThan(0);
  });

  it('paragraph numbering never goes back, its counter is audited and never removed', async () => {
    const p = await draftParagraph();
    const key = [p.bodyId, 2024];
    const events = await t.dataSource.query(
      `SELECT action, after FROM audit_event WHERE entity = 'paragraph_number_counter' AND entity_id = $1`,
      [`${p.bodyId}:2024`],
    );
    expect(events).toEqual([
      { action: 'insert', after: expect.objectContaining({ last_number: 1 }) },
    ]);
    await t.http
      .post(`/api/meetings/${p.meetingId}/paragraphs`)
      .set(auth(r.registrarToken))
      .send({ title: 'Delårsrapport' })
      .expect(201);
    await expect(
      asOwner(
        `UPDATE paragraph_number_counter SET last_number = 1 WHERE body_id = $1 AND numbering_period = $2`,
        key,
      ),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      asOwner(
        `UPDATE paragraph_number_counter SET numbering_period = 2025 WHERE body_id = $1 AND numbering_period = $2`,
        key,
      ),
    ).rejects.toMatchObject({ code: 'P0409' });
    await expect(
      asOwner(
        `DELETE FROM paragraph_number_counter WHERE body_id = $1 AND numbering_period = $2`,
        key,
      ),
    ).rejects.toMatchObject({ code: 'P0409' });
    const [counter] = await t.dataSource.query(
      `SELECT last_number FROM paragraph_number_counter WHERE body_id = $1 AND numbering_period = $2`,
      key,
    );
    expect(counter.last_number).toBe(2);
    const after = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE entity = 'paragraph_number_counter' AND entity_id = $1 ORDER BY id`,
      [`${p.bodyId}:2024`],
    );
    expect(after.map((e: { action: string }) => e.action)).toEqual(['insert', 'update']);
  });

  it('locks children with their parent, with messages that name no table', async () => {
    const p = await draftParagraph();
    // Adjust behind the API's back (allowed on a draft): the children are then frozen.
    await t.dataSource.query(`UPDATE paragraph SET adjusted_at = now() WHERE id = $1`, [p.id]);
    await expect(
      t.dataSource.query(
        `INSERT INTO paragraph_clause (paragraph_id, position, text) VALUES ($1, 1, 'Ny att-sats')`,
        [p.id],
      ),
    ).rejects.toMatchObject({
      driverError: {
        code: 'P0409',
        message: `paragraph ${p.reference} is adjusted: its clauses can no longer be changed`,
      },
    });
    await t.dataSource.query(
      `UPDATE meeting SET status = 'adjusted', adjusted_at = now() WHERE id = $1`,
      [p.meetingId],
    );
    const [person] = await t.dataSource.query(
      `INSERT INTO person (organisation_id, name) VALUES ($1, 'Eva Ek') RETURNING id`,
      [r.organisationId],
    );
    await expect(
      t.dataSource.query(
        `INSERT INTO meeting_attendance (meeting_id, person_id, role) VALUES ($1, $2, 'member')`,
        [p.meetingId, person.id],
      ),
    ).rejects.toMatchObject({
      driverError: {
        code: 'P0409',
        message: 'the minutes are adjusted: their attendance can no longer be changed',
      },
    });
    await expect(asOwner(`DELETE FROM audit_event WHERE entity = 'person'`)).rejects.toMatchObject({
      code: 'P0409',
      message: 'the events of the audit trail are append-only: DELETE is not allowed',
    });
  });

  it('no guard or lock message in the database prints a table name', async () => {
    const sources: { proname: string; prosrc: string }[] = await t.dataSource.query(
      `SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')`,
    );
    const offenders = sources.filter((f) => /RAISE EXCEPTION[^;]*TG_TABLE_NAME/i.test(f.prosrc));
    expect(offenders.map((f) => f.proname)).toEqual([]);
  });
});
