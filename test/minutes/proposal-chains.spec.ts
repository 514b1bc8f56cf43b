import { createTestApp, TestApp } from '../test-app';
import { ok, signAll } from './minutes-helpers';
import {
  createMunicipality,
  minutesApi,
  MunicipalityWorld,
  PView,
  ProposalV,
} from './proposal-chain-helpers';

describe('proposal chains, deciding and proposing, återremiss and bordläggning, officer reports', () => {
  let t: TestApp;
  let w: MunicipalityWorld;
  let api: ReturnType<typeof minutesApi>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMunicipality(t);
    api = minutesApi(t, w);
  });
  afterAll(() => t.close());

  /** An AU paragraph proposing to KS, which is to propose to KF; decided. */
  async function auProposal(date: string, title: string): Promise<PView> {
    const au = await api.meeting(w.ksau, date);
    const p = await ok<PView>(api.paragraph(au.id, { title, onwardBodyIds: [w.kf.id] }));
    return ok<PView>(api.decide(p.id, [`att godkänna ${title.toLowerCase()}`]));
  }

  it('prints a chain of any depth and continues it at the next body, carrying the history', async () => {
    const au = await auProposal('2014-06-02', 'Ombudgetering 2014');
    expect(au.outcomeKind).toBe('proposal');
    expect(au.proposesToBody!.id).toBe(w.ks.id);
    expect(au.onwardBodies.map((b) => b.name)).toEqual(['Kommunfullmäktige']);
    expect(au.decisionHeading).toBe(
      'Arbetsutskottet föreslår kommunstyrelsen föreslå kommunfullmäktige besluta att',
    );
    const toKs = await api.proposal(au.producedProposal!.id);
    expect(toKs.toBody.id).toBe(w.ks.id);
    expect(toKs.heading).toBe(au.decisionHeading);
    expect(toKs.onwardBodies.map((b) => b.id)).toEqual([w.kf.id]);

    // KS handles it: by default its paragraph proposes on to KF, the rest of the chain.
    const ksMeeting = await api.meeting(w.ks, '2014-06-16');
    const ks = await ok<PView>(api.paragraph(ksMeeting.id, { proposalIds: [toKs.id] }));
    expect(ks.outcomeKind).toBe('proposal');
    expect(ks.proposesToBody!.id).toBe(w.kf.id);
    expect(ks.onwardBodies).toEqual([]);
    expect(ks.decisionHeading).toBe('Kommunstyrelsen föreslår kommunfullmäktige besluta att');
    expect(ks.proposals[0].heading).toBe(au.decisionHeading);
    const decided = await ok<PView>(api.decide(ks.id, ['att godkänna ombudgetering 2014']));
    expect(decided.proposals[0].outcome).toBe('decided_as_proposed');
    const toKf = await api.proposal(decided.producedProposal!.id);
    expect(toKf.toBody.id).toBe(w.kf.id);
    expect(toKf.status).toBe('open');
    expect(toKf.history).toEqual([
      {
        proposalId: toKs.id,
        heading: au.decisionHeading,
        toBody: 'Kommunstyrelsen',
        sourceParagraphReference: au.reference,
        status: 'decided_as_proposed',
      },
    ]);
    expect(await api.openAt(w.kf.id)).toContain(toKf.id);
    expect(await api.openAt(w.ks.id)).not.toContain(toKs.id);
    // On the council's agenda as ready only once the board's minutes are adjusted.
    expect(await api.readyAt(w.kf.id)).not.toContain(toKf.id);
    await signAll(t, w, ksMeeting.id, '2014-06-16T15:00:00Z');
    expect(await api.readyAt(w.kf.id)).toContain(toKf.id);
  });

  it('keeps the heading exactly as printed, and checks the chain', async () => {
    const au = await api.meeting(w.ksau, '2014-08-04');
    const printed = 'Arbetsutskottet föreslår kommunstyrelsen att föreslå kommunfullmäktige att';
    const p = await ok<PView>(
      api.paragraph(au.id, { onwardBodyIds: [w.kf.id], proposalHeading: printed }),
    );
    expect(p.decisionHeading).toBe(printed);
    const decided = await ok<PView>(api.decide(p.id, ['godkänna förslaget']));
    expect((await api.proposal(decided.producedProposal!.id)).heading).toBe(printed);
    // Corrected in the draft: back to the heading written from the chain, on the proposal too.
    const unprinted = await ok<PView>(
      t.http.patch(`/api/paragraphs/${p.id}`).set(w.auth).send({ proposalHeading: null }),
      200,
    );
    const written =
      'Arbetsutskottet föreslår kommunstyrelsen föreslå kommunfullmäktige besluta att';
    expect(unprinted.decisionHeading).toBe(written);
    expect((await api.proposal(decided.producedProposal!.id)).heading).toBe(written);
    // Back to itself, twice the same body, or a chain without a body to propose to: refused.
    for (const bad of [
      { onwardBodyIds: [w.ksau.id] },
      { onwardBodyIds: [w.ks.id] },
      { onwardBodyIds: [w.kf.id, w.kf.id] },
    ]) {
      expect((await api.paragraph(au.id, bad)).status).toBeGreaterThanOrEqual(400);
    }
    const ks = await api.meeting(w.ks, '2014-08-11');
    const refused = await api.paragraph(ks.id, {
      outcomeKind: 'decision',
      onwardBodyIds: [w.kf.id],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.field ?? JSON.stringify(refused.body)).toContain('onwardBodyIds');
  });

  it('a paragraph that decides and proposes prints both; only the decision is appealable', async () => {
    const ksMeeting = await api.meeting(w.ks, '2019-09-30');
    const p = await ok<PView>(
      api.paragraph(ksMeeting.id, {
        title: 'Riktlinjer för investeringar',
        outcomeKind: 'decision',
        proposesToBodyId: w.kf.id,
      }),
    );
    expect(p.outcomeKind).toBe('decision');
    expect(p.appeal.appealable).toBe(true);
    // Both parts are needed; proposal clauses belong only to such paragraphs.
    expect((await api.decide(p.id, ['att anta riktlinjerna'])).status).toBe(422);
    const plain = await ok<PView>(api.paragraph(ksMeeting.id, { title: 'Annat' }));
    expect(
      (await api.decide(plain.id, ['att notera'], { proposalClauses: ['att x'] })).status,
    ).toBe(422);
    const decided = await ok<PView>(
      api.decide(p.id, ['att anta riktlinjerna för investeringar'], {
        proposalClauses: ['att fastställa investeringsramen 2020'],
      }),
    );
    expect(decided.decisionHeading).toBe('Kommunstyrelsen beslutar att');
    expect(decided.clauses.map((c) => c.text)).toEqual(['att anta riktlinjerna för investeringar']);
    expect(decided.alsoProposes).toEqual({
      heading: 'Kommunstyrelsen föreslår kommunfullmäktige besluta att',
      clauses: [{ position: 1, text: 'att fastställa investeringsramen 2020' }],
    });
    const toKf = await api.proposal(decided.producedProposal!.id);
    expect(toKf.clauses.map((c) => c.text)).toEqual(['att fastställa investeringsramen 2020']);
    expect(toKf.toBody.id).toBe(w.kf.id);
    await ok(api.decide(plain.id, ['att notera informationen']));
    await signAll(t, w, ksMeeting.id, '2019-09-30T15:00:00Z');
    const html = await api.minutesHtml(ksMeeting.id);
    expect(html).toContain('Kommunstyrelsen beslutar att');
    expect(html).toContain('Kommunstyrelsen föreslår kommunfullmäktige besluta att');
    expect(html).toContain('att fastställa investeringsramen 2020');
    // Adjusted: the decision part is in the decision register; the proposal is ready at KF.
    const adjusted = await ok<PView>(t.http.get(`/api/paragraphs/${p.id}`).set(w.auth), 200);
    expect(adjusted.alsoProposes!.clauses).toHaveLength(1);
    const register = await ok<{ items: { id: string }[] }>(
      t.http.get(`/api/decisions?bodyId=${w.ks.id}`).set(w.auth),
      200,
    );
    expect(register.items.map((i) => i.id)).toContain(p.id);
    expect(await api.readyAt(w.kf.id)).toContain(toKf.id);
    // The extract prints both parts.
    const extract = await ok<{ htmlUrl: string }>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({
          paragraphIds: [p.id],
          certifierName: 'Anna Andersson',
          issuedOn: '2019-10-02',
        }),
    );
    const extractHtml = (await t.http.get(extract.htmlUrl).expect(200)).text;
    expect(extractHtml).toContain('Kommunstyrelsen beslutar att');
    expect(extractHtml).toContain('Kommunstyrelsen föreslår kommunfullmäktige besluta att');
    expect(extractHtml).toContain('att fastställa investeringsramen 2020');
  });

  it('återremiss at the board leaves no open proposal at the council (even after a first draft)', async () => {
    const au = await auProposal('2015-02-02', 'Kulturhus');
    const ksMeeting = await api.meeting(w.ks, '2015-02-16');
    const ks = await ok<PView>(
      api.paragraph(ksMeeting.id, { proposalIds: [au.producedProposal!.id] }),
    );
    // A first draft of the decision proposed on to KF ...
    const draft = await ok<PView>(api.decide(ks.id, ['att bygga kulturhuset']));
    expect(await api.openAt(w.kf.id)).toContain(draft.producedProposal!.id);
    // ... then the board sends the matter back: nothing is left open at the council.
    const sentBack = await ok<PView>(
      api.decide(ks.id, ['att återremittera ärendet till arbetsutskottet'], {
        proposalOutcome: 'sent_back',
      }),
    );
    expect(sentBack.producedProposal).toBeNull();
    expect(sentBack.proposals[0].outcome).toBe('sent_back');
    expect(await api.openAt(w.kf.id)).not.toContain(draft.producedProposal!.id);
    expect(await api.readyAt(w.kf.id)).not.toContain(draft.producedProposal!.id);
    expect((await api.proposal(au.producedProposal!.id)).status).toBe('sent_back');
    await t.http.get(`/api/proposals/${draft.producedProposal!.id}`).set(w.auth).expect(404);

    // Tabled (bordlagt) at a later meeting: again nothing goes on to KF.
    const later = await api.meeting(w.ks, '2015-03-02');
    const tabled = await ok<PView>(
      api.paragraph(later.id, { proposalIds: [au.producedProposal!.id] }),
    );
    const kfBefore = await api.openAt(w.kf.id);
    const done = await ok<PView>(
      api.decide(tabled.id, ['att bordlägga ärendet'], { proposalOutcome: 'tabled' }),
    );
    expect(done.producedProposal).toBeNull();
    expect(await api.openAt(w.kf.id)).toEqual(kfBefore);
  });

  it('the council case: a proposal the council has on its agenda cannot be left behind by the board', async () => {
    const au = await auProposal('2016-02-01', 'Detaljplan');
    const ksMeeting = await api.meeting(w.ks, '2016-02-15');
    const ks = await ok<PView>(
      api.paragraph(ksMeeting.id, { proposalIds: [au.producedProposal!.id] }),
    );
    const draft = await ok<PView>(api.decide(ks.id, ['att anta detaljplanen']));
    const kfMeeting = await api.meeting(w.kf, '2016-03-01');
    await ok(api.paragraph(kfMeeting.id, { proposalIds: [draft.producedProposal!.id] }));
    // The council has it on its agenda: the board cannot silently remove it.
    const refused = await api.decide(ks.id, ['att återremittera'], {
      proposalOutcome: 'sent_back',
    });
    expect(refused.status).toBe(409);
    // Minoritetsåterremiss in the council: the proposal is sent back, not open, with reasons.
    const kf2 = await api.meeting(w.kf, '2016-04-01');
    const other = await auProposal('2016-03-07', 'Kulturhus på Marknadsplatsen');
    const ks2m = await api.meeting(w.ks, '2016-03-14');
    const ks2 = await ok<PView>(
      api.paragraph(ks2m.id, { proposalIds: [other.producedProposal!.id] }),
    );
    const toKf = (await ok<PView>(api.decide(ks2.id, ['att möjliggöra nytt kulturhus'])))
      .producedProposal!.id;
    const kfP = await ok<PView>(api.paragraph(kf2.id, { proposalIds: [toKf] }));
    const reasons = [
      'att ärendet återremitteras (minoritetsåterremiss)',
      'att det bara finns ett förslag att ta ställning till',
      'att förvaltningen får i uppdrag att utreda fler platser',
    ];
    const kfDone = await ok<PView>(api.decide(kfP.id, reasons, { proposalOutcome: 'sent_back' }));
    expect(kfDone.proposals[0].outcome).toBe('sent_back');
    expect(kfDone.clauses.map((c) => c.text)).toEqual(reasons);
    expect((await api.proposal(toKf)).status).toBe('sent_back');
    expect(await api.openAt(w.kf.id)).not.toContain(toKf);
  });

  it('an officer report (tjänsteskrivelse) is kept and printed where it is handled', async () => {
    const report = await ok<ProposalV>(
      t.http
        .post('/api/proposals')
        .set(w.auth)
        .send({
          toBodyId: w.ks.id,
          officerName: 'Anna Andersson',
          officerTitle: 'ekonomichef',
          title: 'Ombudgetering 2024',
          caseNumber: 'KS 2024/112',
          clauses: ['att godkänna ombudgeteringen'],
          report: { date: '2024-09-20', caseOfficerName: 'Per Persson' },
        }),
    );
    expect(report.report).toEqual({ date: '2024-09-20', caseOfficerName: 'Per Persson' });
    expect(report.heading).toBe('Tjänsteskrivelse');
    // Unknown facts stay unknown; a bad date is refused.
    const partial = await ok<ProposalV>(
      t.http
        .post('/api/proposals')
        .set(w.auth)
        .send({
          toBodyId: w.ks.id,
          officerName: 'Anna Andersson',
          title: 'Ärende utan datum',
          clauses: ['att x'],
          report: {},
        }),
    );
    expect(partial.report).toEqual({ date: null, caseOfficerName: null });
    await t.http
      .post('/api/proposals')
      .set(w.auth)
      .send({
        toBodyId: w.ks.id,
        officerName: 'A',
        title: 'T',
        clauses: ['x'],
        report: { date: '2024-02-30' },
      })
      .expect(400);
    const meeting = await api.meeting(w.ks, '2024-10-01');
    const p = await ok<PView>(
      api.paragraph(meeting.id, { title: 'Ombudgetering 2024', proposalIds: [report.id] }),
    );
    const line =
      'Tjänsteskrivelse 2024-09-20, Anna Andersson, ekonomichef, handläggare Per Persson, dnr KS 2024/112: Ombudgetering 2024';
    expect(p.proposals[0].reportLine).toBe(line);
    await ok(api.decide(p.id, ['att godkänna ombudgeteringen']));
    await signAll(t, w, meeting.id, '2024-10-01T15:00:00Z');
    expect(await api.minutesHtml(meeting.id)).toContain(line);
    // Adjusted: printed from the frozen record.
    const frozen = await ok<PView>(t.http.get(`/api/paragraphs/${p.id}`), 200);
    expect(frozen.proposals[0].reportLine).toBe(line);
    const extract = await ok<{ htmlUrl: string }>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({
          paragraphIds: [p.id],
          certifierName: 'Anna Andersson',
          issuedOn: '2024-10-03',
        }),
    );
    expect((await t.http.get(extract.htmlUrl).expect(200)).text).toContain(line);
  });
});
