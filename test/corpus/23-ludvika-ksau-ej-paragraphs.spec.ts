import { createTestApp, TestApp } from '../test-app';
import { corpusWorld, CorpusWorld, coverRow, minutesHtml, ok } from './meeting-corpus-helpers';

/**
 * Corpus 23, Ludvika kommun, KSAU 2012-03-20, kl. 13.25–15.45, §§ 28–45: "Sören Finnström (S)
 * ej 29, 32", "Jan Willner (C) ej 32", "Britt Marinder (S) tjänstgörande ersättare".
 */
describe('corpus 23: Ludvika KSAU 2012-03-20, "ej 29, 32"', () => {
  let t: TestApp;
  let w: CorpusWorld;
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await corpusWorld(
      t,
      { name: 'Kommunstyrelsens arbetsutskott', shortName: 'KSAU', kind: 'working_committee' },
      [
        { name: 'Ivan Eriksson', party: 'S', seat: 'chair' },
        { name: 'HåGe Persson', party: 'M', seat: 'member' },
        { name: 'Sören Finnström', party: 'S', seat: 'member' },
        { name: 'Jan Willner', party: 'C', seat: 'member' },
        { name: 'Sten G Johansson', party: 'V', seat: 'member' },
        { name: 'Lotta Wedman', party: 'MP', seat: 'member' },
        { name: 'Britt Marinder', party: 'S', seat: 'substitute' },
        { name: 'Jan Lindström' },
        { name: 'Rune Wikström' },
        { name: 'Jan-Erik Eriksson' },
        { name: 'Marianne Gidlund' },
      ],
      '2012-01-01',
    );
    meetingId = (
      await ok<{ id: string }>(
        t.http
          .post(`/api/bodies/${w.bodyId}/meetings`)
          .set(w.auth)
          .send({
            meetingDate: '2012-03-20',
            startTime: '13:25',
            endTime: '15:45',
            place: 'Stadshuset, sessionssalen, Ludvika',
            chairPersonId: w.id('Ivan Eriksson'),
            secretaryPersonId: w.id('Marianne Gidlund'),
            adjusterPersonIds: [w.id('HåGe Persson')],
            minutesKeptAt: 'kanslienheten',
          }),
      )
    ).id;
    const member = (name: string, except?: number[]) => ({
      personId: w.id(name),
      role: 'member',
      ...(except ? { paragraphs: { scope: 'except', numbers: except } } : {}),
    });
    await ok(
      t.http
        .put(`/api/meetings/${meetingId}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            member('Ivan Eriksson'),
            member('HåGe Persson'),
            member('Sören Finnström', [32, 29]),
            member('Jan Willner', [32]),
            member('Sten G Johansson'),
            member('Lotta Wedman'),
            { personId: w.id('Britt Marinder'), role: 'substitute' },
            { personId: w.id('Jan Lindström'), role: 'other', note: 'förvaltningschef' },
            { personId: w.id('Rune Wikström'), role: 'other', note: 'ekonomichef' },
            { personId: w.id('Jan-Erik Eriksson'), role: 'other', note: 'planeringschef' },
            { personId: w.id('Marianne Gidlund'), role: 'other', note: 'kommunsekreterare' },
          ],
        }),
      200,
    );
  });
  afterAll(() => t?.close());

  it('prints "ej § 29, 32" and "ej § 32"', async () => {
    const html = await minutesHtml(t, w, meetingId);
    const decided = coverRow(html, 'Beslutande').split('\n');
    expect(decided).toHaveLength(7);
    expect(decided).toContain('Sören Finnström (S) ej § 29, 32');
    expect(decided).toContain('Jan Willner (C) ej § 32');
    expect(decided).toContain('Britt Marinder (S) (ersättare)');
    expect(coverRow(html, 'Plats och tid')).toBe(
      'Stadshuset, sessionssalen, Ludvika, kl. 13:25–15:45',
    );
    expect(coverRow(html, 'Övriga närvarande').split('\n')).toHaveLength(4);
  });
});
