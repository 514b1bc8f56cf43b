import { createTestApp, TestApp } from '../test-app';
import { createBody, createOrganisation, createRegistry, Registry } from '../factories';
import { ok } from '../minutes/minutes-helpers';

/**
 * Corpus 22 (Herrljunga kommun, news item 2020-09-04): "Beslutet fattades av kommunstyrelsens
 * ordförande Gunnar Andersson på delegation 25 augusti 2020" — cancelling the public part of
 * the board's session of 21 September 2020. A decision on delegation taken outside a meeting.
 */
describe('corpus 22: a chair’s decision on delegation', () => {
  let t: TestApp;
  let r: Registry;
  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t, { organisationNumber: null });
  });
  afterAll(() => t.close());

  it('is recorded as a delegation decision and appears in the decision register', async () => {
    const org = await createOrganisation(t, r.adminToken, {
      organisationNumber: null, // not printed in the document
      name: 'Herrljunga kommun',
      kind: 'municipality',
    });
    const token = await t.tokenFor('registrar', { organisationId: org.id });
    const auth = { Authorization: `Bearer ${token}` };
    const ks = await createBody(t, token, org.id, {
      name: 'Kommunstyrelsen',
      shortName: 'KS',
      kind: 'board',
    });
    // The delegation itself is not printed: no dates, no paragraph; only the delegate.
    const delegation = await ok<{ id: string; validFrom: string | null }>(
      t.http
        .post(`/api/organisations/${org.id}/delegations`)
        .set(auth)
        .send({
          fromBodyId: ks.id,
          toRole: 'kommunstyrelsens ordförande',
          matters: ['Sammanträdets öppenhet för allmänheten'],
          appealable: false,
        }),
    );
    expect(delegation.validFrom).toBeNull();
    const decision = await ok<Record<string, unknown>>(
      t.http.post(`/api/organisations/${org.id}/delegation-decisions`).set(auth).send({
        delegationId: delegation.id,
        decidedOn: '2020-08-25',
        decidedByRole: 'kommunstyrelsens ordförande',
        decidedByName: 'Gunnar Andersson',
        title: 'Kommunstyrelsen ställer in det öppna sammanträdet 21 september',
        text: 'På grund av rådande situation med risk för spridning av coronaviruset covid-19 ställer kommunstyrelsen in det öppna sammanträdet för allmänheten den 21 september 2020.',
      }),
    );
    const register = await ok<{ items: Record<string, unknown>[] }>(
      t.http.get(`/api/decisions/delegation-decisions?organisationId=${org.id}`),
      200,
    );
    expect(register.items).toEqual([decision]);
    expect(register.items[0]).toMatchObject({
      bodyId: ks.id,
      decidedOn: '2020-08-25',
      decidedByRole: 'kommunstyrelsens ordförande',
      decidedByName: 'Gunnar Andersson',
      title: 'Kommunstyrelsen ställer in det öppna sammanträdet 21 september',
      caseNumber: null,
      appealable: false,
    });
  });
});
