import { createTestApp, TestApp } from '../test-app';
import {
  createBody,
  createPerson,
  createRegistry,
  nextOrganisationNumber,
  Registry,
} from '../factories';

describe('registry: organisations, bodies, people, memberships', () => {
  let t: TestApp;
  let r: Registry;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t);
  });
  afterAll(() => t.close());

  describe('organisations', () => {
    it('creates Region Jämtland Härjedalen with its organisationsnummer, normalising an en dash', async () => {
      const res = await t.http
        .post('/api/organisations')
        .set(auth(r.adminToken))
        .send({
          name: 'Region Jämtland Härjedalen',
          kind: 'region',
          organisationNumber: '232100–0214',
        })
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Region Jämtland Härjedalen',
        kind: 'region',
        organisationNumber: '232100-0214',
      });
      const fetched = await t.http.get(`/api/organisations/${res.body.id}`).expect(200);
      expect(fetched.body.name).toBe('Region Jämtland Härjedalen');
    });

    it('rejects a wrong check digit, naming the field', async () => {
      const res = await t.http
        .post('/api/organisations')
        .set(auth(r.adminToken))
        .send({ name: 'Fel', kind: 'region', organisationNumber: '232100-0215' })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'organisationNumber' })]);
    });

    it('rejects a personal identity number (third digit below 2)', async () => {
      // 811218-9876 has a valid Luhn digit but is a personnummer, not an organisation.
      await t.http
        .post('/api/organisations')
        .set(auth(r.adminToken))
        .send({ name: 'Person', kind: 'municipality', organisationNumber: '811218-9876' })
        .expect(400);
    });

    it('rejects missing, unknown and wrongly typed fields, naming each', async () => {
      const res = await t.http
        .post('/api/organisations')
        .set(auth(r.adminToken))
        .send({ name: 42, organisationNumber: nextOrganisationNumber(), colour: 'blue' })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['colour', 'kind', 'name']);
    });

    it('refuses a duplicate organisationsnummer with 409', async () => {
      const number = nextOrganisationNumber();
      const body = { name: 'Region A', kind: 'region', organisationNumber: number };
      await t.http.post('/api/organisations').set(auth(r.adminToken)).send(body).expect(201);
      const res = await t.http
        .post('/api/organisations')
        .set(auth(r.adminToken))
        .send(body)
        .expect(409);
      expect(res.body.type).toBe('/problems/duplicate');
      expect(JSON.stringify(res.body)).not.toMatch(/INSERT|SELECT/);
    });

    it('404s an unknown id and 400s a malformed one', async () => {
      await t.http.get('/api/organisations/7f1a7d7e-4e4c-4e5b-9f0e-1d1e1f1a1b1c').expect(404);
      const res = await t.http.get('/api/organisations/not-a-uuid').expect(400);
      expect(res.body.errors[0].field).toBe('id');
    });

    it('paginates with a stable keyset cursor', async () => {
      for (const name of ['Pag Ö', 'Pag Å', 'Pag B', 'Pag A', 'Pag Ä']) {
        await t.http
          .post('/api/organisations')
          .set(auth(r.adminToken))
          .send({ name, kind: 'municipality', organisationNumber: nextOrganisationNumber() })
          .expect(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/organisations')
          .query({ q: 'Pag ', limit: 2, ...(cursor ? { cursor } : {}) })
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((o: { name: string }) => o.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      await t.http.get('/api/organisations').query({ cursor: 'garbage' }).expect(400);
    });
  });

  describe('bodies', () => {
    it('creates a board and its working committee that prepares for it', async () => {
      const rs = await createBody(t, r.registrarToken, r.organisationId, {
        name: 'Regionstyrelsen',
        shortName: 'RS',
        kind: 'board',
      });
      const au = await createBody(t, r.registrarToken, r.organisationId, {
        name: 'Regionstyrelsens arbetsutskott',
        shortName: 'RSAU',
        kind: 'working_committee',
        preparesForBodyId: rs.id,
      });
      const res = await t.http.get(`/api/bodies/${au.id}`).expect(200);
      expect(res.body).toMatchObject({ preparesForBodyId: rs.id, paragraphNumbering: 'per_year' });
      const list = await t.http
        .get('/api/bodies')
        .query({ organisationId: r.organisationId, kind: 'board' });
      expect(list.body.items.map((b: { shortName: string }) => b.shortName)).toContain('RS');
    });

    it('refuses a duplicate short name within the organisation', async () => {
      await createBody(t, r.registrarToken, r.organisationId, {
        name: 'Fullmäktige',
        shortName: 'RF',
        kind: 'council',
      });
      await t.http
        .post(`/api/organisations/${r.organisationId}/bodies`)
        .set(auth(r.registrarToken))
        .send({ name: 'Annat', shortName: 'RF', kind: 'committee' })
        .expect(409);
    });

    it('refuses an unknown kind and preparing for another organisation’s body', async () => {
      await t.http
        .post(`/api/organisations/${r.organisationId}/bodies`)
        .set(auth(r.registrarToken))
        .send({ name: 'X', shortName: 'X', kind: 'senate' })
        .expect(400);
      const other = await createRegistry(t);
      const foreign = await createBody(t, other.registrarToken, other.organisationId, {
        name: 'Kommunstyrelsen',
        shortName: 'KS',
        kind: 'board',
      });
      const res = await t.http
        .post(`/api/organisations/${r.organisationId}/bodies`)
        .set(auth(r.registrarToken))
        .send({
          name: 'AU',
          shortName: 'AU2',
          kind: 'working_committee',
          preparesForBodyId: foreign.id,
        })
        .expect(422);
      expect(res.body.detail).toMatch(/same organisation/);
    });
  });

  describe('people and memberships', () => {
    it('records a politician with party and an officer with title', async () => {
      const robert = await createPerson(t, r.registrarToken, r.organisationId, {
        name: 'Robert Hamberg',
        party: 'M',
      });
      const sara = await createPerson(t, r.registrarToken, r.organisationId, {
        name: 'Sara Lewerentz',
        title: 'Regiondirektör',
      });
      expect(robert.party).toBe('M');
      const res = await t.http
        .get('/api/people')
        .query({ organisationId: r.organisationId, party: 'M' });
      expect(res.body.items.map((p: { name: string }) => p.name)).toContain('Robert Hamberg');
      expect(res.body.items.map((p: { id: string }) => p.id)).not.toContain(sara.id);
    });

    it('holds memberships with a date range and answers who sits on a given day', async () => {
      const body = await createBody(t, r.registrarToken, r.organisationId, {
        name: 'Hälso- och sjukvårdsnämnden',
        shortName: 'HSN',
        kind: 'committee',
      });
      const anna = await createPerson(t, r.registrarToken, r.organisationId, {
        name: 'Anna Åberg',
        party: 'S',
      });
      const res = await t.http
        .post(`/api/bodies/${body.id}/memberships`)
        .set(auth(r.registrarToken))
        .send({ personId: anna.id, role: 'chair', validFrom: '2023-01-01', validTo: '2026-12-31' })
        .expect(201);
      expect(res.body.validFrom).toBe('2023-01-01');
      const during = await t.http
        .get(`/api/bodies/${body.id}/memberships`)
        .query({ on: '2024-06-01' });
      expect(during.body).toHaveLength(1);
      const after = await t.http
        .get(`/api/bodies/${body.id}/memberships`)
        .query({ on: '2027-01-01' });
      expect(after.body).toHaveLength(0);

      await t.http
        .post(`/api/bodies/${body.id}/memberships`)
        .set(auth(r.registrarToken))
        .send({ personId: anna.id, role: 'member', validFrom: '2026-06-01' })
        .expect(409);
      await t.http
        .post(`/api/bodies/${body.id}/memberships`)
        .set(auth(r.registrarToken))
        .send({ personId: anna.id, role: 'member', validFrom: '2027-02-30' })
        .expect(400);
      await t.http
        .patch(`/api/memberships/${res.body.id}`)
        .set(auth(r.registrarToken))
        .send({ validTo: '2022-12-31' })
        .expect(422);
    });

    it('refuses a membership for an unknown person, changing nothing', async () => {
      const body = await createBody(t, r.registrarToken, r.organisationId, {
        name: 'Nämnd',
        shortName: 'N1',
        kind: 'committee',
      });
      const res = await t.http
        .post(`/api/bodies/${body.id}/memberships`)
        .set(auth(r.registrarToken))
        .send({
          personId: '7f1a7d7e-4e4c-4e5b-9f0e-1d1e1f1a1b1c',
          role: 'member',
          validFrom: '2024-01-01',
        })
        .expect(404);
      expect(res.body.detail).toMatch(/person/);
      const list = await t.http.get(`/api/bodies/${body.id}/memberships`).expect(200);
      expect(list.body).toEqual([]);
    });
  });

  it('keeps Swedish text intact end to end', async () => {
    const name = 'Åsa Öberg-Ärlig §';
    const p = await createPerson(t, r.registrarToken, r.organisationId, { name, party: 'KD' });
    const res = await t.http.get(`/api/people/${p.id}`).expect(200);
    expect(res.body.name).toBe(name);
    const [row] = await t.dataSource.query('SELECT name FROM person WHERE id = $1', [p.id]);
    expect(row.name).toBe(name);
  });
});
