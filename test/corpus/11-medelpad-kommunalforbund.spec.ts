import { createTestApp, TestApp } from '../test-app';
import { createBody, createOrganisation, createRegistry, Registry } from '../factories';
import { ok } from '../minutes/minutes-helpers';

/**
 * Corpus 11 (Medelpads räddningstjänstförbund, a kommunalförbund): its direktion met 2023-11-03.
 * The organisationsnummer is not printed in the stored copy; the register requires one, so the
 * test gives a generated one (a known gap, see the report).
 */
describe('corpus 11: Medelpads räddningstjänstförbund as organisation kind municipal_association', () => {
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
      name: 'Medelpads räddningstjänstförbund',
      kind: 'municipal_association',
    });
    const got = await ok<{ name: string; kind: string }>(
      t.http.get(`/api/organisations/${org.id}`),
      200,
    );
    expect(got).toMatchObject({
      name: 'Medelpads räddningstjänstförbund',
      kind: 'municipal_association',
    });
    const listed = await ok<{ items: { id: string }[] }>(
      t.http.get('/api/organisations?kind=municipal_association'),
      200,
    );
    expect(listed.items.map((o) => o.id)).toContain(org.id);
    const token = await t.tokenFor('registrar', { organisationId: org.id });
    const body = await createBody(t, token, org.id, {
      name: 'Direktionen',
      shortName: 'Dir',
      kind: 'board',
    });
    const meetingDate = '2023-11-03';
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
