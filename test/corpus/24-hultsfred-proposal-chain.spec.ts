import { createPerson } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { ok, signAll } from '../minutes/minutes-helpers';
import {
  createMunicipality,
  minutesApi,
  MunicipalityWorld,
  PView,
} from '../minutes/proposal-chain-helpers';

/**
 * Corpus 24: Hultsfreds kommun, kommunstyrelsens arbetsutskott, KSAU 130/2014 "Ombudgetering
 * 2014": "Arbetsutskottet föreslår kommunstyrelsen att föreslå kommunfullmäktige att godkänna
 * förslaget till ombudgetering …" (AU → KS → KF), recorded as a registrar would.
 *
 * Not held here: the printed number "KSAU 130/2014" (numbering), the meeting date, of which the
 * copy gives only the year (transcribed meetings; the date below is a stand-in and is not
 * asserted), "ej 133" and "132" per-paragraph attendance (meeting), the lost tkr amounts.
 */
describe('corpus 24: Hultsfred KSAU 130/2014, proposal chain AU → KS → KF', () => {
  let t: TestApp;
  let w: MunicipalityWorld;
  let api: ReturnType<typeof minutesApi>;
  const printedHeading =
    'Arbetsutskottet föreslår kommunstyrelsen att föreslå kommunfullmäktige att';
  const clauses = [
    'godkänna förslaget till ombudgetering för år 2014',
    'uppdrag ges till kommunens styrelse och nämnder att tillvarata alla möjligheter till besparingar, för att vid årets slut redovisa nettokostnader med överskott mot budget',
    'stor återhållsamhet ska iakttas vid såväl tillsättning av nya tjänster som vid återbesättande av inrättade tjänster',
    'endast absolut nödvändiga investeringar genomförs, övriga ska inte genomföras eller senareläggas',
  ];

  beforeAll(async () => {
    t = await createTestApp();
    w = await createMunicipality(t, {
      ksauName: ['Kommunstyrelsens arbetsutskott', 'KSAU'],
      ksau: [
        { name: 'Lars Rosander', party: 'C' },
        { name: 'Åke Nilsson', party: 'KD' },
        { name: 'Gunilla Aronsson', party: 'C' },
        { name: 'Mattias Wärnsberg', party: 'S' },
        { name: 'Tomas Söreling', party: 'S' },
        { name: 'Carola Nilsson', party: 'S' },
      ],
    });
    api = minutesApi(t, w);
  });
  afterAll(() => t.close());

  it('records the AU proposal with its chain and printed heading, and carries it on to KF', async () => {
    const [rosander, , , warnsberg] = w.ksau.members;
    const secretary = await createPerson(t, w.registrarToken, w.organisationId, {
      name: 'Britt Olsson',
      title: 'sekreterare',
    });
    const meeting = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${w.ksau.id}/meetings`)
        .set(w.auth)
        .send({
          meetingDate: '2014-09-01', // stand-in: the copy prints no date
          place: 'Sessionssalen, kommunhuset i Hultsfred',
          chairPersonId: rosander.id,
          secretaryPersonId: secretary.id,
          adjusterPersonIds: [warnsberg.id],
          minutesKeptAt: 'Kommunkansliet',
        }),
    );
    await ok(
      t.http
        .put(`/api/meetings/${meeting.id}/attendance`)
        .set(w.auth)
        .send({ entries: w.ksau.members.map((p) => ({ personId: p.id, role: 'member' })) }),
      200,
    );
    await ok(t.http.post(`/api/meetings/${meeting.id}/hold`).set(w.auth).send({}), 200);
    const p = await ok<PView>(
      api.paragraph(meeting.id, {
        title: 'Ombudgetering 2014',
        caseNumber: 'Dnr 2014/',
        description:
          'Resultatet för 2014 beräknas till tkr efter ombudgetering, vilket är tkr mer än den budget som fastställdes i juni',
        proposesToBodyId: w.ks.id,
        onwardBodyIds: [w.kf.id],
        proposalHeading: printedHeading,
      }),
    );
    const decided = await ok<PView>(api.decide(p.id, clauses));
    expect(decided.outcomeKind).toBe('proposal');
    expect(decided.appeal.appealable).toBe(false);
    expect(decided.decisionHeading).toBe(printedHeading);
    expect(decided.proposesToBody!.name).toBe('Kommunstyrelsen');
    expect(decided.onwardBodies.map((b) => b.name)).toEqual(['Kommunfullmäktige']);
    await signAll(t, w, meeting.id, '2014-09-03T12:00:00Z');
    const html = await api.minutesHtml(meeting.id);
    expect(html).toContain(printedHeading);
    expect(html).toContain('Ombudgetering 2014');
    expect(html).toContain('Sessionssalen, kommunhuset i Hultsfred');
    expect(html).toContain('Lars Rosander (C)');
    expect(html).toContain('Åke Nilsson (KD)');
    for (const c of clauses) expect(html).toContain(c);

    const toKs = await api.proposal(decided.producedProposal!.id);
    expect(toKs.heading).toBe(printedHeading);
    expect(toKs.clauses.map((c) => c.text)).toEqual(clauses);
    expect(toKs.onwardBodies.map((b) => b.name)).toEqual(['Kommunfullmäktige']);

    // KS handles the AU proposal: the chain continues to KF by default.
    const ks = await api.meeting(w.ks, '2014-09-15');
    const ksP = await ok<PView>(
      api.paragraph(ks.id, { title: 'Ombudgetering 2014', proposalIds: [toKs.id] }),
    );
    expect(ksP.decisionHeading).toBe('Kommunstyrelsen föreslår kommunfullmäktige besluta att');
    const ksDone = await ok<PView>(api.decide(ksP.id, clauses));
    expect(ksDone.proposals[0].outcome).toBe('decided_as_proposed');
    const toKf = await api.proposal(ksDone.producedProposal!.id);
    expect(toKf.toBody.name).toBe('Kommunfullmäktige');
    expect(toKf.history.map((h) => h.heading)).toEqual([printedHeading]);
    expect(await api.openAt(w.kf.id)).toEqual([toKf.id]);
  });
});
