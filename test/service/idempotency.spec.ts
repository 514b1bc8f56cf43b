import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let reg: Registry;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const people = async (name: string): Promise<number> =>
    (
      await t.dataSource.query(
        'SELECT count(*)::int AS n FROM person WHERE organisation_id = $1 AND name = $2',
        [reg.organisationId, name],
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t);
  });
  afterAll(() => t.close());

  it('creates once for 30 concurrent identical requests with one key, all get the same answer', async () => {
    const send = () =>
      t.http
        .post('/api/people')
        .set(auth(reg.registrarToken))
        .set('Idempotency-Key', 'b5f0c6c2-0d7e-4a43-8f7e-7c1c2f0d9a11')
        .send({ organisationId: reg.organisationId, name: 'Trettio Gånger' });
    const responses = await Promise.all(Array.from({ length: 30 }, send));
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(29);
    expect(await people('Trettio Gånger')).toBe(1);

    // Later too: the first response again, nothing new.
    const later = await send().expect(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.body).toEqual(responses.find((r) => !r.headers['idempotent-replayed'])!.body);
    expect(await people('Trettio Gånger')).toBe(1);
  });

  it('refuses the same key with another body with 422, creating nothing', async () => {
    await t.http
      .post('/api/people')
      .set(auth(reg.registrarToken))
      .set('Idempotency-Key', 'key-other-body')
      .send({ organisationId: reg.organisationId, name: 'Första' })
      .expect(201);
    const res = await t.http
      .post('/api/people')
      .set(auth(reg.registrarToken))
      .set('Idempotency-Key', 'key-other-body')
      .send({ organisationId: reg.organisationId, name: 'Andra' })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await people('Andra')).toBe(0);
  });

  it('keeps keys apart per user and runs requests without a key every time', async () => {
    const other = await t.tokenFor('registrar', { organisationId: reg.organisationId });
    for (const token of [reg.registrarToken, other]) {
      await t.http
        .post('/api/people')
        .set(auth(token))
        .set('Idempotency-Key', 'shared-key')
        .send({ organisationId: reg.organisationId, name: 'Per användare' })
        .expect(201);
    }
    expect(await people('Per användare')).toBe(2);
    for (let i = 0; i < 2; i++) {
      await t.http
        .post('/api/people')
        .set(auth(reg.registrarToken))
        .send({ organisationId: reg.organisationId, name: 'Utan nyckel' })
        .expect(201);
    }
    expect(await people('Utan nyckel')).toBe(2);
  });

  it('does not store a failed first attempt, so a retry with the key can succeed', async () => {
    const first = await t.http
      .post('/api/people')
      .set(auth(reg.registrarToken))
      .set('Idempotency-Key', 'retry-after-failure')
      .send({ organisationId: '00000000-0000-4000-8000-000000000000', name: 'Misslyckad' });
    expect(first.status).toBeGreaterThanOrEqual(400);
    expect(first.status).toBeLessThan(500);
    const stored = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM idempotency_key WHERE key = 'retry-after-failure'`,
    );
    expect(stored[0].n).toBe(0);
    // The same request again still fails the same way (it ran again, it was not replayed).
    const again = await t.http
      .post('/api/people')
      .set(auth(reg.registrarToken))
      .set('Idempotency-Key', 'retry-after-failure')
      .send({ organisationId: '00000000-0000-4000-8000-000000000000', name: 'Misslyckad' });
    expect(again.status).toBe(first.status);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets keys after 24 hours', async () => {
    const body = { organisationId: reg.organisationId, name: 'Gammal nyckel' };
    await t.http
      .post('/api/people')
      .set(auth(reg.registrarToken))
      .set('Idempotency-Key', 'old-key')
      .send(body)
      .expect(201);
    await t.dataSource.query(
      `UPDATE idempotency_key SET created_at = now() - interval '25 hours',
              expires_at = now() - interval '1 hour' WHERE key = 'old-key'`,
    );
    const res = await t.http
      .post('/api/people')
      .set(auth(reg.registrarToken))
      .set('Idempotency-Key', 'old-key')
      .send(body)
      .expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await people('Gammal nyckel')).toBe(2);
  });

  it('rejects a malformed key with 400 naming it', async () => {
    const res = await t.http
      .post('/api/people')
      .set(auth(reg.registrarToken))
      .set('Idempotency-Key', 'has spaces in it')
      .send({ organisationId: reg.organisationId, name: 'Fel nyckel' })
      .expect(400);
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
    expect(await people('Fel nyckel')).toBe(0);
  });
});
