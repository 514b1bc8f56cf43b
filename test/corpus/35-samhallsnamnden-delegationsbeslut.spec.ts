import { createTestApp, TestApp } from '../test-app';
import { createBody, createOrganisation, createRegistry, Registry } from '../factories';
import { ok } from '../minutes/minutes-helpers';

/**
 * Corpus 35 (Samhällsnämnden 2021-01-28, municipality not named in the stored copy): the
 * ärendelista runs § 1–§ 7 with dnr, and § 7 is "Delegationsbeslut enligt förteckning
 * 2021-01-28" (dnr 40216). The förteckning itself is not in the copy: the report is held as the
 * printed line, not as invented decisions.
 */
describe('corpus 35: § 7 Delegationsbeslut enligt förteckning', () => {
  let t: TestApp;
  let r: Registry;
  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t, { organisationNumber: null });
  });
  afterAll(() => t.close());

  const agenda: [string, string][] = [
    ['Informationsärenden', '40226'],
    ['Val av justerare', '30343'],
    ['Godkännande av dagordning', '31757'],
    ['Nybrogatan', '2020-000023'],
    ['Upphandling parkeringsövervakning', '2021-000002'],
    ['Budgetuppföljning december 2020', '2021-000004'],
    ['Delegationsbeslut enligt förteckning 2021-01-28', '40216'],
  ];

  it('prints the paragraph and the anmälan of the delegation decisions', async () => {
    const org = await createOrganisation(t, r.adminToken, {
      organisationNumber: null, // not printed in the document
      name: 'Kommunen (namnet saknas i källan)',
      kind: 'municipality',
    });
    const token = await t.tokenFor('registrar', { organisationId: org.id });
    const auth = { Authorization: `Bearer ${token}` };
    const sn = await createBody(t, token, org.id, {
      name: 'Samhällsnämnden',
      shortName: 'SN',
      kind: 'committee',
    });
    const meeting = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${sn.id}/meetings`)
        .set(auth)
        .send({ meetingDate: '2021-01-28', place: 'Samhällsförvaltningen' }),
    );
    const paragraphs: { number: number; title: string; caseNumber: string }[] = [];
    for (const [title, caseNumber] of agenda) {
      paragraphs.push(
        await ok(
          t.http
            .post(`/api/meetings/${meeting.id}/paragraphs`)
            .set(auth)
            .send({ title, caseNumber }),
        ),
      );
    }
    expect(paragraphs[6]).toMatchObject({
      number: 7,
      title: 'Delegationsbeslut enligt förteckning 2021-01-28',
      caseNumber: '40216',
    });
    const reported = await ok<{ items: { line: string; kind: string }[] }>(
      t.http
        .post(`/api/meetings/${meeting.id}/reported-delegation-decisions`)
        .set(auth)
        .send({ items: [{ printedText: 'Delegationsbeslut enligt förteckning 2021-01-28' }] }),
      200,
    );
    expect(reported.items).toEqual([
      expect.objectContaining({
        kind: 'printed',
        line: 'Delegationsbeslut enligt förteckning 2021-01-28',
      }),
    ]);
    const html = await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).set(auth);
    expect(html.status).toBe(200);
    expect(html.text).toContain('<h2>§ 7 Delegationsbeslut enligt förteckning 2021-01-28</h2>');
    expect(html.text).toContain('Diarienummer 40216');
    expect(html.text).toContain('<h2>Anmälan av delegationsbeslut</h2>');
    expect(html.text).toContain('<li>Delegationsbeslut enligt förteckning 2021-01-28</li>');
  });
});
