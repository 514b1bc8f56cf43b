import { createTestApp, TestApp } from '../test-app';
import { municipalityWithCouncil, post } from './motion-corpus-helpers';

/**
 * Corpus 43: Härnösands kommun, "Motioner till kommunfullmäktige", term 2022–2026, motions
 * presented per party: "Motion (L) Förbättra företagsklimatet", "Motion (M) Avskaffa delade
 * turer-ta steget mot att bli den bästa arbetsgivaren". No signatory names and no dates are
 * printed; the list of unanswered motions is in a PDF not retrieved.
 */
describe('corpus 43: Härnösand, motions per party', () => {
  let t: TestApp;
  let w: { token: string; organisationId: string; councilId: string };

  beforeAll(async () => {
    t = await createTestApp();
    w = await municipalityWithCouncil(t, 'Härnösands kommun');
    for (const [party, title] of [
      ['L', 'Förbättra företagsklimatet'],
      ['M', 'Avskaffa delade turer-ta steget mot att bli den bästa arbetsgivaren'],
    ]) {
      await post(t, w.token, '/api/motions', {
        bodyId: w.councilId,
        kind: 'motion',
        title,
        proposerParty: party,
        raisedOnUnknown: true,
        transcribed: true,
      });
    }
  });
  afterAll(() => t.close());

  it('lists the motions of each party as "Motion (party) title"', async () => {
    for (const [party, title] of [
      ['L', 'Förbättra företagsklimatet'],
      ['M', 'Avskaffa delade turer-ta steget mot att bli den bästa arbetsgivaren'],
      ['KD', null],
    ]) {
      const res = await t.http
        .get('/api/motions')
        .query({ organisationId: w.organisationId, party })
        .expect(200);
      expect(
        res.body.items.map(
          (m: { proposer: string; title: string }) => `Motion ${m.proposer} ${m.title}`,
        ),
      ).toEqual(title ? [`Motion (${party}) ${title}`] : []);
    }
  });

  it('reports them as unanswered with the date not known', async () => {
    const report = await t.http
      .get('/api/motions/report')
      .query({ organisationId: w.organisationId, cutoff: '2023-12-31' })
      .expect(200);
    expect(report.text).toContain('Antal ej avgjorda ärenden: 2.');
    expect(report.text).toContain(
      '<td>Motion</td><td>Förbättra företagsklimatet</td><td>–</td><td>(L)</td>',
    );
    expect(report.text).toContain('Väckningsdatum okänt (2)');
  });
});
