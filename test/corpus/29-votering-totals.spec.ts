import { createTestApp, TestApp } from '../test-app';
import {
  minutesHtml,
  ok,
  transcribedMeeting,
  transcribedWorld,
  TranscribedWorld,
} from './transcribed-helpers';

/**
 * Corpus 29: Region Västerbottens arbetsutskott 2016-10-20: "Efter votering (5-2) beslutades
 * dock att projektet beviljas finansiering efter liggande förslag." Totals only: 5 for, 2
 * against, abstentions not printed, no names.
 */
describe('corpus 29: Region Västerbotten AU 2016-10-20, votering (5-2)', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    // The AU decided under delegation (the delegation part of issue 10); here it is entered
    // as a deciding body so that the printed vote can be recorded on a decision.
    w = await transcribedWorld(
      t,
      { name: 'Arbetsutskottet', shortName: 'AU', kind: 'committee' },
      [],
    );
  });
  afterAll(() => t.close());

  it('records the vote as printed totals without ballots and prints 5 ja, 2 nej', async () => {
    const meeting = await transcribedMeeting(t, w, { meetingDate: '2016-10-20' });
    const p = await ok<{ id: string }>(
      t.http
        .post(`/api/meetings/${meeting.id}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Regional utveckling i norra Sverige 2019+' }),
    );
    const view = await ok<Record<string, any>>(
      t.http
        .post(`/api/paragraphs/${p.id}/printed-votes`)
        .set(w.auth)
        .send({
          question: 'Bifall till liggande förslag mot avslag',
          yesMeans: 'liggande förslag',
          totals: { yes: 5, no: 2 },
          result: 'yes',
        }),
    );
    expect(view.votes).toEqual([
      expect.objectContaining({
        recordedAs: 'printed_totals',
        yes: 5,
        no: 2,
        abstain: null,
        result: 'yes',
        ballots: [],
      }),
    ]);
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({
          clauses: [
            'Region Västerbotten beviljas 2 693 173 kr från det regionala tillväxtanslaget och 2 243 173 kr från egna projektmedel för projektet ”Regional utveckling i norra Sverige 2019+”',
          ],
        }),
    );
    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain(
      'Resultat: 5 ja, 2 nej. Röstsiffror enligt tryckt protokoll, utan namn (överfört).',
    );
  });

  it('refuses totals that contradict the printed result', async () => {
    const meeting = await transcribedMeeting(t, w, { meetingDate: '2016-10-21' });
    const p = await ok<{ id: string }>(
      t.http.post(`/api/meetings/${meeting.id}/paragraphs`).set(w.auth).send({ title: 'X' }),
    );
    const res = await t.http
      .post(`/api/paragraphs/${p.id}/printed-votes`)
      .set(w.auth)
      .send({ question: 'Q', totals: { yes: 5, no: 2 }, result: 'no' });
    expect(res.status).toBe(422);
  });
});
