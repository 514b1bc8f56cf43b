import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('rate limits', () => {
  let t: TestApp;
  let reg: Registry;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        RATE_LIMIT_AUTH_FAILURES: '5',
        RATE_LIMIT_WRITES: '8',
        RATE_LIMIT_WINDOW_SECONDS: '60',
      },
    });
    reg = await createRegistry(t); // 1 write by the admin
  });
  afterAll(() => t.close());

  it('answers guessed tokens with 401 up to the limit, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.http.get('/api/me').set(auth(`dr_guess-${i}`));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(res.body).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // While blocked, even a right token from this address is refused: guessing gains nothing.
    const blocked = await t.http.get('/api/me').set(auth(reg.registrarToken)).expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    // Anonymous reads are not affected.
    await t.http.get('/api/organisations').expect(200);
  });

  it('limits writes per token and answers 429 with Retry-After', async () => {
    // A fresh app instance per limit keeps the counters apart: this one counts writes only.
    const w = await createTestApp({ env: { RATE_LIMIT_WRITES: '8' } });
    try {
      const r = await createRegistry(w); // the admin's 1 write
      const other = await w.tokenFor('registrar', { organisationId: r.organisationId });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await w.http
          .post('/api/people')
          .set(auth(r.registrarToken))
          .send({ organisationId: r.organisationId, name: `Person ${i}` });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
          expect(res.body.status).toBe(429);
        }
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 201, 429, 429]);
      const rows = await w.dataSource.query(
        `SELECT count(*)::int AS n FROM person WHERE organisation_id = $1`,
        [r.organisationId],
      );
      expect(rows[0].n).toBe(8);
      // Another token has its own budget; reads with the limited token still work.
      await w.http
        .post('/api/people')
        .set(auth(other))
        .send({ organisationId: r.organisationId, name: 'Annan' })
        .expect(201);
      await w.http.get('/api/me').set(auth(r.registrarToken)).expect(200);
    } finally {
      await w.close();
    }
  });
});
