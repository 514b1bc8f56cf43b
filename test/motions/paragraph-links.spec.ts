import { createTestApp, TestApp } from '../test-app';
import { createBody, createOrganisation } from '../factories';
import {
  auth,
  createMotionWorld,
  motionTableCounts,
  MotionWorld,
  raiseMotion,
  step,
} from './motion-fixtures';
import { paragraphAt } from './minutes-helpers';

describe('motions: links to paragraphs of the minutes', () => {
  let t: TestApp;
  let w: MotionWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMotionWorld(t);
  });
  afterAll(() => t.close());

  /** A board initiative raised 2024-03-26, referred and answered, ready to be decided. */
  async function answeredInitiative(): Promise<string> {
    const motion = await raiseMotion(t, w.registrarToken, {
      bodyId: w.board.id,
      kind: 'initiative',
      title: 'Initiativärende om digitala vårdmöten',
      raisedOn: '2024-03-26',
      signatoryIds: [w.boardMember.id],
    });
    await step(t, w.registrarToken, motion.id, {
      step: 'refer',
      referredTo: 'Regiondirektören',
      date: '2024-03-26',
    });
    await step(t, w.registrarToken, motion.id, { step: 'answer', date: '2024-05-02' });
    return motion.id;
  }

  async function expectRefused(
    id: string,
    body: Record<string, unknown>,
    status: number,
    detail?: RegExp,
  ) {
    const before = await motionTableCounts(t);
    const res = await t.http
      .post(`/api/motions/${id}/events`)
      .set(auth(w.registrarToken))
      .send(body)
      .expect(status);
    if (detail) expect(res.body.detail).toMatch(detail);
    expect(await motionTableCounts(t)).toEqual(before);
    const motion = await t.http.get(`/api/motions/${id}`).expect(200);
    expect(motion.body.status).toBe('answered');
  }

  it('decides in a board paragraph, taking the meeting date as the decision date', async () => {
    const id = await answeredInitiative();
    const paragraph = await paragraphAt(t, w.registrarToken, w.board.id, '2024-06-11', {
      title: 'Svar på initiativärende om digitala vårdmöten',
    });
    const res = await step(t, w.registrarToken, id, {
      step: 'decide',
      outcome: 'approved',
      paragraphId: paragraph.id,
    });
    expect(res.body).toMatchObject({
      status: 'decided',
      decidedOn: '2024-06-11',
      decisionParagraph: { id: paragraph.id, reference: paragraph.reference },
    });
  });

  it("refuses a working committee's proposal as the decision (422), changing nothing", async () => {
    const id = await answeredInitiative();
    const proposal = await paragraphAt(t, w.registrarToken, w.workingCommittee.id, '2024-05-28', {
      title: 'Svar på initiativärende om digitala vårdmöten',
    });
    await expectRefused(
      id,
      { step: 'decide', outcome: 'approved', paragraphId: proposal.id },
      422,
      /is a proposal, not a decision/,
    );
    // The proposal may still be linked to the answer.
  });

  it('links a proposal paragraph to an answer event', async () => {
    const motion = await raiseMotion(t, w.registrarToken, {
      bodyId: w.board.id,
      kind: 'initiative',
      title: 'Initiativärende om ambulansflyg',
      raisedOn: '2024-03-26',
      signatoryIds: [w.hamberg.id],
    });
    await step(t, w.registrarToken, motion.id, {
      step: 'refer',
      referredTo: 'Regionstyrelsens arbetsutskott',
      date: '2024-03-26',
    });
    const proposal = await paragraphAt(t, w.registrarToken, w.workingCommittee.id, '2024-09-03', {
      title: 'Svar på initiativärende om ambulansflyg',
    });
    const res = await step(t, w.registrarToken, motion.id, {
      step: 'answer',
      paragraphId: proposal.id,
    });
    expect(res.body.timeline[2]).toMatchObject({
      kind: 'answered',
      date: '2024-09-03',
      paragraph: { id: proposal.id, reference: proposal.reference },
    });
  });

  it('refuses a paragraph of another body than where it was raised (422)', async () => {
    const id = await answeredInitiative();
    const councilParagraph = await paragraphAt(t, w.registrarToken, w.council.id, '2024-06-18', {
      title: 'Fullmäktiges paragraf',
    });
    await expectRefused(
      id,
      { step: 'decide', outcome: 'approved', paragraphId: councilParagraph.id },
      422,
      /not a paragraph of the body where the motion was raised/,
    );
  });

  it('refuses a paragraph of another organisation (422)', async () => {
    const id = await answeredInitiative();
    const other = await createOrganisation(t, w.adminToken, { name: 'Region Västerbotten' });
    const otherBoard = await createBody(t, w.adminToken, other.id, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    const foreign = await paragraphAt(t, w.adminToken, otherBoard.id, '2024-06-11', {
      title: 'Annan regions paragraf',
    });
    await expectRefused(
      id,
      { step: 'decide', outcome: 'approved', paragraphId: foreign.id },
      422,
      /another organisation/,
    );
  });

  it('refuses a decision paragraph whose meeting is before the date raised (422)', async () => {
    const id = await answeredInitiative();
    const early = await paragraphAt(t, w.registrarToken, w.board.id, '2024-02-13', {
      title: 'Tidigare paragraf',
    });
    await expectRefused(
      id,
      { step: 'decide', outcome: 'rejected', paragraphId: early.id },
      422,
      /before the date the motion was raised/,
    );
  });

  it('refuses a date other than the meeting date of the paragraph (422)', async () => {
    const id = await answeredInitiative();
    const paragraph = await paragraphAt(t, w.registrarToken, w.board.id, '2024-06-12', {
      title: 'Paragraf',
    });
    await expectRefused(
      id,
      { step: 'decide', outcome: 'rejected', paragraphId: paragraph.id, date: '2024-06-13' },
      422,
      /not the meeting date/,
    );
  });

  it('404s an unknown paragraph', async () => {
    const id = await answeredInitiative();
    await expectRefused(
      id,
      { step: 'decide', outcome: 'rejected', paragraphId: '00000000-0000-4000-8000-000000000000' },
      404,
    );
  });

  it('refuses a second decision through another paragraph (409)', async () => {
    const id = await answeredInitiative();
    const first = await paragraphAt(t, w.registrarToken, w.board.id, '2024-06-20', {
      title: 'Beslut',
    });
    const second = await paragraphAt(t, w.registrarToken, w.board.id, '2024-06-21', {
      title: 'Beslut igen',
    });
    await step(t, w.registrarToken, id, {
      step: 'decide',
      outcome: 'rejected',
      paragraphId: first.id,
    });
    const before = await motionTableCounts(t);
    await t.http
      .post(`/api/motions/${id}/events`)
      .set(auth(w.registrarToken))
      .send({ step: 'decide', outcome: 'approved', paragraphId: second.id })
      .expect(409);
    expect(await motionTableCounts(t)).toEqual(before);
    // The deciding paragraph is not adjusted: only the organisation's own users see the decision.
    const motion = await t.http.get(`/api/motions/${id}`).set(auth(w.registrarToken)).expect(200);
    expect(motion.body).toMatchObject({ outcome: 'rejected', decisionParagraph: { id: first.id } });
  });

  describe('the paragraph where it was raised', () => {
    it('must be of the same body, and an initiative is raised on the meeting day', async () => {
      const boardParagraph = await paragraphAt(t, w.registrarToken, w.board.id, '2024-04-16', {
        title: 'Anmälan av initiativärende',
      });
      const input = {
        bodyId: w.board.id,
        kind: 'initiative',
        title: 'Initiativärende',
        raisedOn: '2024-04-15',
        signatoryIds: [w.boardMember.id],
        raisedParagraphId: boardParagraph.id,
      };
      const before = await motionTableCounts(t);
      const wrongDay = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send(input)
        .expect(422);
      expect(wrongDay.body.detail).toMatch(/raisedOn must be the meeting date 2024-04-16/);
      await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({
          ...input,
          raisedOn: '2024-04-16',
          bodyId: w.council.id,
          kind: 'motion',
          signatoryIds: [w.hamberg.id],
        })
        .expect(422);
      expect(await motionTableCounts(t)).toEqual(before);
      await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({ ...input, raisedOn: '2024-04-16' })
        .expect(201);
    });

    it('a council motion filed before the meeting is announced in a later paragraph', async () => {
      const announced = await paragraphAt(t, w.registrarToken, w.council.id, '2024-04-24', {
        title: 'Anmälan av motioner',
      });
      const res = await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({
          bodyId: w.council.id,
          kind: 'motion',
          title: 'Motion om skolskjuts',
          raisedOn: '2024-04-02',
          signatoryIds: [w.andersson.id],
          raisedParagraphId: announced.id,
        })
        .expect(201);
      expect(res.body.raisedParagraph).toEqual({
        id: announced.id,
        reference: announced.reference,
      });
      const early = await paragraphAt(t, w.registrarToken, w.council.id, '2024-03-20', {
        title: 'Tidigare',
      });
      await t.http
        .post('/api/motions')
        .set(auth(w.registrarToken))
        .send({
          bodyId: w.council.id,
          kind: 'motion',
          title: 'Motion',
          raisedOn: '2024-04-02',
          signatoryIds: [w.andersson.id],
          raisedParagraphId: early.id,
        })
        .expect(422);
    });
  });
});
