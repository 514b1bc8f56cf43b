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
 * Corpus 31: Ängelholm, kommunstyrelsen 16 oktober 2019, ärende 19 "Fördelning av uppdrag för
 * genomförande av Ängelholmspaketet": a protocol note by the Social Democrats ("Socialdemokraterna
 * deltar inte i beslutet …"), signed "För socialdemokratiska gruppen: Lars Nyander"; and a
 * särskilt yttrande (distinct from protocol notes) printed in minutes and extracts.
 */
describe('corpus 31: Ängelholm KS 2019-10-16, protokollsanteckning by a party group', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(t, { name: 'Kommunstyrelsen', shortName: 'KS', kind: 'board' }, [
      { name: 'Lars Nyander', party: 'S' },
    ]);
  });
  afterAll(() => t.close());

  it('records the note for the party group, signed by a person, and a särskilt yttrande', async () => {
    const meeting = await transcribedMeeting(t, w, { meetingDate: '2019-10-16' });
    const p = await paragraphWithDecision(
      t,
      w,
      meeting.id,
      { title: 'Fördelning av uppdrag för genomförande av Ängelholmspaketet' },
      ['uppdragen fördelas enligt förslaget'],
    );
    const text =
      'Socialdemokraterna deltar inte i beslutet. Socialdemokraterna är av annan uppfattning gällande delar av Ängelholmspaketets innehåll.';
    const view = await ok<Record<string, any>>(
      t.http
        .post(`/api/paragraphs/${p.id}/protocol-notes`)
        .set(w.auth)
        .send({ personId: w.people['Lars Nyander'].id, partyGroups: 'S', text }),
    );
    expect(view.protocolNotes).toEqual([expect.objectContaining({ partyGroups: 'S', text })]);
    const withStatement = await ok<Record<string, any>>(
      t.http.post(`/api/paragraphs/${p.id}/special-statements`).set(w.auth).send({
        partyGroups: 'S',
        text: 'Vi anser inte att klippanvägens förlängning ska genomföras.',
      }),
    );
    expect(withStatement.specialStatements).toEqual([
      {
        person: null,
        partyGroups: 'S',
        text: 'Vi anser inte att klippanvägens förlängning ska genomföras.',
      },
    ]);
    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain(`Lars Nyander (S) för (S): ${text}`);
    expect(html).toContain('<h3>Särskilda yttranden</h3>');
    expect(html).toContain('(S): Vi anser inte att klippanvägens förlängning ska genomföras.');

    const none = await t.http
      .post(`/api/paragraphs/${p.id}/special-statements`)
      .set(w.auth)
      .send({ text: 'utan avsändare' });
    expect(none.status).toBe(422);

    // Adjusted on paper (the day is not in the document); the extract prints the same facts.
    await ok(t.http.post(`/api/meetings/${meeting.id}/paper-adjustment`).set(w.auth).send({}));
    const extract = await ok<{ id: string }>(
      t.http
        .post('/api/extracts')
        .set(w.auth)
        .send({ paragraphIds: [p.id], certifierName: 'Registrator' }),
    );
    const doc = await t.http.get(`/api/extracts/${extract.id}/extract.html`).set(w.auth);
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('<h3>Särskilda yttranden</h3>');
    expect(doc.text).toContain('Vi anser inte att klippanvägens förlängning ska genomföras.');
    expect(doc.text).toContain('Lars Nyander (S)');
  });
});
