import { createTestApp, TestApp } from '../test-app';
import {
  minutesHtml,
  ok,
  transcribedMeeting,
  transcribedWorld,
  TranscribedWorld,
} from './transcribed-helpers';

/**
 * Corpus 08: Trollhättan kommunfullmäktige, "Torsdagen den 19 december" (the year is missing),
 * Stadshuset, Sessionssalen; chair Olov Säfström, secretary Ulla Andersson, adjusters Gösta
 * Davidsson and Viveca Dalhammar; "Beslutande Se förteckning bilaga 1"; an "Omröstning" whose
 * vote columns are lost in the copy (roll call referred to, totals not legible).
 */
describe('corpus 08: Trollhättan KF "19 december" (year missing), omröstning', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(
      t,
      {
        name: 'Kommunfullmäktige',
        shortName: 'KF',
        kind: 'council',
        paragraphNumbering: 'continuous',
      },
      [
        { name: 'Olov Säfström', role: 'chair' },
        { name: 'Gösta Davidsson' },
        { name: 'Viveca Dalhammar' },
        { name: 'Ulla Andersson' },
      ],
    );
  });
  afterAll(() => t.close());

  it('holds the meeting without its year, the signatories and a vote with its result only', async () => {
    // Day and month without a year cannot be stored as a date: the date is recorded unknown,
    // and "19 december" stays in the place/time text as printed.
    const meeting = await transcribedMeeting(t, w, {
      place: 'Stadshuset, Sessionssalen (torsdagen den 19 december, år ej tryckt)',
      chairPersonId: w.people['Olov Säfström'].id,
      secretaryPersonId: w.people['Ulla Andersson'].id,
      adjusterPersonIds: [w.people['Gösta Davidsson'].id, w.people['Viveca Dalhammar'].id],
      adjustmentPlace: 'Stadshuset',
    });
    const p = await ok<{ id: string }>(
      t.http
        .post(`/api/meetings/${meeting.id}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Ärende med omröstning' }),
    );
    const view = await ok<Record<string, any>>(
      t.http.post(`/api/paragraphs/${p.id}/printed-votes`).set(w.auth).send({
        question: 'Omröstning',
        result: 'yes',
        rollCallNote: 'Omröstningslista: se förteckning bilaga 1',
      }),
    );
    expect(view.votes[0]).toEqual(
      expect.objectContaining({ recordedAs: 'result_only', yes: null, no: null, abstain: null }),
    );
    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain('Röstsiffrorna är inte återgivna i protokollet (överfört).');
    expect(html).toContain('Omröstningslista: se förteckning bilaga 1');
    expect(html).toContain('<th>Sekreterare</th><td>Ulla Andersson</td>');
    expect(html).toContain('Gösta Davidsson<br>Viveca Dalhammar<br>');
  });

  it('a live meeting refuses a vote without named ballots', async () => {
    const live = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${w.body.id}/meetings`)
        .set(w.auth)
        .send({ meetingDate: '2013-12-19' }),
    );
    const p = await ok<{ id: string }>(
      t.http.post(`/api/meetings/${live.id}/paragraphs`).set(w.auth).send({ title: 'Ärende' }),
    );
    const res = await t.http
      .post(`/api/paragraphs/${p.id}/printed-votes`)
      .set(w.auth)
      .send({ question: 'Q', totals: { yes: 31, no: 18, abstain: 2 }, result: 'yes' });
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('ballots');
  });
});
