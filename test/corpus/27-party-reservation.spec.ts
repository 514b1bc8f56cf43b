import { createTestApp, TestApp } from '../test-app';
import {
  minutesHtml,
  ok,
  paragraphWithDecision,
  transcribedMeeting,
  transcribedWorld,
  TranscribedWorld,
} from './transcribed-helpers';

/**
 * Corpus 27: "Kortfattat: Regionstyrelsen 2021-05-31" (Region Dalarna): the board sends the
 * Dalastrategi on to the council; "(V) reserverade sig mot beslutet till förmån för eget förslag"
 * — a reservation by a party group, no person named.
 */
describe('corpus 27: Region Dalarna RS 2021-05-31, (V) reserverade sig', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(t, { name: 'Regionstyrelsen', shortName: 'RS', kind: 'board' }, []);
  });
  afterAll(() => t.close());

  it('records the party reservation as printed and prints it back', async () => {
    const meeting = await transcribedMeeting(t, w, { meetingDate: '2021-05-31' });
    const p = await paragraphWithDecision(
      t,
      w,
      meeting.id,
      { title: 'Regional utvecklingsstrategi 2030, Dalastrategin' },
      ['förslaget till regional utvecklingsstrategi 2030 går vidare till regionfullmäktige'],
    );
    expect(p.reference).toBe('RS 2021-05-31 § 1');
    const view = await ok<Record<string, any>>(
      t.http
        .post(`/api/paragraphs/${p.id}/party-reservations`)
        .set(w.auth)
        .send({ partyGroups: 'V', reason: 'till förmån för eget förslag' }),
    );
    expect(view.reservations).toEqual([
      { person: null, partyGroups: 'V', reason: 'till förmån för eget förslag' },
    ]);
    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain('(V) reserverar sig mot beslutet: till förmån för eget förslag');

    // The same party group cannot reserve twice on one paragraph.
    const again = await t.http
      .post(`/api/paragraphs/${p.id}/party-reservations`)
      .set(w.auth)
      .send({ partyGroups: 'V' });
    expect(again.status).toBe(409);
  });

  it('a live meeting refuses a reservation without a named person', async () => {
    const live = await ok<{ id: string }>(
      t.http
        .post(`/api/bodies/${w.body.id}/meetings`)
        .set(w.auth)
        .send({ meetingDate: '2021-06-14' }),
    );
    const p = await ok<{ id: string }>(
      t.http.post(`/api/meetings/${live.id}/paragraphs`).set(w.auth).send({ title: 'Ärende' }),
    );
    const res = await t.http
      .post(`/api/paragraphs/${p.id}/party-reservations`)
      .set(w.auth)
      .send({ partyGroups: 'S, MP' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/transcribed from a printed protocol/);
  });
});
