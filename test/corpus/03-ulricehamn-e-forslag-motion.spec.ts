import { createTestApp, TestApp } from '../test-app';
import { auth, municipalityWithCouncil, post } from './motion-corpus-helpers';

/**
 * Corpus 03: Ulricehamns kommun, "Beslut i korthet, kommunfullmäktige 26 oktober" (2023 from the
 * URL). An Ulricehamnsförslag (the local e-förslag) by an unnamed citizen is rejected for lack of
 * budget; a motion by "företrädare från Miljöpartiet" (no names) is considered under investigation.
 * Neither the raising date nor the signature history is printed: both stay unknown.
 */
describe('corpus 03: Ulricehamn KF 2023-10-26, e-förslag and motion', () => {
  let t: TestApp;
  let w: { token: string; organisationId: string; councilId: string };
  let eProposal: Record<string, any>;
  let motion: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await municipalityWithCouncil(t, 'Ulricehamns kommun');
    // The council takes e-förslag; since when is not printed.
    await post(t, w.token, `/api/bodies/${w.councilId}/proposal-settings`, { kind: 'e_proposal' });
    const raised = await post(t, w.token, '/api/motions', {
      bodyId: w.councilId,
      kind: 'e_proposal',
      title: 'Ulricehamnsförslag: Sommarbusskort till gymnasieungdomar',
      citizenNameUnpublished: true,
      raisedOnUnknown: true,
      transcribed: true,
    });
    eProposal = await post(t, w.token, `/api/motions/${raised.id}/events`, {
      step: 'decide',
      outcome: 'rejected',
      date: '2023-10-26',
      note: 'Det finns inte pengar avsatta i budgeten för att köpa in sommarlovskort.',
    });
    const m = await post(t, w.token, '/api/motions', {
      bodyId: w.councilId,
      kind: 'motion',
      title: 'Motion: Upprätta en solbruksplan i kommunen',
      proposerParty: 'MP',
      raisedOnUnknown: true,
      transcribed: true,
    });
    motion = await post(t, w.token, `/api/motions/${m.id}/events`, {
      step: 'decide',
      outcome: 'under_investigation',
      date: '2023-10-26',
      note: 'I den kommande planeringsstrategin för översiktsplanen finns ett uppdrag om att utreda lämpliga platser för solenergi.',
    });
  });
  afterAll(() => t.close());

  it('holds the e-förslag: unnamed proposer, rejected by the council on 26 October 2023', () => {
    expect(eProposal).toMatchObject({
      kind: 'e_proposal',
      title: 'Ulricehamnsförslag: Sommarbusskort till gymnasieungdomar',
      proposer: 'namn ej publicerat',
      citizenName: null,
      status: 'decided',
      outcome: 'rejected',
      decidedOn: '2023-10-26',
      raisedDate: { precision: 'unknown', text: 'datum okänt' },
      decisionDueRange: null,
      overdue: false,
      ePetition: { signatureCount: null, signatureThreshold: null },
    });
    expect(eProposal.timeline.at(-1).note).toMatch(/inte pengar avsatta i budgeten/);
  });

  it('holds the motion by the party group: "anses vara under utredning"', async () => {
    expect(motion).toMatchObject({
      kind: 'motion',
      proposer: '(MP)',
      proposerParty: 'MP',
      signatories: [],
      outcome: 'under_investigation',
      decidedOn: '2023-10-26',
    });
    const byParty = await t.http
      .get('/api/motions')
      .query({ organisationId: w.organisationId, party: 'MP' })
      .expect(200);
    expect(byParty.body.items.map((x: { id: string }) => x.id)).toEqual([motion.id]);
    const feed = await t.http.get(`/api/bodies/${w.councilId}/motions/feed`).expect(200);
    expect(feed.text).toContain('anses vara under utredning');
    expect(feed.text).toContain(
      'E-förslag: Ulricehamnsförslag: Sommarbusskort till gymnasieungdomar – avslagen',
    );
  });

  it('refuses a party group on a live (not transcribed) motion', async () => {
    const res = await t.http
      .post('/api/motions')
      .set(auth(w.token))
      .send({
        bodyId: w.councilId,
        kind: 'motion',
        title: 'Motion',
        proposerParty: 'MP',
        raisedOn: '2023-10-01',
      })
      .expect(422);
    expect(res.body).toMatchObject({ field: 'proposerParty' });
  });
});
