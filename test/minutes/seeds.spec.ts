import { createTestApp, TestApp } from '../test-app';
import {
  createHeldMeeting,
  createMinutesWorld,
  MinutesWorld,
  ok,
  signAll,
} from './minutes-helpers';

const CLAUSE_1 =
  'Region Halland ska ingå i ansökan till Effektivitetsdelegationen om medel för två regiongemensamma satsningar för att effektivisera hälso- och sjukvården genom att öka regionernas kompetens och förmåga att införa effektiva AI-lösningar, samt skapa en plattform för att snabbt och effektivt kunna skala och sprida lösningar som visat sig framgångsrika i en region till övriga regioner.';
const CLAUSE_2 =
  'uppdra åt regionkontoret att därjämte och för egen del ansöka om statsbidrag för andra åtgärder att effektivisera hälso- och sjukvården.';
const ARENDET =
  'Regeringen har inrättat en effektivitetsdelegation för hälso- och sjukvården med uppdrag att fördela 250 miljoner kronor per år i statsbidrag till regionerna.';
const BASIS = [
  'Ansökan statsbidrag till regioner för effektivisering av hälso- och sjukvård',
  'Allmän information om Statsbidrag till regioner för effektivisering av hälso- och sjukvård',
];

interface View {
  id: string;
  reference: string;
  number: number;
  outcomeKind: string;
  decisionHeading: string;
  clauses: { position: number; text: string }[];
  proposals: { id: string; outcome: string; heading: string; changes: { change: string }[] }[];
  producedProposal: { id: string; status: string } | null;
  adjustment: { adjusted: boolean; immediate: boolean; adjustedOn: string; late: boolean };
  noticeBoard: {
    postedOn: string;
    appealLastDay: string;
    removedOn: string;
    minutesKeptAt: string;
  } | null;
  appeal: {
    appealable: boolean;
    appealLastDay: string | null;
    legalForce: string;
    finalOn: string | null;
  };
  published: boolean;
}

