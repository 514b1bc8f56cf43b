import { createBody, createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('the API as a public service: headers, CORS, body size, request ids, base URL', () => {
  let t: TestApp;
  let reg: Registry;

  beforeAll(async () => {
    t = await createTestApp({
      env: { BODY_LIMIT_BYTES: '4096', PUBLIC_BASE_URL: 'https://register.example.se/' },
    });
    reg = await createRegistry(t);
  });
  afterAll(() => t.close());

  it('sends security headers and no X-Powered-By', async () => {
    const res = await t.http.get('/api/organisations').expect(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const problem = await t.http.get('/api/organisations/not-a-uuid').expect(400);
    expect(problem.headers['x-powered-by']).toBeUndefined();
  });

  it('lets any origin read public data without credentials', async () => {
    const res = await t.http
      .get('/api/organisations')
      .set('Origin', 'https://elsewhere.example')
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    const preflight = await t.http
      .options('/api/organisations')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'])('does not CORS-enable %s', async (method) => {
    const preflight = await t.http
      .options(`/api/organisations/${reg.organisationId}`)
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', method)
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(preflight.status).toBeLessThan(300);
    const allow = Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'));
    expect(allow).toEqual([]);
    // A write sent anyway (no preflight, e.g. a form) carries no CORS permission either.
    const write = await t.http
      .post('/api/people')
      .set('Origin', 'https://elsewhere.example')
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .send({ organisationId: reg.organisationId, name: 'Från annan sajt' })
      .expect(201);
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over the limit with 413 problem+json, and nothing is written', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM person');
    const res = await t.http
      .post('/api/people')
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ organisationId: reg.organisationId, name: 'x'.repeat(5000) }))
      .expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM person');
    expect(after[0].n).toBe(before[0].n);
    // Just under the limit (padded with JSON white space) is fine.
    const padded = JSON.stringify({ organisationId: reg.organisationId, name: 'Ryms' });
    await t.http
      .post('/api/people')
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .set('Content-Type', 'application/json')
      .send(padded + ' '.repeat(4000 - padded.length))
      .expect(201);
  });

  it('keeps a well-formed X-Request-Id and replaces anything else', async () => {
    const uuid = '6f1c1f43-3d0b-4a1e-9c55-1f1f7b0d6a10';
    const kept = await t.http.get('/health').set('X-Request-Id', uuid).expect(200);
    expect(kept.headers['x-request-id']).toBe(uuid);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const trace = await t.http.get('/health').set('X-Request-Id', traceId).expect(200);
    expect(trace.headers['x-request-id']).toBe(traceId);

    for (const forged of ['admin', 'req-42', `${uuid}; DROP`, 'x'.repeat(36), '<script>']) {
      const res = await t.http.get('/health').set('X-Request-Id', forged).expect(200);
      expect(res.headers['x-request-id']).not.toBe(forged);
      expect(res.headers['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    // The audit trail records the fresh id, not the client's text.
    const write = await t.http
      .post('/api/people')
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .set('X-Request-Id', 'forged-request-id')
      .send({ organisationId: reg.organisationId, name: 'Spårbar' })
      .expect(201);
    const rows: { request_id: string }[] = await t.dataSource.query(
      `SELECT request_id FROM audit_event WHERE entity = 'person' AND entity_id = $1`,
      [write.body.id],
    );
    expect(rows.map((r) => r.request_id)).toEqual([write.headers['x-request-id']]);
    expect(write.headers['x-request-id']).not.toBe('forged-request-id');
  });

  it('builds feed links from PUBLIC_BASE_URL, never from a forged Host header', async () => {
    const body = await createBody(t, reg.registrarToken, reg.organisationId, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    const res = await t.http
      .get(`/api/bodies/${body.id}/motions/feed`)
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'gopher')
      .expect(200);
    const xml = res.text;
    expect(xml).not.toContain('evil.example');
    expect(xml).toContain(`https://register.example.se/api/bodies/${body.id}/motions/feed`);
  });
});
