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
 * Corpus 40: Kumla, barn- och utbildningsnämnden. The meeting date is lost in the text copy
 * ("Stadshuset, , klockan 17:00"); the paragraph "Dnr BUN 2010/428 Internbudget 2011 …" with
 * floor motions by Marie Eriksson (S) and Per Holm (KD); chair Stefan Svensson, adjuster
 * Christina Örnebjär. The year 2010 is only inferred from the dnr, so it is not entered.
 */
describe('corpus 40: Kumla BUN, meeting date lost', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(
      t,
      {
        name: 'Barn- och utbildningsnämnden',
        shortName: 'BUN',
        kind: 'committee',
        paragraphNumbering: 'continuous',
      },
      [
        { name: 'Stefan Svensson', party: 'S', role: 'chair' },
        { name: 'Christina Örnebjär', party: 'FP' },
        { name: 'Marie Eriksson', party: 'S' },
        { name: 'Per Holm', party: 'KD' },
      ],
    );
  });
  afterAll(() => t.close());

  it('records the meeting without a date, its paragraph, and the floor motions', async () => {
    const meeting = await transcribedMeeting(t, w, {
      place: 'Rum Kumla, Stadshuset',
      startTime: '17:00',
      chairPersonId: w.people['Stefan Svensson'].id,
      adjusterPersonIds: [w.people['Christina Örnebjär'].id],
    });
    const p = await paragraphWithDecision(
      t,
      w,
      meeting.id,
      {
        title: 'Internbudget 2011 och flerårsbudget 2012 och 2013 samt attestförteckning',
        caseNumber: 'BUN 2010/428',
      },
      ['Barn- och utbildningsnämnden antar förslaget till internbudget'],
    );
    await ok(
      t.http.post(`/api/paragraphs/${p.id}/motions`).set(w.auth).send({
        proposerPersonId: w.people['Marie Eriksson'].id,
        text: 'Naturskolans verksamhet behålls oförändrad och uppräkningen av semesterlöneskulden stryks',
      }),
    );
    await ok(
      t.http.post(`/api/paragraphs/${p.id}/motions`).set(w.auth).send({
        proposerPersonId: w.people['Per Holm'].id,
        text: 'att barn- och utbildningsförvaltningen får i uppdrag att göra en översyn av hela organisationen',
      }),
    );
    const view = await ok<Record<string, any>>(
      t.http.get(`/api/paragraphs/${p.id}`).set(w.auth),
      200,
    );
    expect(view.meeting.meetingDate).toBeNull();
    expect(view.meeting.recordedAs).toBe('transcribed');
    expect(view.caseNumber).toBe('BUN 2010/428');
    expect(view.motions.map((m: any) => m.proposer.displayName)).toEqual([
      'Marie Eriksson (S)',
      'Per Holm (KD)',
    ]);
    expect(view.adjustment.deadline).toBeNull();

    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain('<title>Protokoll Barn- och utbildningsnämnden datum okänt</title>');
    expect(html).toContain('Rum Kumla, Stadshuset, kl. 17:00');
    expect(html).toContain('Per Holm (KD): att barn- och utbildningsförvaltningen');
  });

  it('attendance against the seats on the day cannot be checked without the day', async () => {
    const meeting = await transcribedMeeting(t, w, {});
    const res = await t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(w.auth)
      .send({ entries: [{ personId: w.people['Per Holm'].id, role: 'member' }] });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('The meeting date is not known (not printed)');
  });
});
