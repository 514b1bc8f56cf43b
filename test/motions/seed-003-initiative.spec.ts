import { createTestApp, TestApp } from '../test-app';
import { addMembership, createBody, createPerson, createRegistry, Registry } from '../factories';
import { auth, step } from './motion-fixtures';
import { paragraphAt, ParagraphRef } from './minutes-helpers';

/**
 * Seed 003: Robert Hamberg (M) raised an initiativärende in Regionstyrelsen on 26 March 2024,
 * that the Regiondirektör be tasked to prepare an application to the Effektivitetsdelegationen.
 * It was referred to the Regiondirektör, whose reply proposed "Initiativärendet anses besvarad",
 * and the board decided so.
 */
describe('seed 003: the initiative by Robert Hamberg (M), from raising to "anses besvarad"', () => {
  let t: TestApp;
  let r: Registry;
  let board: { id: string };
  let hamberg: { id: string };
  let raisedIn: ParagraphRef;
  let decidedIn: ParagraphRef;
  let motionId: string;
  const TITLE = 'Initiativärende från Robert Hamberg (M) om att nyttja effektivitetsdelegationen';

  beforeAll(async () => {
    t = await createTestApp();
    r = await createRegistry(t);
    board = await createBody(t, r.registrarToken, r.organisationId, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    hamberg = await createPerson(t, r.registrarToken, r.organisationId, {
      name: 'Robert Hamberg',
      party: 'M',
    });
    await addMembership(t, r.registrarToken, board.id, {
      personId: hamberg.id,
      role: 'member',
      validFrom: '2023-01-01',
    });
    raisedIn = await paragraphAt(t, r.registrarToken, board.id, '2024-03-26', {
      title: 'Anmälan av initiativärende från Robert Hamberg (M)',
      caseNumber: 'RS/512/2024',
    });
    decidedIn = await paragraphAt(t, r.registrarToken, board.id, '2024-10-29', {
      title:
        'Svar på initiativärende från Robert Hamberg (M) om att nyttja effektivitetsdelegationen',
      caseNumber: 'RS/512/2024',
    });
  });
  afterAll(() => t.close());

  it('raises the initiative at the board meeting of 26 March 2024', async () => {
    const res = await t.http
      .post('/api/motions')
      .set(auth(r.registrarToken))
      .send({
        bodyId: board.id,
        kind: 'initiative',
        title: TITLE,
        caseNumber: 'RS/512/2024',
        raisedOn: '2024-03-26',
        raisedParagraphId: raisedIn.id,
        signatoryIds: [hamberg.id],
        clauses: [
          'att Regiondirektören får i uppdrag att arbeta fram ett underlag som kan ligga till grund för en kommande ansökan till effektivitetsdelegationen',
        ],
      })
      .expect(201);
    motionId = res.body.id;
    expect(res.body).toMatchObject({
      kind: 'initiative',
      status: 'raised',
      raisedOn: '2024-03-26',
      decisionDue: '2025-03-26',
      signatories: [{ personId: hamberg.id, name: 'Robert Hamberg', party: 'M' }],
      raisedParagraph: { id: raisedIn.id, reference: raisedIn.reference },
    });
  });

  it('refers it to the Regiondirektör for preparation', async () => {
    const res = await step(t, r.registrarToken, motionId, {
      step: 'refer',
      referredTo: 'Regiondirektören',
      paragraphId: raisedIn.id,
    });
    expect(res.body).toMatchObject({
      status: 'referred',
      referredTo: 'Regiondirektören',
      nextStep: { step: 'answer', by: 'Regiondirektören' },
    });
    // The date was taken from the meeting of the paragraph.
    expect(res.body.timeline[1]).toMatchObject({ kind: 'referred', date: '2024-03-26' });
  });

  it("records the officer's reply and proposal as the answer", async () => {
    const doc = await t.http
      .post(`/api/motions/${motionId}/documents`)
      .set(auth(r.registrarToken))
      .send({
        title:
          'Svar på initiativärende från Robert Hamberg (M) om att nyttja effektivitetsdelegationen',
        documentDate: '2024-10-08',
        reference: 'Tjänsteskrivelse, Sara Lewerentz (Regiondirektör), Johan Palm',
      })
      .expect(201);
    const res = await step(t, r.registrarToken, motionId, {
      step: 'answer',
      date: '2024-10-08',
      documentId: doc.body.id,
      note: 'Regiondirektörens förslag: Initiativärendet anses besvarad.',
    });
    expect(res.body).toMatchObject({ status: 'answered', allowedOutcomes: expect.any(Array) });
    expect(res.body.allowedOutcomes).toContain('considered_answered');
  });

  it('the board decides "anses besvarad" in its paragraph, and the motion is decided with it', async () => {
    const res = await step(t, r.registrarToken, motionId, {
      step: 'decide',
      outcome: 'considered_answered',
      paragraphId: decidedIn.id,
    });
    expect(res.body).toMatchObject({
      status: 'decided',
      outcome: 'considered_answered',
      decidedOn: '2024-10-29',
      decisionParagraph: { id: decidedIn.id, reference: decidedIn.reference },
      allowedNextSteps: [],
      nextStep: null,
      overdue: false,
    });
    const [row] = await t.dataSource.query(
      `SELECT m.status, m.decision_paragraph_id, e.paragraph_id
         FROM motion m JOIN motion_event e ON e.motion_id = m.id AND e.kind = 'decided'
        WHERE m.id = $1`,
      [motionId],
    );
    expect(row).toEqual({
      status: 'decided',
      decision_paragraph_id: decidedIn.id,
      paragraph_id: decidedIn.id,
    });
  });

  // The paragraphs are not adjusted in this file: the board's own registrar sees the real state
  // (test/visibility covers what outsiders see).
  it('shows the whole timeline, each event with the paragraph or document behind it', async () => {
    const res = await t.http
      .get(`/api/motions/${motionId}`)
      .set(auth(r.registrarToken))
      .set(auth(r.registrarToken))
      .expect(200);
    expect(
      res.body.timeline.map(
        (e: {
          kind: string;
          date: string;
          paragraph: { reference: string } | null;
          document: { title: string } | null;
        }) => [e.kind, e.date, e.paragraph?.reference ?? null, e.document?.title ?? null],
      ),
    ).toEqual([
      ['raised', '2024-03-26', raisedIn.reference, null],
      ['referred', '2024-03-26', raisedIn.reference, null],
      [
        'answered',
        '2024-10-08',
        null,
        'Svar på initiativärende från Robert Hamberg (M) om att nyttja effektivitetsdelegationen',
      ],
      ['decided', '2024-10-29', decidedIn.reference, null],
    ]);
    expect(res.body.timeline[1].referredTo).toBe('Regiondirektören');
    expect(res.body.timeline[3].outcome).toBe('considered_answered');
    expect(res.body.clauses[0].text).toMatch(/^att Regiondirektören får i uppdrag/);
  });

  it('appears among his motions, in his feed and the statistics; no longer in the report', async () => {
    const mine = await t.http
      .get(`/api/people/${hamberg.id}/motions`)
      .set(auth(r.registrarToken))
      .set(auth(r.registrarToken))
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: motionId, status: 'decided', outcome: 'considered_answered' }),
    ]);
    const feed = await t.http
      .get(`/api/people/${hamberg.id}/motions/feed`)
      .set(auth(r.registrarToken))
      .set(auth(r.registrarToken))
      .expect(200);
    expect(feed.text).toContain(`Initiativärende: ${TITLE} – anses besvarad`);
    expect(feed.text).toContain('29 oktober 2024: anses besvarad, dnr RS/512/2024');

    const inSummer = await t.http
      .get('/api/motions/report')
      .set(auth(r.registrarToken))
      .query({ organisationId: r.organisationId, bodyId: board.id, cutoff: '2024-06-30' })
      .expect(200);
    expect(inSummer.text).toContain('remitterad för beredning, remitterad till Regiondirektören');
    const afterwards = await t.http
      .get('/api/motions/report')
      .set(auth(r.registrarToken))
      .query({ organisationId: r.organisationId, bodyId: board.id, cutoff: '2024-10-29' })
      .expect(200);
    expect(afterwards.text).not.toContain('effektivitetsdelegationen');

    const stats = await t.http
      .get('/api/motions/statistics')
      .set(auth(r.registrarToken))
      .query({ organisationId: r.organisationId, on: '2025-01-01' })
      .expect(200);
    expect(stats.body).toEqual([
      expect.objectContaining({
        bodyName: 'Regionstyrelsen',
        year: 2024,
        raised: 1,
        decided: 1,
        medianDaysToDecision: 217,
        shareDecidedWithinYear: 1,
      }),
    ]);
  });
});
