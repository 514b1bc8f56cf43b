import { createTestApp, TestApp } from '../test-app';
import { corpusWorld, CorpusWorld, coverRow, minutesHtml, ok } from './meeting-corpus-helpers';

/**
 * Corpus 13, Medelpads räddningstjänstförbund, Direktionen 2024-05-31 (§§ 33–48):
 * "Pirjo Jonsson, vice ordförande (S) §33-37", "Niclas Burvall (S) tjänstgörande",
 * "Roger Öberg (S) tjänstgörande §38-48". Whom they served for is not printed.
 */
describe('corpus 13: Direktionen 2024-05-31, "§33-37" and "tjänstgörande §38-48"', () => {
  let t: TestApp;
  let w: CorpusWorld;
  let meetingId: string;
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

  beforeAll(async () => {
    t = await createTestApp();
    const members: [string, string, 'chair' | 'vice_chair' | 'member'][] = [
      ['Åsa Ulander', 'S', 'chair'],
      ['Stefan Broman', 'S', 'member'],
      ['Carin Staf', 'C', 'member'],
      ['Jan-Erik Iversen', 'M', 'member'],
      ['Pirjo Jonsson', 'S', 'vice_chair'],
      ['Björn Könberg', 'S', 'member'],
      ['Björn Hellquist', 'T', 'member'],
      ['Linda Mattsson', 'VF', 'member'],
    ];
    const subs: [string, string][] = [
      ['Niclas Burvall', 'S'],
      ['Klara Hedin', 'v'],
      ['Anna Edin', 'C'],
      ['Bertil Sidh', 'SD'],
      ['Roger Öberg', 'S'],
    ];
    w = await corpusWorld(
      t,
      { name: 'Direktionen', shortName: 'DIR', kind: 'board' },
      [
        ...members.map(([name, party, seat]) => ({ name, party, seat })),
        ...subs.map(([name, party]) => ({ name, party, seat: 'substitute' as const })),
        { name: 'Catarina Andersson' },
      ],
      '2024-01-01',
    );
    meetingId = (
      await ok<{ id: string }>(
        t.http
          .post(`/api/bodies/${w.bodyId}/meetings`)
          .set(w.auth)
          .send({
            meetingDate: '2024-05-31',
            chairPersonId: w.id('Åsa Ulander'),
            secretaryPersonId: w.id('Catarina Andersson'),
            adjusterPersonIds: [w.id('Linda Mattsson')],
          }),
      )
    ).id;
    await ok(
      t.http
        .put(`/api/meetings/${meetingId}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            ...members.map(([name]) => ({
              personId: w.id(name),
              role: 'member',
              ...(name === 'Pirjo Jonsson'
                ? { paragraphs: { scope: 'only', numbers: range(33, 37) } }
                : {}),
            })),
            ...subs.map(([name]) => ({
              personId: w.id(name),
              role: 'substitute',
              ...(name === 'Roger Öberg'
                ? { paragraphs: { scope: 'only', numbers: range(38, 48) } }
                : {}),
            })),
            { personId: w.id('Catarina Andersson'), role: 'other', note: 'administratör' },
          ],
        }),
      200,
    );
  });
  afterAll(() => t?.close());

  it('prints "§§ 33–37" and "§§ 38–48" beside the names', async () => {
    const decided = coverRow(await minutesHtml(t, w, meetingId), 'Beslutande').split('\n');
    expect(decided).toHaveLength(13);
    expect(decided).toContain('Pirjo Jonsson (S) §§ 33–37');
    expect(decided).toContain('Roger Öberg (S) (ersättare) §§ 38–48');
    expect(decided).toContain('Niclas Burvall (S) (ersättare)');
    expect(decided).toContain('Åsa Ulander (S)');
  });

  it('refuses a range written the wrong way (two numbers for "fr o m")', async () => {
    const res = await t.http
      .put(`/api/meetings/${meetingId}/attendance`)
      .set(w.auth)
      .send({
        entries: [
          {
            personId: w.id('Pirjo Jonsson'),
            role: 'member',
            paragraphs: { scope: 'from', numbers: [33, 37] },
          },
        ],
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('paragraphs');
  });
});
