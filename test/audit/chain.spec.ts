import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('hash-chained audit trail', () => {
  let t: TestApp;
  let r: Registry;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t);
  });
  afterAll(() => t.close());

  async function asOwner(statements: string[], params: unknown[] = []): Promise<void> {
    const client = new Client({ connectionString: t.ownerDatabaseUrl });
    await client.connect();
    try {
      for (const sql of statements) await client.query(sql, sql.includes('$1') ? params : []);
    } finally {
      await client.end();
    }
  }

  function cli(command: string): { status: number | null; stdout: string } {
    const result = spawnSync(
      process.execPath,
      [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'src/cli.ts', command],
      {
        cwd: `${__dirname}/../..`,
        env: { ...process.env, DATABASE_URL: t.databaseUrl, RUN_MIGRATIONS: 'false' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { status: result.status, stdout: result.stdout };
  }

  it('chains every event in commit order under 20 concurrent writers: no gaps, no duplicates', async () => {
    const [{ before }] = await t.dataSource.query(
      `SELECT count(*)::int AS before FROM audit_event`,
    );
    await Promise.all(
      Array.from({ length: 20 }, async (_, client) => {
        for (let i = 0; i < 5; i++) {
          await t.http
            .post('/api/people')
            .set(auth(r.registrarToken))
            .send({ organisationId: r.organisationId, name: `Skribent ${client}-${i}` })
            .expect(201);
        }
      }),
    );
    const [counts] = await t.dataSource.query(`
      SELECT (SELECT count(*)::int FROM audit_event) AS events,
             (SELECT count(*)::int FROM audit_chain_link) AS links,
             (SELECT count(DISTINCT event_id)::int FROM audit_chain_link) AS linked_events,
             (SELECT min(seq)::int FROM audit_chain_link) AS min_seq,
             (SELECT max(seq)::int FROM audit_chain_link) AS max_seq,
             (SELECT seq::int FROM audit_chain_head) AS head_seq`);
    expect(counts.events).toBeGreaterThanOrEqual(before + 100);
    expect(counts).toEqual({
      events: counts.events,
      links: counts.events,
      linked_events: counts.events,
      min_seq: 1,
      max_seq: counts.events,
      head_seq: counts.events,
    });
    // Each link's prev_hash is the hash of the link before it.
    const [{ broken }] = await t.dataSource.query(`
      SELECT count(*)::int AS broken FROM audit_chain_link l
        JOIN audit_chain_link p ON p.seq = l.seq - 1 WHERE l.prev_hash <> p.hash`);
    expect(broken).toBe(0);

    const verify = await t.http.get('/api/audit/verify').set(auth(r.adminToken)).expect(200);
    const head = await t.http.get('/api/audit/head').expect(200);
    expect(verify.body).toEqual({
      ok: true,
      checked: counts.events,
      head: { seq: counts.events, hash: head.body.hash },
      firstBroken: null,
    });
    expect(head.body).toEqual({
      seq: counts.events,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      recordedAt: expect.any(String),
    });
  });

  it('hashes do not depend on the session time zone', async () => {
    const rows = (tz: string) =>
      t.dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL TimeZone = '${tz}'`);
        return m.query(
          `SELECT audit_chain_hash(l.prev_hash, audit_event_canonical(e)) = l.hash AS same
             FROM audit_chain_link l JOIN audit_event e ON e.id = l.event_id`,
        );
      });
    for (const tz of ['Europe/Stockholm', 'America/Los_Angeles']) {
      const same: { same: boolean }[] = await rows(tz);
      expect(same.length).toBeGreaterThan(0);
      expect(same.every((s) => s.same)).toBe(true);
    }
  });

  it('verify is for admins only', async () => {
    await t.http.get('/api/audit/verify').expect(401);
    await t.http.get('/api/audit/verify').set(auth(r.registrarToken)).expect(403);
  });

  it('publishes a daily checkpoint ("kontrollsumma") on the notice board', async () => {
    const [today] = await t.dataSource.query(
      `SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date::text AS day`,
    );
    // Recorded at start-up; again is a no-op for the same day.
    const checkpoints = await t.dataSource.query(`SELECT day, seq, hash FROM audit_checkpoint`);
    expect(checkpoints).toEqual([
      { day: today.day, seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const again = cli('audit:checkpoint');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject(checkpoints[0]);
    const board = await t.http
      .get('/api/notice-board')
      .query({ organisationId: r.organisationId })
      .expect(200);
    expect(board.body.checksum).toEqual(checkpoints[0]);
    const before = await t.http
      .get('/api/notice-board')
      .query({ organisationId: r.organisationId, on: '2001-01-01' })
      .expect(200);
    expect(before.body.checksum).toBeNull();
  });

  it('verify reports a stored checkpoint that no longer matches the chain', async () => {
    const [checkpoint] = await t.dataSource.query(`SELECT day::text, hash FROM audit_checkpoint`);
    const forge = (hash: string) =>
      asOwner(
        [
          'ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only',
          'UPDATE audit_checkpoint SET hash = $1',
          'ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only',
        ],
        [hash],
      );
    await forge('f'.repeat(64));
    const forged = await t.http.get('/api/audit/verify').set(auth(r.adminToken)).expect(200);
    expect(forged.body.ok).toBe(false);
    expect(forged.body.firstBroken.reason).toBe(
      `the checkpoint of ${checkpoint.day} does not match the chain`,
    );
    await forge(checkpoint.hash);
    const restored = await t.http.get('/api/audit/verify').set(auth(r.adminToken)).expect(200);
    expect(restored.body.ok).toBe(true);
  });

  it('verify names a changed event, then a removed one, as the owner tampers', async () => {
    expect(cli('audit:verify').status).toBe(0);
    const [target] = await t.dataSource.query(
      `SELECT e.id, l.seq FROM audit_event e JOIN audit_chain_link l ON l.event_id = e.id
        WHERE e.entity = 'person' ORDER BY e.id DESC LIMIT 1`,
    );
    await asOwner(
      [
        'ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete',
        `UPDATE audit_event SET after = jsonb_set(after, '{name}', '"Förfalskad"') WHERE id = $1`,
        'ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete',
      ],
      [target.id],
    );
    const changed = await t.http.get('/api/audit/verify').set(auth(r.adminToken)).expect(200);
    expect(changed.body).toMatchObject({
      ok: false,
      checked: Number(target.seq) - 1,
      firstBroken: {
        seq: Number(target.seq),
        eventId: Number(target.id),
        reason: expect.stringMatching(/changed/),
      },
    });
    const failing = cli('audit:verify');
    expect(failing.status).toBe(1);
    expect(JSON.parse(failing.stdout).firstBroken.eventId).toBe(Number(target.id));

    // The event just before it in the chain (commit order, which need not be id order).
    const [earlier] = await t.dataSource.query(
      `SELECT e.id, l.seq FROM audit_event e JOIN audit_chain_link l ON l.event_id = e.id
        WHERE l.seq < $1 ORDER BY l.seq DESC LIMIT 1`,
      [target.seq],
    );
    await asOwner(
      [
        'ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete',
        'DELETE FROM audit_event WHERE id = $1',
        'ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete',
      ],
      [earlier.id],
    );
    const removed = await t.http.get('/api/audit/verify').set(auth(r.adminToken)).expect(200);
    expect(removed.body.firstBroken).toEqual({
      seq: Number(earlier.seq),
      eventId: Number(earlier.id),
      reason: expect.stringMatching(/removed/),
    });
  });
});