describe('minutes: seeds 000 and 003 rebuilt through the API', () => {
  let t: TestApp;
  let w: MinutesWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMinutesWorld(t);
  });
  afterAll(() => t.close());

  it('seed 000: the working committee proposes, Regionstyrelsen decides two att-clauses, adjusted and announced', async () => {
    // Arbetsutskottet prepares: its paragraph is a proposal, never a decision.
    const auMeeting = await createHeldMeeting(t, w, w.au, '2025-02-11');
    const auPara = await ok<View>(
      t.http.post(`/api/meetings/${auMeeting.id}/paragraphs`).set(w.auth).send({
        title: 'Ansökan om statsbidrag från Effektivitetsdelegationen',
        caseNumber: 'RS/1234/2025',
        description: ARENDET,
        basisDocuments: BASIS,
      }),
    );
    expect(auPara.outcomeKind).toBe('proposal');
    expect(auPara.appeal.appealable).toBe(false);
    expect(auPara.reference).toBe('RSAU 2025-02-11 § 1');
    const auDecided = await ok<View>(
      t.http
        .post(`/api/paragraphs/${auPara.id}/decision`)
        .set(w.auth)
        .send({ clauses: [CLAUSE_1, CLAUSE_2] }),
    );
    expect(auDecided.decisionHeading).toBe(
      'Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta att',
    );
    expect(auDecided.producedProposal).toMatchObject({ toBodyId: w.rs.id, status: 'open' });
    await signAll(t, w, auMeeting.id, '2025-02-13T10:00:00Z');
    const proposalId = auDecided.producedProposal!.id;

    // Regionstyrelsen decides on the proposal.
    const rsMeeting = await createHeldMeeting(t, w, w.rs, '2025-02-25');
    const rsPara = await ok<View>(
      t.http
        .post(`/api/meetings/${rsMeeting.id}/paragraphs`)
        .set(w.auth)
        .send({
          title: 'Regiongemensam ansökan om statsbidrag från Effektivitetsdelegationen',
          caseNumber: 'RS/1234/2025',
          description: ARENDET,
          basisDocuments: BASIS,
          proposalIds: [proposalId],
        }),
    );
    expect(rsPara.outcomeKind).toBe('decision');
    expect(rsPara.reference).toBe('RS 2025-02-25 § 1');
    const decided = await ok<View>(
      t.http
        .post(`/api/paragraphs/${rsPara.id}/decision`)
        .set(w.auth)
        .send({ clauses: [CLAUSE_1, CLAUSE_2] }),
    );
    expect(decided.clauses.map((c) => c.text)).toEqual([CLAUSE_1, CLAUSE_2]);
    expect(decided.proposals[0].outcome).toBe('decided_as_proposed');
    expect(decided.proposals[0].changes.every((c) => c.change === 'unchanged')).toBe(true);

    // The organisation sees the draft handling; the public does not until RS adjusts it.
    const proposal = await ok<{
      status: string;
      handlings: { reference: string; outcome: string }[];
    }>(t.http.get(`/api/proposals/${proposalId}`).set(w.auth), 200);
    expect(proposal.status).toBe('decided_as_proposed');
    expect(proposal.handlings).toEqual([
      expect.objectContaining({ reference: 'RS 2025-02-25 § 1', outcome: 'decided_as_proposed' }),
    ]);
    const publicDraft = await ok<{ status: string; handlings: unknown[] }>(
      t.http.get(`/api/proposals/${proposalId}`),
      200,
    );
    expect(publicDraft).toMatchObject({ status: 'open', handlings: [] });

    // Not published before adjustment.
    await t.http.get(`/api/paragraphs/${rsPara.id}`).expect(404);
    await signAll(t, w, rsMeeting.id, '2025-02-27T14:00:00Z');
    await ok(
      t.http
        .post(`/api/meetings/${rsMeeting.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2025-02-28' }),
    );

    const view = await ok<View>(t.http.get(`/api/paragraphs/${rsPara.id}`), 200);
    expect(view.published).toBe(true);
    expect(view.adjustment).toMatchObject({
      adjusted: true,
      immediate: false,
      adjustedOn: '2025-02-27',
      late: false,
    });
    // Posted Fri 2025-02-28: three weeks end on Fri 2025-03-21.
    expect(view.noticeBoard).toMatchObject({
      postedOn: '2025-02-28',
      appealLastDay: '2025-03-21',
      removedOn: '2025-03-22',
      minutesKeptAt: 'Registraturen',
    });
    expect(view.appeal).toMatchObject({ legalForce: 'final', finalOn: '2025-03-22' });

    const html = (await t.http.get(`/api/meetings/${rsMeeting.id}/minutes.html`).expect(200)).text;
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Regionstyrelsen');
    expect(html).toContain('25 februari 2025');
    expect(html).toContain('Regionens hus, sammanträdesrum Storsjön, kl. 09:00–12:00');
    expect(html).toContain(
      '§ 1 Regiongemensam ansökan om statsbidrag från Effektivitetsdelegationen',
    );
    expect(html).toContain('<h3>Ärendet</h3>');
    expect(html).toContain('<h3>Beslutsunderlag</h3>');
    for (const doc of BASIS) expect(html).toContain(`<li>${doc}</li>`);
    expect(html).toContain(
      'Regionstyrelsens arbetsutskott föreslår regionstyrelsen besluta att (RSAU 2025-02-11 § 1)',
    );
    expect(html).toContain('<p>Regionstyrelsen beslutar att</p>');
    expect(html).toContain(`<li>${CLAUSE_1}</li>`);
    expect(html).toContain(`<li>${CLAUSE_2}</li>`);
    expect(html).toContain('Paragrafen är justerad 27 februari 2025.');
    expect(html).toContain('Anslagsbevis');
    expect(html).toContain('<tr><th>Sista dag för överklagande</th><td>21 mars 2025</td></tr>');
    expect(html).toContain(
      '<tr><th>Förvaringsplats för protokollet</th><td>Registraturen</td></tr>',
    );
    expect(html).toContain(`${w.rs.members[0].name} (S)`);
  });

  it('seed 003: the officer proposes "Initiativärendet anses besvarad", decided and immediately adjusted', async () => {
    const proposal = await ok<{ id: string; heading: string; status: string }>(
      t.http
        .post('/api/proposals')
        .set(w.auth)
        .send({
          toBodyId: w.rs.id,
          officerName: 'Sara Lewerentz',
          officerTitle: 'Regiondirektör',
          title:
            'Svar på initiativärende från Robert Hamberg (M) om att nyttja effektivitetsdelegationen',
          caseNumber: 'RS/567/2024',
          description:
            'Mot bakgrund av det föreslår förvaltningen att initiativärendet ska anses besvarad.',
          clauses: ['Initiativärendet anses besvarad.'],
        }),
    );
    expect(proposal.heading).toBe('Regiondirektörens förslag');
    expect(proposal.status).toBe('open');

    const meeting = await createHeldMeeting(t, w, w.rs, '2024-10-01');
    const para = await ok<View>(
      t.http
        .post(`/api/meetings/${meeting.id}/paragraphs`)
        .set(w.auth)
        .send({
          title:
            'Svar på initiativärende från Robert Hamberg (M) om att nyttja effektivitetsdelegationen',
          caseNumber: 'RS/567/2024',
          description: 'Robert Hamberg (M) lämnade in ett initiativärende den 26 mars 2024.',
          proposalIds: [proposal.id],
        }),
    );
    expect(para.reference).toBe('RS 2024-10-01 § 1'); // numbering restarts per year
    await ok(
      t.http
        .post(`/api/paragraphs/${para.id}/decision`)
        .set(w.auth)
        .send({ clauses: ['Initiativärendet anses besvarad.'] }),
    );
    const adjusted = await ok<View>(
      t.http
        .post(`/api/paragraphs/${para.id}/immediate-adjustment`)
        .set(w.auth)
        .send({ adjustedAt: '2024-10-01T11:30:00+02:00' }),
    );
    expect(adjusted.adjustment).toMatchObject({
      adjusted: true,
      immediate: true,
      adjustedOn: '2024-10-01',
    });
    const announced = await ok<View>(
      t.http
        .post(`/api/paragraphs/${para.id}/announcement`)
        .set(w.auth)
        .send({ postedOn: '2024-10-02', minutesKeptAt: 'Regionens hus, Östersund' }),
    );
    expect(announced.noticeBoard).toMatchObject({
      postedOn: '2024-10-02',
      appealLastDay: '2024-10-23',
    });
    expect(announced.proposals[0]).toMatchObject({
      outcome: 'decided_as_proposed',
      heading: 'Regiondirektörens förslag',
    });

    const html = (await t.http.get(`/api/meetings/${meeting.id}/minutes.html`).expect(200)).text;
    expect(html).toContain('<h3>Regiondirektörens förslag</h3>');
    expect(html).toContain('<li>Initiativärendet anses besvarad.</li>');
    expect(html).toContain('Paragrafen är omedelbart justerad 1 oktober 2024.');
    expect(html).toContain('Regionens hus, Östersund');
    // Escaped user text: the party in the title stays text.
    expect(html).toContain('Robert Hamberg (M)');
  });
});
