import { createOrganisation, createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { BodyWithMembers, createBodyWithMembers, minuteParagraph } from './decision-helpers';
import { SEED_000_CLAUSES, SEED_000_TITLE } from './seed-000';

describe('decision register (seed 000: Regionstyrelsen, two clauses, adjusted)', () => {
  let t: TestApp;
  let reg: Registry;
  let rs: BodyWithMembers;
  let au: BodyWithMembers;
  let decisionId: string;
  let proposalParagraphId: string;
  let unadjustedId: string;

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t);
    rs = await createBodyWithMembers(t, reg.registrarToken, reg.organisationId, {
      name: 'Regionstyrelsen',
      shortName: 'RS',
      kind: 'board',
    });
    au = await createBodyWithMembers(t, reg.registrarToken, reg.organisationId, {
      name: 'Regionstyrelsens arbetsutskott',
      shortName: 'RSAU',
      kind: 'working_committee',
      preparesForBodyId: rs.body.id,
    });
    // "Arbetsutskottet föreslår regionstyrelsen besluta att …": a proposal, adjusted.
    const proposal = await minuteParagraph(t, reg.registrarToken, au, {
      meetingDate: '2024-10-29',
      title: SEED_000_TITLE,
      caseNumber: 'RS/1234/2024',
      clauses: SEED_000_CLAUSES,
      adjust: 'minutes',
    });
    proposalParagraphId = proposal.paragraphId;
    const decision = await minuteParagraph(t, reg.registrarToken, rs, {
      meetingDate: '2024-11-12',
      title: SEED_000_TITLE,
      caseNumber: 'RS/1234/2024',
      clauses: SEED_000_CLAUSES,
      adjust: 'minutes',
      adjustedAt: '2024-11-14T10:00:00Z',
      announceOn: '2024-11-15',
    });
    decisionId = decision.paragraphId;
    const unadjusted = await minuteParagraph(t, reg.registrarToken, rs, {
      meetingDate: '2024-12-10',
      title: 'Budget 2025',
      caseNumber: 'RS/2000/2024',
      clauses: ['fastställa budget för 2025'],
      adjust: 'none',
    });
    unadjustedId = unadjusted.paragraphId;
  });
  afterAll(() => t.close());

  it('cites the adjusted decision and each clause with a stable citation and URL', async () => {
    const res = await t.http
      .get(`/api/decisions/${decisionId}`)
      .query({ on: '2024-11-20' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: decisionId,
      citation: 'Regionstyrelsen 2024-11-12 § 1, dnr RS/1234/2024',
      url: `/api/decisions/${decisionId}`,
      reference: 'RS 2024-11-12 § 1',
      body: { name: 'Regionstyrelsen', kind: 'board' },
      caseNumber: 'RS/1234/2024',
      adjustedOn: '2024-11-14',
      announcedOn: '2024-11-15',
      status: 'appeal_period_running',
      appealable: true,
    });
    expect(res.body.clauses).toEqual([
      expect.objectContaining({
        position: 1,
        citation: 'Regionstyrelsen 2024-11-12 § 1 p. 1, dnr RS/1234/2024',
        url: `/api/decisions/${decisionId}/clauses/1`,
        text: SEED_000_CLAUSES[0],
      }),
      expect.objectContaining({
        position: 2,
        citation: 'Regionstyrelsen 2024-11-12 § 1 p. 2, dnr RS/1234/2024',
        text: SEED_000_CLAUSES[1],
      }),
    ]);
    const clause = await t.http.get(`/api/decisions/${decisionId}/clauses/2`).expect(200);
    expect(clause.body.clause.text).toBe(SEED_000_CLAUSES[1]);
    expect(clause.body.decision.citation).toBe('Regionstyrelsen 2024-11-12 § 1, dnr RS/1234/2024');
    await t.http.get(`/api/decisions/${decisionId}/clauses/3`).expect(404);
    await t.http.get(`/api/decisions/${decisionId}/clauses/x`).expect(400);
    await t.http.get('/api/decisions/not-a-uuid').expect(400);
  });

  it('derives the legal status from the paragraph dates', async () => {
    const at = async (on: string) =>
      (await t.http.get(`/api/decisions/${decisionId}`).query({ on }).expect(200)).body;
    expect((await at('2024-11-14')).status).toBe('adjusted'); // before the notice went up
    const running = await at('2024-12-06');
    expect(running.status).toBe('appeal_period_running');
    // Announced Fri 2024-11-15: three weeks end Fri 2024-12-06.
    expect(running.appealLastDay).toBe('2024-12-06');
    expect(running.finalOn).toBe('2024-12-07');
    expect((await at('2024-12-07')).status).toBe('final');

    // The unadjusted paragraph is not (yet) a decision; the proposal never is.
    await t.http.get(`/api/decisions/${unadjustedId}`).expect(404);
    await t.http.get(`/api/decisions/${proposalParagraphId}`).expect(404);
  });

  it('shows an appealed decision as appealed', async () => {
    const other = await minuteParagraph(t, reg.registrarToken, rs, {
      meetingDate: '2025-01-14',
      title: 'Ändrad delegationsordning',
      caseNumber: 'RS/0042/2025',
      clauses: ['anta reviderad delegationsordning'],
      adjust: 'immediate',
      adjustedAt: '2025-01-14T12:00:00Z',
      announceOn: '2025-01-15',
    });
    await t.http
      .post(`/api/paragraphs/${other.paragraphId}/appeals`)
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .send({
        registeredAt: '2025-01-20T09:00:00Z',
        note: 'Laglighetsprövning, Förvaltningsrätten',
      })
      .expect(201);
    const res = await t.http.get(`/api/decisions/${other.paragraphId}`).expect(200);
    expect(res.body.status).toBe('appealed');
    expect(res.body.finalOn).toBeNull();
    const list = await t.http
      .get('/api/decisions')
      .query({ organisationId: reg.organisationId, status: 'appealed' })
      .expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([other.paragraphId]);
  });

  it('as of a day before the appeal was registered, the appeal period was still running', async () => {
    const appealed = await minuteParagraph(t, reg.registrarToken, rs, {
      meetingDate: '2025-03-11',
      title: 'Ny taxa för färdtjänst',
      caseNumber: 'RS/0077/2025',
      clauses: ['fastställa ny taxa för färdtjänst'],
      adjust: 'immediate',
      adjustedAt: '2025-03-11T12:00:00Z',
      announceOn: '2025-03-12',
    });
    // 23:30 UTC on 20 March is 00:30 on 21 March in Sweden: registered on the 21st.
    await t.http
      .post(`/api/paragraphs/${appealed.paragraphId}/appeals`)
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .send({ registeredAt: '2025-03-20T23:30:00Z', note: 'Laglighetsprövning' })
      .expect(201);
    const at = async (on: string) =>
      (await t.http.get(`/api/decisions/${appealed.paragraphId}`).query({ on }).expect(200)).body;
    expect((await at('2025-03-17')).status).toBe('appeal_period_running');
    expect((await at('2025-03-20')).status).toBe('appeal_period_running');
    expect((await at('2025-03-21')).status).toBe('appealed');
    const listed = async (on: string, status: string) =>
      (
        await t.http
          .get('/api/decisions')
          .query({ organisationId: reg.organisationId, status, on })
          .expect(200)
      ).body.items.map((d: { id: string }) => d.id);
    expect(await listed('2025-03-17', 'appeal_period_running')).toContain(appealed.paragraphId);
    expect(await listed('2025-03-17', 'appealed')).not.toContain(appealed.paragraphId);
    expect(await listed('2025-03-21', 'appealed')).toContain(appealed.paragraphId);
  });

  it('searches by organisation, body, date range, case number and text', async () => {
    const ids = async (query: Record<string, string>) =>
      (await t.http.get('/api/decisions').query(query).expect(200)).body.items.map(
        (d: { id: string }) => d.id,
      );
    const all = await ids({ organisationId: reg.organisationId });
    expect(all).toContain(decisionId);
    expect(all).not.toContain(unadjustedId);
    expect(all).not.toContain(proposalParagraphId);
    expect(await ids({ bodyId: au.body.id })).toEqual([]);
    expect(await ids({ bodyId: rs.body.id, from: '2024-11-01', to: '2024-11-30' })).toEqual([
      decisionId,
    ]);
    expect(await ids({ organisationId: reg.organisationId, caseNumber: '1234/2024' })).toEqual([
      decisionId,
    ]);
    expect(await ids({ organisationId: reg.organisationId, q: 'AI-lösningar' })).toEqual([
      decisionId,
    ]);
    expect(await ids({ organisationId: reg.organisationId, q: '100%' })).toEqual([]);
    const other = await createOrganisation(t, reg.adminToken, { name: 'Region Skåne' });
    expect(await ids({ organisationId: other.id })).toEqual([]);

    const page1 = await t.http
      .get('/api/decisions')
      .query({ organisationId: reg.organisationId, limit: 1 })
      .expect(200);
    expect(page1.body.items).toHaveLength(1);
    const page2 = await t.http
      .get('/api/decisions')
      .query({ organisationId: reg.organisationId, limit: 1, cursor: page1.body.nextCursor })
      .expect(200);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

    const bad = await t.http.get('/api/decisions').query({ from: '2024-02-30' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('from');
    await t.http.get('/api/decisions').query({ status: 'whatever' }).expect(400);
    await t.http.get('/api/decisions').query({ cursor: 'garbage' }).expect(400);
  });

  it('shows a non-public decision only to its own organisation', async () => {
    const secret = await minuteParagraph(t, reg.registrarToken, rs, {
      meetingDate: '2025-02-11',
      title: 'Personalärende',
      clauses: ['godkänna överenskommelsen'],
      adjust: 'minutes',
      isPublic: false,
    });
    await t.http.get(`/api/decisions/${secret.paragraphId}`).expect(404);
    await t.http
      .get(`/api/decisions/${secret.paragraphId}`)
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .expect(200);
    const anonymous = await t.http
      .get('/api/decisions')
      .query({ organisationId: reg.organisationId })
      .expect(200);
    expect(anonymous.body.items.map((d: { id: string }) => d.id)).not.toContain(secret.paragraphId);
  });
});
