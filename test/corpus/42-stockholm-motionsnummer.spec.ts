import { createPerson } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { municipalityWithCouncil, post } from './motion-corpus-helpers';

/**
 * Corpus 42: Stockholms stad, kommunfullmäktige 2002-04-08. Motions printed as "Nr 2001:25 av
 * Annett Öhman Karlsson (s) om tillgång till bollplaner … RVII": the council's own number
 * (year:number), the signatory with a lower-case party code, and a rotel. The number gives the
 * year raised (2001), not the day.
 */
describe('corpus 42: Stockholm KF 2002-04-08, motion numbers', () => {
  let t: TestApp;
  let w: { token: string; organisationId: string; councilId: string };
  const printed = [
    [
      'Nr 2001:25',
      'Annett Öhman Karlsson',
      'om tillgång till bollplaner för barnen i stadens närområden',
    ],
    ['Nr 2001:30', 'Leif Rönngren', 'om den akuta situationen för om-sorgen om funktionshindrade'],
    ['Nr 2001:31', 'Malte Sigemalm', 'om Stockholms framtida hamn-verksamhet'],
  ] as const;

  beforeAll(async () => {
    t = await createTestApp();
    w = await municipalityWithCouncil(t, 'Stockholms stad');
    for (const [number, name, title] of printed) {
      const person = await createPerson(t, w.token, w.organisationId, { name, party: 's' });
      await post(t, w.token, '/api/motions', {
        bodyId: w.councilId,
        kind: 'motion',
        printedNumber: number,
        title,
        signatoryIds: [person.id],
        raisedOn: '2001',
        transcribed: true,
      });
    }
  });
  afterAll(() => t.close());

  it('prints number, signatory and party as written, with the year raised', async () => {
    const list = await t.http
      .get('/api/motions')
      .query({ organisationId: w.organisationId })
      .expect(200);
    const items = list.body.items as Record<string, any>[];
    expect(
      items
        .map(
          (m) =>
            `${m.printedNumber} av ${m.signatories[0].name} (${m.signatories[0].party}) ${m.title}`,
        )
        .sort(),
    ).toEqual(printed.map(([n, name, title]) => `${n} av ${name} (s) ${title}`));
    expect(items[0]).toMatchObject({
      raisedDate: { value: '2001', precision: 'year', text: '2001' },
      decisionDueRange: { earliest: '2002-01-01', latest: '2002-12-31' },
    });
  });

  it('on the meeting day they may be over a year old: listed, flagged "datum osäkert"', async () => {
    const due = await t.http
      .get('/api/motions/due')
      .query({ organisationId: w.organisationId, on: '2002-04-08' })
      .expect(200);
    expect(due.body.overdue).toHaveLength(3);
    expect(due.body.overdue[0]).toMatchObject({
      overdueCertain: false,
      dateNote: 'datum osäkert',
      daysOverdue: null,
      daysOverdueAtMost: 97,
    });
  });
});
