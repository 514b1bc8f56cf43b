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
 * Corpus 33: Allmänna utskottet, protokoll 1(36), paragraphs 1-15. The meeting date and the
 * municipality are not in the stored part; the justering is printed "fredag 18/ kl" (month and
 * year damaged); adjusters Katja Ollila (V) named, chair Annalena Järnberg. Held as printed.
 */
describe('corpus 33: allmänna utskottet, justering "fredag 18/" (date damaged)', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  let meetingId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(
      t,
      {
        name: 'Allmänna utskottet',
        shortName: 'AU',
        kind: 'committee',
        paragraphNumbering: 'continuous',
      },
      [
        { name: 'Annalena Järnberg', party: 'S', role: 'chair' },
        { name: 'Katja Ollila', party: 'V' },
        { name: 'Alf Wikström', party: 'V' },
        { name: 'Vivianne Pettersson', party: 'M' },
        { name: 'Daniel Hagsten', party: 'M' },
      ],
    );
    const meeting = await transcribedMeeting(t, w, {
      place: 'Kommunledningskontoret, Pyramiden',
      chairPersonId: w.people['Annalena Järnberg'].id,
      adjusterPersonIds: [w.people['Katja Ollila'].id],
      adjustmentPlace: 'Kommunledningskontoret',
    });
    meetingId = meeting.id;
  });
  afterAll(() => t.close());

  it('holds a meeting with no printed date, and says so instead of guessing', async () => {
    const view = await ok<Record<string, any>>(
      t.http.get(`/api/meetings/${meetingId}`).set(w.auth),
      200,
    );
    expect(view.recordedAs).toBe('transcribed');
    expect(view.meetingDate).toBeNull();
    expect(view.adjustmentDeadline).toBeNull();
    expect(view.lateAdjustment).toBeNull();
    expect(view.transcribed.meetingDateText).toBe('datum okänt');
    expect(view.signatories.map((s: any) => s.person.displayName)).toEqual([
      'Annalena Järnberg (S)',
      'Katja Ollila (V)',
    ]);
  });

  it('records paragraphs 1 and 2 and a paper adjustment whose day is damaged', async () => {
    const p1 = await paragraphWithDecision(
      t,
      w,
      meetingId,
      { title: 'Godkännande av kallelse till dagens sammanträde' },
      ['kallelsen godkänns'],
    );
    expect(p1.reference).toBe('AU datum okänt § 1');
    await paragraphWithDecision(t, w, meetingId, { title: 'Fastställande av dagordning' }, [
      'dagordningen fastställs',
    ]);
    // "fredag 18/": neither month nor year is legible, so the adjustment day is not known.
    const adjusted = await ok<Record<string, any>>(
      t.http.post(`/api/meetings/${meetingId}/paper-adjustment`).set(w.auth).send({}),
    );
    expect(adjusted.status).toBe('adjusted');
    expect(adjusted.adjustedOn).toBeNull();
    expect(adjusted.transcribed.adjustedOnPaper).toBe(true);
    expect(adjusted.transcribed.adjustedOnPrintedText).toBe('datum okänt');

    const p = await ok<Record<string, any>>(
      t.http.get(`/api/paragraphs/${p1.id}`).set(w.auth),
      200,
    );
    expect(p.adjustment.adjusted).toBe(true);
    expect(p.adjustment.adjustedOn).toBeNull();
    // Nothing can be computed from an unknown day: the appeal status says so.
    expect(p.appeal.legalForce).toBe('unknown');

    const html = await minutesHtml(t, w, meetingId);
    expect(html).toContain('<th>Sammanträdesdatum</th><td>datum okänt</td>');
    expect(html).toContain('Överförd från tryckt protokoll');
    expect(html).toContain('kan inte beräknas (sammanträdesdatum okänt)');
    expect(html).toContain('protokollet justerades på papper datum okänt (överfört)');
    expect(html).toContain('§ 1 Godkännande av kallelse till dagens sammanträde');
    expect(html).toContain('Paragrafen är justerad datum okänt.');
  });

  it('cannot announce minutes whose day of adjustment is unknown (no deadline can be computed)', async () => {
    const res = await t.http
      .post(`/api/meetings/${meetingId}/announcement`)
      .set(w.auth)
      .send({ postedOn: '2019-01-21' });
    expect(res.status).toBe(422);
    expect(res.body.detail ?? res.body.title).toMatch(/day of adjustment is not known/);
  });
});
