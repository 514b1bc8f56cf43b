import { Client } from 'pg';
import { createPerson, createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('audit trail', () => {
  let t: TestApp;
  let r: Registry;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t);
  });
  afterAll(() => t.close());

  it('records who changed what, with before and after, in the same transaction', async () => {
    const person = await createPerson(t, r.registrarToken, r.organisationId, {
      name: 'Johan Palm',
    });
    await t.http
      .patch(`/api/people/${person.id}`)
      .set(auth(r.registrarToken))
      .send({ title: 'Chef Hälso- och sjukvårdspolitiska avdelningen' })
      .expect(200);
    const me = await t.http.get('/api/me').set(auth(r.registrarToken));
    const res = await t.http
      .get('/api/audit')
      .query({ entity: 'person', entityId: person.id })
      .set(auth(r.adminToken))
      .expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'insert']);
    const [update, insert] = res.body.items;
    expect(update.actorUserId).toBe(me.body.userId);
    expect(update.requestId).toEqual(expect.any(String));
    expect(update.before.title).toBeNull();
    expect(update.after.title).toBe('Chef Hälso- och sjukvårdspolitiska avdelningen');
    expect(insert.after.name).toBe('Johan Palm');
  });

  it('writes nothing for a refused request', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event');
    await t.http
      .post('/api/people')
      .set(auth(r.adminToken))
      .send({ organisationId: '7f1a7d7e-4e4c-4e5b-9f0e-1d1e1f1a1b1c', name: 'Ingen' })
      .expect(404);
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event');
    expect(after[0].n).toBe(before[0].n);
  });

  it('rejects UPDATE, DELETE and TRUNCATE of the audit table at database level', async () => {
    // The application role may only read the trail (its triggers write it as the owner)...
    for (const sql of [
      `UPDATE audit_event SET action = 'delete'`,
      'DELETE FROM audit_event',
      'TRUNCATE audit_event',
    ]) {
      await expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied/);
    }
    // ...and even the owner of the table is stopped by the append-only triggers.
    const owner = new Client({ connectionString: t.ownerDatabaseUrl });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE audit_event SET action = 'delete'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });

  it('never copies token hashes into the trail', async () => {
    await t.tokenFor('admin');
    const rows = await t.dataSource.query(
      `SELECT after FROM audit_event WHERE entity = 'app_user'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.after).not.toHaveProperty('token_hash');
  });

  it('is for admins only', async () => {
    await t.http.get('/api/audit').expect(401);
    await t.http.get('/api/audit').set(auth(r.registrarToken)).expect(403);
  });
});
