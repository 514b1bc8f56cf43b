import { createTestApp, TestApp } from '../test-app';
import { corpusWorld, CorpusWorld, coverRow, minutesHtml, ok } from './meeting-corpus-helpers';

/**
 * Corpus 35, Samhällsnämnden 2021-01-28, §§ 1–11: "Närvarande via Skype" over the members,
 * "Per Lingensjö (MP) § 1" among the substitutes; chair Knapp Britta Thyr, justerare
 * Christian Wasell, secretary Emma Pettersson.
 */
describe('corpus 35: Samhällsnämnden 2021-01-28, present via Skype', () => {
  let t: TestApp;
  let w: CorpusWorld;
  let meetingId: string;
  const members: [string, string, 'chair' | 'vice_chair' | 'member'][] = [
    ['Knapp Britta Thyr', 'MP', 'chair'],
    ['Magnus Oskarsson', 'S', 'vice_chair'],
    ['Christian Wasell', 'M', 'vice_chair'],
    ['Anne-Cathrine Genberg', 'S', 'member'],
    ['Linda Saltin', 'S', 'member'],
    ['Anders Bergqvist', 'V', 'member'],
    ['Lisa Dahlén', 'MP', 'member'],
    ['Anders Nordström', 'KD', 'member'],
    ['Per-Eric Norberg', 'C', 'member'],
    ['Charlotte Bystedt', 'SD', 'member'],
    ['Fredrik Bäckman', 'M', 'member'],
  ];

  beforeAll(async () => {
    t = await createTestApp();
    w = await corpusWorld(
      t,
      { name: 'Samhällsnämnden', shortName: 'SN', kind: 'committee' },
      [
        ...members.map(([name, party, seat]) => ({ name, party, seat })),
        { name: 'Per Lingensjö', party: 'MP', seat: 'substitute' },
        { name: 'Emma Pettersson' },
      ],
      '2019-01-01',
    );
    meetingId = (
      await ok<{ id: string }>(
        t.http
          .post(`/api/bodies/${w.bodyId}/meetings`)
          .set(w.auth)
          .send({
            meetingDate: '2021-01-28',
            chairPersonId: w.id('Knapp Britta Thyr'),
            secretaryPersonId: w.id('Emma Pettersson'),
            adjusterPersonIds: [w.id('Christian Wasell')],
            adjustmentPlace: 'Samhällsförvaltningen',
            adjustmentDate: '2021-01-28',
            minutesKeptAt: 'Samhällsförvaltningen',
            remoteParticipation: 'Närvarande via Skype',
          }),
      )
    ).id;
    await ok(
      t.http
        .put(`/api/meetings/${meetingId}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            ...members.map(([name]) => ({ personId: w.id(name), role: 'member' })),
            {
              personId: w.id('Per Lingensjö'),
              role: 'substitute',
              paragraphs: { scope: 'only', numbers: [1] },
            },
            { personId: w.id('Emma Pettersson'), role: 'other', note: 'nämndsekreterare' },
          ],
        }),
      200,
    );
  });
  afterAll(() => t?.close());

  it('prints the participation at a distance and "§ 1" on the cover', async () => {
    const html = await minutesHtml(t, w, meetingId);
    expect(coverRow(html, 'Deltagande på distans')).toBe('Närvarande via Skype');
    const decided = coverRow(html, 'Beslutande').split('\n');
    expect(decided).toHaveLength(12);
    expect(decided).toContain('Per Lingensjö (MP) (ersättare) § 1');
    expect(coverRow(html, 'Ordförande')).toBe('Knapp Britta Thyr (MP)');
    expect(coverRow(html, 'Justerare')).toBe('Christian Wasell (M)');
  });
});
