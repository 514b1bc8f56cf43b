import { createTestApp, TestApp } from '../test-app';
import { corpusWorld, CorpusWorld, coverRow, minutesHtml, ok } from './meeting-corpus-helpers';

/**
 * Corpus 10, Kulturnämnden 2007-12-03, §§ 62–70: "Eva Liljeros (ö) frånvarande § 65",
 * "Veronica Cornils Berg (c) frånvarande § 66", "Georg Gustafsson … (s) fr o m § 63",
 * "Tjänstgörande ersättare Anders Johansson (c) § 66, Christer Berglund (s) § 62, Brita
 * Cronvall (ö) § 65", "Ersättare Kerstin Balck-Ahlén (m) frånvarande § 65". For whom each
 * substitute served is not printed, so it is not recorded.
 */
describe('corpus 10: Kulturnämnden 2007-12-03, attendance per paragraph', () => {
  let t: TestApp;
  let w: CorpusWorld;
  let meetingId: string;
  const members: [string, string, 'chair' | 'vice_chair' | 'member', object | null][] = [
    ['Frida Tamker', 'm', 'vice_chair', null],
    ['Ingeborg Klose Åkesson', 'mp', 'member', null],
    ['Monica Wallenius', 'm', 'member', null],
    ['Eva Liljeros', 'ö', 'member', { scope: 'except', numbers: [65] }],
    ['Åke Liedberg', 'm', 'member', null],
    ['Malin Bodolla', 'm', 'member', null],
    ['Lennart Ljungblom', 'fp', 'chair', null],
    ['Veronica Cornils Berg', 'c', 'member', { scope: 'except', numbers: [66] }],
    ['Sivert Åkerljung', 'kd', 'member', null],
    ['Georg Gustafsson', 's', 'vice_chair', { scope: 'from', numbers: [63] }],
    ['Roger Axelsson', 's', 'member', null],
  ];
  const serving: [string, string, number][] = [
    ['Anders Johansson', 'c', 66],
    ['Christer Berglund', 's', 62],
    ['Brita Cronvall', 'ö', 65],
  ];
  const notServing: [string, string, object | null][] = [
    ['Kerstin Balck-Ahlén', 'm', { scope: 'except', numbers: [65] }],
    ['Ove Persson', 'kd', null],
    ['Ulla-Britt Lundgren', 'm', null],
    ['Gunnel Hackman', 'mp', null],
    ['Ingela Söderbaum', 'fp', null],
    ['Birgitta Dahl', 'fp', null],
  ];

  beforeAll(async () => {
    t = await createTestApp();
    w = await corpusWorld(
      t,
      { name: 'Kulturnämnden', shortName: 'KN', kind: 'committee' },
      [
        ...members.map(([name, party, seat]) => ({ name, party, seat })),
        ...[...serving, ...notServing].map(([name, party]) => ({
          name,
          party,
          seat: 'substitute' as const,
        })),
        { name: 'Elisabet Lunde' },
        { name: 'Ulla Sällström' },
      ],
      '2007-01-01',
    );
    meetingId = (
      await ok<{ id: string }>(
        t.http
          .post(`/api/bodies/${w.bodyId}/meetings`)
          .set(w.auth)
          .send({
            meetingDate: '2007-12-03',
            chairPersonId: w.id('Lennart Ljungblom'),
            secretaryPersonId: w.id('Ulla Sällström'),
            adjusterPersonIds: [w.id('Roger Axelsson')],
            adjustmentPlace: 'Kommunexpeditionen',
            adjustmentDate: '2007-12-10',
          }),
      )
    ).id;
    await ok(
      t.http
        .put(`/api/meetings/${meetingId}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            ...members.map(([name, , , paragraphs]) => ({
              personId: w.id(name),
              role: 'member',
              ...(paragraphs ? { paragraphs } : {}),
            })),
            ...serving.map(([name, , n]) => ({
              personId: w.id(name),
              role: 'substitute',
              paragraphs: { scope: 'only', numbers: [n] },
            })),
            ...notServing.map(([name, , paragraphs]) => ({
              personId: w.id(name),
              role: 'substitute',
              ...(paragraphs ? { paragraphs } : {}),
            })),
            { personId: w.id('Elisabet Lunde'), role: 'other', note: 'Nämndansvarig' },
            { personId: w.id('Ulla Sällström'), role: 'other', note: 'Nämndsekreterare' },
          ],
        }),
      200,
    );
  });
  afterAll(() => t?.close());

  it('prints each member and substitute with the paragraphs as registrars write them', async () => {
    const decided = coverRow(await minutesHtml(t, w, meetingId), 'Beslutande').split('\n');
    expect(decided).toHaveLength(members.length + serving.length + notServing.length);
    expect(decided).toEqual(
      expect.arrayContaining([
        'Eva Liljeros (ö) ej § 65',
        'Veronica Cornils Berg (c) ej § 66',
        'Georg Gustafsson (s) fr o m § 63',
        'Roger Axelsson (s)',
        'Anders Johansson (c) (ersättare) § 66',
        'Christer Berglund (s) (ersättare) § 62',
        'Brita Cronvall (ö) (ersättare) § 65',
        'Kerstin Balck-Ahlén (m) (ersättare) ej § 65',
        'Birgitta Dahl (fp) (ersättare)',
      ]),
    );
  });

  it('keeps the ranges as structured data for the API', async () => {
    const view = await ok<{
      attendance: { person: { name: string }; paragraphs: unknown; servingFor: unknown }[];
    }>(t.http.get(`/api/meetings/${meetingId}`).set(w.auth), 200);
    const of = (name: string) => view.attendance.find((e) => e.person.name === name);
    expect(of('Georg Gustafsson')).toMatchObject({ paragraphs: { scope: 'from', numbers: [63] } });
    expect(of('Christer Berglund')).toMatchObject({
      paragraphs: { scope: 'only', numbers: [62] },
      servingFor: null,
    });
    expect(of('Roger Axelsson')).toMatchObject({ paragraphs: null });
  });
});
