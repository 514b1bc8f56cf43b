import { createTestApp, TestApp } from '../test-app';
import { createRegistry } from '../factories';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from '../minutes/minutes-helpers';

/**
 * A motion decided in a paragraph that is not yet adjusted (or never public) shows its last
 * published state to anonymous users and other organisations, in every endpoint; the
 * organisation's own users and admins see the real state.
 */
describe('visibility: motion state follows the publication of the deciding paragraph', () => {
  let t: TestApp;
  let w: MinutesWorld;
  let admin: string;
  let otherRegistrar: string;
  let politician: string;
  let motionId: string;
  let secretMotionId: string;
  let decidingMeeting: string;
  let decidingParagraph: { id: string; reference: string };
  const as = (token?: string) => (token ? { Authorization: `Bearer ${token}` } : {});

  const raiseInitiative = async (title: string): Promise<string> => {
    const res = await ok<{ id: string }>(
      t.http
        .post('/api/motions')
        .set(w.auth)
        .send({
          bodyId: w.rs.id,
          kind: 'initiative',
          title,
          raisedOn: '2024-03-01',
          signatoryIds: [w.rs.members[1].id],
        }),
    );
    for (const step of [
      { step: 'refer', date: '2024-03-05', referredTo: 'Regiondirektören' },
      { step: 'answer', date: '2024-04-02' },
    ]) {
      await ok(t.http.post(`/api/motions/${res.id}/events`).set(w.auth).send(step));
    }
    return res.id;
  };

  const paragraphWithDecision = async (meetingId: string, isPublic: boolean) => {
    const p = await ok<{ id: string; reference: string }>(
      t.http
        .post(`/api/meetings/${meetingId}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Svar på initiativärende', isPublic }),
    );
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['att bifalla initiativärendet'] }),
    );
    return p;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
    admin = await t.tokenFor('admin');
    otherRegistrar = (await createRegistry(t)).registrarToken;
    politician = await t.tokenFor('politician', {
      organisationId: w.organisationId,
      personId: w.rs.members[1].id,
    });
    motionId = await raiseInitiative('Initiativärende om digitala vårdbesök');
    secretMotionId = await raiseInitiative('Initiativärende om säkerhetsskydd');

    decidingMeeting = (await createHeldMeeting(t, w, w.rs, '2024-05-14')).id;
    decidingParagraph = await paragraphWithDecision(decidingMeeting, true);
    const secret = await paragraphWithDecision(decidingMeeting, false);
    await ok(
      t.http
        .post(`/api/motions/${motionId}/events`)
        .set(w.auth)
        .send({ step: 'decide', outcome: 'approved', paragraphId: decidingParagraph.id }),
    );
    await ok(
      t.http
        .post(`/api/motions/${secretMotionId}/events`)
        .set(w.auth)
        .send({ step: 'decide', outcome: 'rejected', paragraphId: secret.id }),
    );
  });
  afterAll(() => t.close());

  const outsiders = () => [undefined, otherRegistrar];
  const insiders = () => [w.registrarToken, admin];

  async function expectPublicState(id: string, token: string | undefined) {
    const res = await t.http.get(`/api/motions/${id}`).set(as(token)).expect(200);
    expect(res.body).toMatchObject({
      status: 'answered',
      outcome: null,
      decidedOn: null,
      closedOn: null,
      decisionParagraph: null,
      referredTo: 'Regiondirektören',
      allowedNextSteps: ['decide', 'table', 'send_back', 'withdraw'],
    });
    expect(res.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'raised',
      'referred',
      'answered',
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/"outcome":"(approved|rejected)"/);
    expect(JSON.stringify(res.body)).not.toContain(decidingParagraph.id);
  }

  it('GET motion: outsiders see the last published state, insiders the decision', async () => {
    for (const token of outsiders()) {
      await expectPublicState(motionId, token);
      await expectPublicState(secretMotionId, token);
    }
    for (const token of insiders()) {
      const res = await t.http.get(`/api/motions/${motionId}`).set(as(token)).expect(200);
      expect(res.body).toMatchObject({
        status: 'decided',
        outcome: 'approved',
        decidedOn: '2024-05-14',
        decisionParagraph: { id: decidingParagraph.id },
      });
      expect(res.body.timeline).toHaveLength(4);
    }
  });

  const listStatuses = async (token: string | undefined, query: Record<string, string>) =>
    (
      await t.http
        .get('/api/motions')
        .set(as(token))
        .query({ organisationId: w.organisationId, ...query })
        .expect(200)
    ).body.items.map((m: { id: string; status: string }) => [m.id, m.status]);

  it('lists and their status, overdue and person filters use the public state', async () => {
    for (const token of outsiders()) {
      expect(await listStatuses(token, { status: 'decided' })).toEqual([]);
      expect((await listStatuses(token, { status: 'answered' })).length).toBe(2);
      expect((await listStatuses(token, { overdue: 'true', on: '2025-06-01' })).length).toBe(2);
      const person = await t.http
        .get(`/api/people/${w.rs.members[1].id}/motions`)
        .set(as(token))
        .expect(200);
      expect(person.body.items.map((m: { status: string }) => m.status)).toEqual([
        'answered',
        'answered',
      ]);
    }
    for (const token of insiders()) {
      expect((await listStatuses(token, { status: 'decided' })).length).toBe(2);
      expect(await listStatuses(token, { status: 'answered' })).toEqual([]);
    }
    // The politician follows the own organisation's motions as they are, drafts included.
    const mine = await t.http.get('/api/me/motions').set(as(politician)).expect(200);
    expect(mine.body.items.map((m: { status: string }) => m.status)).toEqual([
      'decided',
      'decided',
    ]);
  });

  it('feeds, statistics, the due list and the report show no unpublished decision', async () => {
    for (const token of outsiders()) {
      for (const url of [
        `/api/people/${w.rs.members[1].id}/motions/feed`,
        `/api/bodies/${w.rs.id}/motions/feed`,
      ]) {
        const feed = await t.http.get(url).set(as(token)).expect(200);
        expect(feed.text).toContain('besvarad');
        expect(feed.text).not.toContain('bifallen');
        expect(feed.text).not.toContain('avslagen');
        expect(feed.text).not.toContain('beslutad');
      }
      const stats = await t.http
        .get('/api/motions/statistics')
        .set(as(token))
        .query({ organisationId: w.organisationId, on: '2025-06-01' })
        .expect(200);
      expect(stats.body).toEqual([
        expect.objectContaining({ raised: 2, decided: 0, decidedWithinYear: 0 }),
      ]);
      const due = await t.http
        .get('/api/motions/due')
        .set(as(token))
        .query({ organisationId: w.organisationId, on: '2025-06-01' })
        .expect(200);
      expect(due.body.overdue).toHaveLength(2);
      const report = await t.http
        .get('/api/motions/report')
        .set(as(token))
        .query({ organisationId: w.organisationId, cutoff: '2025-06-01' })
        .expect(200);
      expect(report.text).toContain('digitala vårdbesök');
      expect(report.text).toContain('säkerhetsskydd');
    }
    const stats = await t.http
      .get('/api/motions/statistics')
      .set(as(w.registrarToken))
      .query({ organisationId: w.organisationId, on: '2025-06-01' })
      .expect(200);
    expect(stats.body).toEqual([expect.objectContaining({ raised: 2, decided: 2 })]);
    const due = await t.http
      .get('/api/motions/due')
      .set(as(admin))
      .query({ organisationId: w.organisationId, on: '2025-06-01' })
      .expect(200);
    expect(due.body.overdue).toHaveLength(0);
  });

  it('once the deciding paragraph is adjusted, the public one shows everywhere; the non-public one never', async () => {
    await signAll(t, w, decidingMeeting, '2024-05-16T10:00:00Z');
    const res = await t.http.get(`/api/motions/${motionId}`).expect(200);
    expect(res.body).toMatchObject({
      status: 'decided',
      outcome: 'approved',
      decidedOn: '2024-05-14',
      closedOn: '2024-05-14',
      decisionParagraph: { id: decidingParagraph.id, reference: decidingParagraph.reference },
    });
    expect(res.body.timeline).toHaveLength(4);
    for (const token of outsiders()) {
      await expectPublicState(secretMotionId, token);
      expect(await listStatuses(token, { status: 'decided' })).toEqual([[motionId, 'decided']]);
      const feed = await t.http
        .get(`/api/bodies/${w.rs.id}/motions/feed`)
        .set(as(token))
        .expect(200);
      expect(feed.text).toContain('bifallen');
      expect(feed.text).not.toContain('avslagen');
      const stats = await t.http
        .get('/api/motions/statistics')
        .set(as(token))
        .query({ organisationId: w.organisationId, on: '2025-06-01' })
        .expect(200);
      expect(stats.body).toEqual([expect.objectContaining({ raised: 2, decided: 1 })]);
    }
  });

  it('timeline dates are checked against the motion (422 naming the field)', async () => {
    const id = (
      await ok<{ id: string }>(
        t.http
          .post('/api/motions')
          .set(w.auth)
          .send({
            bodyId: w.rs.id,
            kind: 'initiative',
            title: 'Initiativärende om datum',
            raisedOn: '2024-06-10',
            signatoryIds: [w.rs.members[1].id],
          }),
      )
    ).id;
    const early = await t.http
      .post(`/api/motions/${id}/events`)
      .set(w.auth)
      .send({ step: 'refer', date: '2024-06-09', referredTo: 'Regiondirektören' })
      .expect(422);
    expect(early.body.field ?? early.body.errors?.[0]?.field ?? early.body).toEqual('date');
    const future = await t.http
      .post(`/api/motions/${id}/events`)
      .set(w.auth)
      .send({ step: 'refer', date: '2999-01-01', referredTo: 'Regiondirektören' })
      .expect(422);
    expect(future.body.detail).toContain('in the future');
    // A paragraph of a meeting before the motion was raised cannot carry its event.
    const before = await paragraphWithDecision(
      (await createHeldMeeting(t, w, w.rs, '2024-06-01')).id,
      true,
    );
    const byParagraph = await t.http
      .post(`/api/motions/${id}/events`)
      .set(w.auth)
      .send({ step: 'refer', paragraphId: before.id, referredTo: 'Regiondirektören' })
      .expect(422);
    expect(byParagraph.body.field).toBe('paragraphId');
    const document = await t.http
      .post(`/api/motions/${id}/documents`)
      .set(w.auth)
      .send({ title: 'Tjänsteskrivelse', documentDate: '2024-06-01' })
      .expect(422);
    expect(document.body.field).toBe('documentDate');
    const motion = await t.http.get(`/api/motions/${id}`).set(w.auth).expect(200);
    expect(motion.body.timeline).toHaveLength(1);
    expect(motion.body.documents).toEqual([]);
  });
});
