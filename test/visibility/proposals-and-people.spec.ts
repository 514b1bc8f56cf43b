import { createRegistry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from '../minutes/minutes-helpers';

describe('visibility: proposal status and e-mail addresses', () => {
  let t: TestApp;
  let w: MinutesWorld;
  let admin: string;
  let otherRegistrar: string;
  let politician: string;
  const as = (token?: string) => (token ? { Authorization: `Bearer ${token}` } : {});

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
    admin = await t.tokenFor('admin');
    otherRegistrar = (await createRegistry(t)).registrarToken;
    politician = await t.tokenFor('politician', {
      organisationId: w.organisationId,
      personId: w.rs.members[1].id,
    });
  });
  afterAll(() => t.close());

  it("a published working-committee paragraph does not show the deciding body's draft outcome", async () => {
    const auMeeting = await createHeldMeeting(t, w, w.au, '2025-02-11');
    const auPara = await ok<{ id: string }>(
      t.http.post(`/api/meetings/${auMeeting.id}/paragraphs`).set(w.auth).send({
        title: 'Ansökan om statsbidrag',
      }),
    );
    const decided = await ok<{ producedProposal: { id: string } }>(
      t.http
        .post(`/api/paragraphs/${auPara.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att ansöka om statsbidrag'] }),
    );
    const proposalId = decided.producedProposal.id;
    await signAll(t, w, auMeeting.id, '2025-02-13T10:00:00Z');

    const rsMeeting = await createHeldMeeting(t, w, w.rs, '2025-02-25');
    const rsPara = await ok<{ id: string }>(
      t.http
        .post(`/api/meetings/${rsMeeting.id}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Ansökan om statsbidrag', proposalIds: [proposalId] }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${rsPara.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att ansöka om statsbidrag'] }),
    );

    const statusFilter = async (token: string | undefined, status: string) =>
      (
        await t.http.get('/api/proposals').set(as(token)).query({ status, limit: 200 }).expect(200)
      ).body.items.map((p: { id: string }) => p.id);

    for (const token of [undefined, otherRegistrar]) {
      const para = await t.http.get(`/api/paragraphs/${auPara.id}`).set(as(token)).expect(200);
      expect(para.body.producedProposal).toMatchObject({ id: proposalId, status: 'open' });
      const proposal = await t.http.get(`/api/proposals/${proposalId}`).set(as(token)).expect(200);
      expect(proposal.body).toMatchObject({ status: 'open', handlings: [] });
      expect(await statusFilter(token, 'decided_as_proposed')).not.toContain(proposalId);
      expect(await statusFilter(token, 'open')).toContain(proposalId);
    }
    for (const token of [w.registrarToken, admin, politician]) {
      const para = await t.http.get(`/api/paragraphs/${auPara.id}`).set(as(token)).expect(200);
      expect(para.body.producedProposal.status).toBe('decided_as_proposed');
      expect(await statusFilter(token, 'decided_as_proposed')).toContain(proposalId);
      expect(await statusFilter(token, 'open')).not.toContain(proposalId);
    }

    await signAll(t, w, rsMeeting.id, '2025-02-27T10:00:00Z');
    for (const token of [undefined, otherRegistrar]) {
      const para = await t.http.get(`/api/paragraphs/${auPara.id}`).set(as(token)).expect(200);
      expect(para.body.producedProposal.status).toBe('decided_as_proposed');
      expect(await statusFilter(token, 'decided_as_proposed')).toContain(proposalId);
      expect(await statusFilter(token, 'open')).not.toContain(proposalId);
    }
  });

  it('e-mail addresses: only admins and registrars of the organisation see them', async () => {
    const person = await ok<{ id: string; email: string }>(
      t.http.post('/api/people').set(w.auth).send({
        organisationId: w.organisationId,
        name: 'Sara Lewerentz',
        title: 'Regiondirektör',
        email: 'sara.lewerentz@regionjh.se',
      }),
    );
    expect(person.email).toBe('sara.lewerentz@regionjh.se');
    const read = async (token: string | undefined) => {
      const one = await t.http.get(`/api/people/${person.id}`).set(as(token)).expect(200);
      const list = await t.http
        .get('/api/people')
        .set(as(token))
        .query({ organisationId: w.organisationId, q: 'Lewerentz' })
        .expect(200);
      expect(list.body.items).toHaveLength(1);
      return [one.body, list.body.items[0]];
    };
    for (const token of [undefined, otherRegistrar, politician]) {
      for (const body of await read(token)) {
        expect(body).toMatchObject({ id: person.id, name: 'Sara Lewerentz' });
        expect(body).not.toHaveProperty('email');
        expect(JSON.stringify(body)).not.toContain('regionjh.se');
      }
    }
    for (const token of [w.registrarToken, admin]) {
      for (const body of await read(token)) {
        expect(body.email).toBe('sara.lewerentz@regionjh.se');
      }
    }
  });
});
