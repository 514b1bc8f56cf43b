import { createOrganisation, createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('every bad input gets a 4xx naming the field', () => {
  let t: TestApp;
  let r: Registry;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t);
    orgId = (await createOrganisation(t, r.adminToken)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses NUL and lone surrogates in body, nested fields, query and path', async () => {
    let res = await t.http
      .patch(`/api/organisations/${orgId}`)
      .set(auth(r.adminToken))
      .send({ name: 'a\u0000b' })
      .expect(400);
    expect(fields(res.body)).toEqual(['name']);
    res = await t.http
      .post('/api/grant-applications')
      .set(auth(r.adminToken))
      .set('Content-Type', 'application/json')
      .send('{"title":"x","applicants":[{"organisationId":"a"},{"signatoryName":"\\ud800"}]}')
      .expect(400);
    expect(fields(res.body)).toEqual(['applicants[1].signatoryName']);
    res = await t.http.get('/api/people?cursor=%00').expect(400);
    expect(fields(res.body)).toEqual(['query.cursor']);
    await t.http.get('/api/organisations/%ED%A0%80').expect(400);
  });

  it('refuses deep nesting and malformed JSON with 400, wrong content types with 4xx', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    await t.http
      .post('/api/organisations')
      .set(auth(r.adminToken))
      .set('Content-Type', 'application/json')
      .send(`{"name":${deep}}`)
      .expect(400);
    const res = await t.http
      .post('/api/organisations')
      .set(auth(r.adminToken))
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(res.body.type).toMatch(/^\/problems\//);
    const xml = await t.http
      .post('/api/organisations')
      .set(auth(r.adminToken))
      .set('Content-Type', 'application/xml')
      .send('<x/>');
    expect(xml.status).toBeGreaterThanOrEqual(400);
    expect(xml.status).toBeLessThan(500);
  });

  it('refuses null for a field that cannot be cleared, accepts it where it can', async () => {
    const res = await t.http
      .patch(`/api/organisations/${orgId}`)
      .set(auth(r.adminToken))
      .send({ name: null })
      .expect(400);
    expect(fields(res.body)).toEqual(['name']);
    const person = await t.http
      .post('/api/people')
      .set(auth(r.adminToken))
      .send({ organisationId: orgId, name: 'Anna Andersson', party: 'S' })
      .expect(201);
    await t.http
      .patch(`/api/people/${person.body.id}`)
      .set(auth(r.adminToken))
      .send({ party: null })
      .expect(200);
  });

  it('refuses overflowing cursors and numbers with 400', async () => {
    const cursor = Buffer.from('[1e30, "1"]').toString('base64url');
    const res = await t.http.get(`/api/audit?cursor=${cursor}`).set(auth(r.adminToken)).expect(400);
    expect(fields(res.body)).toEqual(['query.cursor']);
    await t.http.get('/api/people?limit=99999999999999999999').expect(400);
  });
});
