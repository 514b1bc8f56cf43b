import {
  createBody,
  createPerson,
  createRegistry,
  nextOrganisationNumber,
  Registry,
} from '../factories';
import { createTestApp, TestApp } from '../test-app';

describe('access control', () => {
  let t: TestApp;
  let mine: Registry;
  let theirs: Registry;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    mine = await createRegistry(t);
    theirs = await createRegistry(t);
  });
  afterAll(() => t.close());

  it('lets anonymous users read but not write', async () => {
    await t.http.get('/api/organisations').expect(200);
    const res = await t.http
      .post('/api/people')
      .send({ organisationId: mine.organisationId, name: 'Anonym' })
      .expect(401);
    expect(res.body.title).toBe('Authentication required');
  });

  it('carries a request id on every response and problem document', async () => {
    const res = await t.http
      .get('/api/organisations/not-a-uuid')
      .set('X-Request-Id', '0b9a6f0e-4a8c-4c5e-9d7a-2f1e3c4b5a69')
      .expect(400);
    expect(res.headers['x-request-id']).toBe('0b9a6f0e-4a8c-4c5e-9d7a-2f1e3c4b5a69');
    expect(res.body).toMatchObject({
      requestId: '0b9a6f0e-4a8c-4c5e-9d7a-2f1e3c4b5a69',
      instance: '/api/organisations/not-a-uuid',
      status: 400,
    });
    const fresh = await t.http.get('/health').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects an unknown token with 401', async () => {
    await t.http.get('/api/me').set(auth('dr_not-a-real-token')).expect(401);
  });

  it('tells who the token belongs to', async () => {
    const res = await t.http.get('/api/me').set(auth(mine.registrarToken)).expect(200);
    expect(res.body).toMatchObject({ role: 'registrar', organisationId: mine.organisationId });
  });

  it('stops a registrar from changing another organisation’s data', async () => {
    await t.http
      .post('/api/people')
      .set(auth(mine.registrarToken))
      .send({ organisationId: theirs.organisationId, name: 'Intrång' })
      .expect(403);
    await t.http
      .post(`/api/organisations/${theirs.organisationId}/bodies`)
      .set(auth(mine.registrarToken))
      .send({ name: 'Intrång', shortName: 'INT', kind: 'board' })
      .expect(403);
    await t.http
      .patch(`/api/organisations/${theirs.organisationId}`)
      .set(auth(mine.registrarToken))
      .send({ name: 'Kapad' })
      .expect(403);
    const theirBody = await createBody(t, theirs.registrarToken, theirs.organisationId, {
      name: 'Styrelsen',
      shortName: 'KS',
      kind: 'board',
    });
    await t.http
      .patch(`/api/bodies/${theirBody.id}`)
      .set(auth(mine.registrarToken))
      .send({ name: 'Kapad' })
      .expect(403);
    const theirPerson = await createPerson(t, theirs.registrarToken, theirs.organisationId, {
      name: 'Karin',
    });
    await t.http
      .patch(`/api/people/${theirPerson.id}`)
      .set(auth(mine.registrarToken))
      .send({ name: 'Kapad' })
      .expect(403);

    const unchanged = await t.http.get(`/api/organisations/${theirs.organisationId}`).expect(200);
    expect(unchanged.body.name).not.toBe('Kapad');
    const person = await t.http.get(`/api/people/${theirPerson.id}`).expect(200);
    expect(person.body.name).toBe('Karin');
  });

  it('lets a registrar change its own organisation', async () => {
    await t.http
      .patch(`/api/organisations/${mine.organisationId}`)
      .set(auth(mine.registrarToken))
      .send({ name: 'Region Jämtland Härjedalen (ny)' })
      .expect(200);
  });

  it('only admins create organisations', async () => {
    await t.http
      .post('/api/organisations')
      .set(auth(mine.registrarToken))
      .send({ name: 'Ny region', kind: 'region', organisationNumber: nextOrganisationNumber() })
      .expect(403);
  });

  it('gives politicians read access only', async () => {
    const person = await createPerson(t, mine.registrarToken, mine.organisationId, {
      name: 'Robert Hamberg',
      party: 'M',
    });
    const token = await t.tokenFor('politician', { personId: person.id });
    const me = await t.http.get('/api/me').set(auth(token)).expect(200);
    expect(me.body).toMatchObject({
      role: 'politician',
      personId: person.id,
      organisationId: mine.organisationId,
    });
    await t.http.get('/api/people').set(auth(token)).expect(200);
    await t.http
      .post('/api/people')
      .set(auth(token))
      .send({ organisationId: mine.organisationId, name: 'X' })
      .expect(403);
  });

  it('stores only a hash of each token', async () => {
    const token = await t.tokenFor('admin');
    const rows: { token_hash: string }[] = await t.dataSource.query(
      'SELECT token_hash FROM app_user',
    );
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});
