import { createTestApp, TestApp } from '../test-app';
import { ok, signAll } from '../minutes/minutes-helpers';
import {
  createMunicipality,
  minutesApi,
  MunicipalityWorld,
  PView,
} from '../minutes/proposal-chain-helpers';

/**
 * Corpus 21: Örnsköldsviks kommun, "Information från kommunstyrelsen", 10 april (year not
 * printed). KS proposes (to KF) that kommunledningsförvaltningen gets a task (motion "Stimulera
 * företagande", Dan Olsson and Anna-Lena Holmström, both C) and that kultur- och fritidsnämnden
 * investigates an activity hall (medborgarförslag by Richard Asplund). Headings as printed.
 *
 * Not held: the year (partial dates: transcribed part; the date below is a stand-in and is not
 * asserted), the link to the motion and the citizen proposal themselves (motions part).
 */
describe('corpus 21: Örnsköldsvik KS 10 april, KS proposes a task', () => {
  let t: TestApp;
  let w: MunicipalityWorld;
  let api: ReturnType<typeof minutesApi>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createMunicipality(t);
    api = minutesApi(t, w);
  });
  afterAll(() => t.close());

  it('prints "Kommunstyrelsen föreslår att …" as written and proposes to KF', async () => {
    const ks = await api.meeting(w.ks, '2013-04-10'); // stand-in year
    const task = await ok<PView>(
      api.paragraph(ks.id, {
        title: 'Stimulera kommunanställda starta eget',
        description:
          'Bakgrund till de föreslagna åtgärderna är en motion Stimulera företagande från Dan Olsson och Anna-Lena Holmström (båda C).',
        outcomeKind: 'proposal',
        proposalHeading: 'Kommunstyrelsen föreslår',
      }),
    );
    expect(task.outcomeKind).toBe('proposal');
    expect(task.proposesToBody!.name).toBe('Kommunfullmäktige');
    const taskClause =
      'att kommunledningsförvaltningen ska få i uppdrag att genomföra åtgärder som underlättar för kommunens anställda att starta eget vid ett införande av valfrihetssystem inom hemtjänsten (enligt LOV) i Örnsköldsvik';
    const taskDone = await ok<PView>(api.decide(task.id, [taskClause]));
    const hall = await ok<PView>(
      api.paragraph(ks.id, {
        title: 'Förutsättningarna för en aktivitetslokal utreds',
        description:
          'Richard Asplund, Örnsköldsvik, föreslår i ett medborgarförslag att kommunen bygger en kombinerad fritids- och aktivitetslokal.',
        outcomeKind: 'proposal',
        proposalHeading: 'Kommunstyrelsen ställer sig positiv till förslaget och föreslår',
      }),
    );
    const hallClause =
      'att kultur- och fritidsnämnden får i uppdrag att utreda förutsättningarna för att skapa en sådan lokal';
    const hallDone = await ok<PView>(
      api.decide(hall.id, [
        hallClause,
        'att ungdomar ska ges möjlighet att vara delaktiga i utredningen',
      ]),
    );
    await signAll(t, w, ks.id, '2013-04-12T12:00:00Z');
    const html = await api.minutesHtml(ks.id);
    expect(html).toContain('Kommunstyrelsen föreslår');
    expect(html).toContain(taskClause);
    expect(html).toContain('Kommunstyrelsen ställer sig positiv till förslaget och föreslår');
    const toKf = [taskDone.producedProposal!.id, hallDone.producedProposal!.id];
    expect((await api.openAt(w.kf.id)).sort()).toEqual([...toKf].sort());
    expect((await api.proposal(toKf[0])).heading).toBe('Kommunstyrelsen föreslår');
    expect((await api.proposal(toKf[0])).clauses.map((c) => c.text)).toEqual([taskClause]);
  });
});
