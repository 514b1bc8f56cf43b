import { createTestApp, TestApp } from '../test-app';
import { createBody, createOrganisation, createRegistry, Registry } from '../factories';
import { ok } from '../minutes/minutes-helpers';

/**
 * Corpus 28 (Region Dalarna, a regionförbund before 2019): its direktion met 14 juni (2017 from the URL).
 * The organisationsnummer is not printed in the stored copy; the register requires one, so the
 * test gives a generated one (a known gap, see the report).
 */
describe('corpus 28: Region Dalarna as organisation kind regional_association', () => {
  let t: TestApp;
  let r: Registry;
  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t, { organisationNumber: null });
  });
  afterAll(() => t.close());

  it('is recorded with its kind, its direktion and (where printed) its meeting', async () => {
    const org = await createOrganisation(t, r.adminToken, {
      organisationNumber: null, // not printed in the document
      name: 'Region Dalarna',
      kind: 'regional_association',
    });
    const got = await ok<{ name: string; kind: string }>(
      t.http.get(`/api/organisations/${org.id}`),
      200,
    );
    expect(got).toMatchObject({ name: 'Region Dalarna', kind: 'regional_association' });
    const listed = await ok<{ items: { id: string }[] }>(
      t.http.get('/api/organisations?kind=regional_association'),
      200,
    );
    expect(listed.items.map((o) => o.id)).toContain(org.id);
    const token = await t.tokenFor('registrar', { organisationId: org.id });
    const body = await createBody(t, token, org.id, {
      name: 'Direktionen',
      shortName: 'Dir',
      kind: 'board',
    });
    const meetingDate = '2017-06-14';
    if (meetingDate) {
      const meeting = await ok<{ meetingDate: string; body: { name: string } }>(
        t.http
          .post(`/api/bodies/${body.id}/meetings`)
          .set({ Authorization: `Bearer ${token}` })
          .send({ meetingDate }),
      );
      expect(meeting.meetingDate).toBe(meetingDate);
    }
  });
});
