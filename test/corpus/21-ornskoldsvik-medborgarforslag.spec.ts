import { createPerson } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { municipalityWithCouncil, post } from './motion-corpus-helpers';

/**
 * Corpus 21: Örnsköldsviks kommun, "Information från kommunstyrelsen", meeting "10 april" (year
 * not printed). Two motions and a medborgarförslag before the council: "Stimulera företagande"
 * by Dan Olsson and Anna-Lena Holmström (båda C); Richard Asplund's medborgarförslag on a
 * fritids- och aktivitetslokal; Jarl Strömbäck (SPI) on interpellation answers. No raising date
 * is printed, so none is stored and the one-year rule says nothing.
 */
describe('corpus 21: Örnsköldsvik, motions and a named medborgarförslag without year', () => {
  let t: TestApp;
  let w: { token: string; organisationId: string; councilId: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await municipalityWithCouncil(t, 'Örnsköldsviks kommun');
    await post(t, w.token, `/api/bodies/${w.councilId}/proposal-settings`, {
      kind: 'citizen_proposal',
    });
    const person = (name: string, party: string) =>
      createPerson(t, w.token, w.organisationId, { name, party });
    const olsson = await person('Dan Olsson', 'C');
    const holmstrom = await person('Anna-Lena Holmström', 'C');
    const strombeck = await person('Jarl Strömbäck', 'SPI');
    const base = { bodyId: w.councilId, raisedOnUnknown: true, transcribed: true };
    ids.stimulera = (
      await post(t, w.token, '/api/motions', {
        ...base,
        kind: 'motion',
        title: 'Stimulera företagande',
        signatoryIds: [olsson.id, holmstrom.id],
      })
    ).id;
    ids.asplund = (
      await post(t, w.token, '/api/motions', {
        ...base,
        kind: 'citizen_proposal',
        title: 'Kombinerad fritids- och aktivitetslokal',
        citizenName: 'Richard Asplund',
      })
    ).id;
    ids.interpellation = (
      await post(t, w.token, '/api/motions', {
        ...base,
        kind: 'motion',
        title: 'Tidigare utskick av interpellationssvar',
        signatoryIds: [strombeck.id],
      })
    ).id;
  });
  afterAll(() => t.close());

  it('holds the proposers as printed and no date', async () => {
    const list = await t.http
      .get('/api/motions')
      .query({ organisationId: w.organisationId })
      .expect(200);
    const byId = new Map(list.body.items.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(ids.stimulera)).toMatchObject({
      signatories: [
        { name: 'Dan Olsson', party: 'C' },
        { name: 'Anna-Lena Holmström', party: 'C' },
      ],
      raisedDate: { value: null, text: 'datum okänt' },
      decisionDue: null,
    });
    expect(byId.get(ids.asplund)).toMatchObject({
      kind: 'citizen_proposal',
      citizenName: 'Richard Asplund',
      proposer: 'Richard Asplund',
      raisedDate: { precision: 'unknown' },
    });
    expect(byId.get(ids.interpellation)).toMatchObject({
      signatories: [{ name: 'Jarl Strömbäck', party: 'SPI' }],
    });
  });

  it('lists them as open with the date not known, never as overdue', async () => {
    const due = await t.http
      .get('/api/motions/due')
      .query({ organisationId: w.organisationId, on: '2030-01-01' })
      .expect(200);
    expect(due.body.overdue).toEqual([]);
    expect(due.body.unknownDate).toHaveLength(3);
    const report = await t.http
      .get('/api/motions/report')
      .query({ organisationId: w.organisationId, cutoff: '2030-01-01' })
      .expect(200);
    expect(report.text).toContain('Väckningsdatum okänt (3)');
    expect(report.text).toContain(
      '<td>Medborgarförslag</td><td>Kombinerad fritids- och aktivitetslokal</td><td>–</td><td>Richard Asplund</td>',
    );
    expect(report.text).toContain('Dan Olsson (C), Anna-Lena Holmström (C)');
    const stats = await t.http
      .get('/api/motions/statistics')
      .query({ organisationId: w.organisationId, on: '2030-01-01' })
      .expect(200);
    expect(stats.body).toEqual([
      expect.objectContaining({ year: null, raised: 3, cohort: 0, shareDecidedWithinYear: null }),
    ]);
  });
});
