import { createTestApp, TestApp } from '../test-app';
import {
  minutesHtml,
  ok,
  transcribedMeeting,
  transcribedWorld,
  TranscribedWorld,
} from './transcribed-helpers';

/**
 * Corpus 30: Servicenämnden i Malmö 2015-01-15, ärende nr 04 "Inrättande av ett arbetsutskott",
 * SN-2014-1974. The SD yrkande (5 ordinarie ledamöter med 5 ersättare) was not granted; a written
 * reservation "Ingemar K. R. Andersson (SD) med instämmande av Ilvars Hansson (SD)".
 */
describe('corpus 30: Malmö servicenämnden 2015-01-15, reservation med instämmande', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(t, { name: 'Servicenämnden', shortName: 'SN', kind: 'committee' }, [
      { name: 'Ordförande SN', party: 'S', role: 'chair' },
      { name: 'Ingemar K. R. Andersson', party: 'SD' },
      { name: 'Ilvars Hansson', party: 'SD' },
    ]);
  });
  afterAll(() => t.close());

  it('links the joining member to the yrkande and records both reservations', async () => {
    const meeting = await transcribedMeeting(t, w, { meetingDate: '2015-01-15' });
    const p = await ok<{ id: string }>(
      t.http
        .post(`/api/meetings/${meeting.id}/paragraphs`)
        .set(w.auth)
        .send({ title: 'Inrättande av ett arbetsutskott', caseNumber: 'SN-2014-1974' }),
    );
    const andersson = w.people['Ingemar K. R. Andersson'].id;
    const hansson = w.people['Ilvars Hansson'].id;
    await ok(
      t.http.post(`/api/paragraphs/${p.id}/motions`).set(w.auth).send({
        proposerPersonId: andersson,
        text: 'arbetsutskottet får 5 ordinarie ledamöter med 5 ersättare',
      }),
    );
    const joined = await ok<Record<string, any>>(
      t.http
        .post(`/api/paragraphs/${p.id}/motions/1/supporters`)
        .set(w.auth)
        .send({ personId: hansson }),
    );
    expect(joined.motions[0].supporters.map((s: any) => s.displayName)).toEqual([
      'Ilvars Hansson (SD)',
    ]);
    // The proposer does not join their own motion; nobody joins twice.
    const own = await t.http
      .post(`/api/paragraphs/${p.id}/motions/1/supporters`)
      .set(w.auth)
      .send({ personId: andersson });
    expect(own.status).toBe(422);
    const twice = await t.http
      .post(`/api/paragraphs/${p.id}/motions/1/supporters`)
      .set(w.auth)
      .send({ personId: hansson });
    expect(twice.status).toBe(409);

    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/decision`)
        .set(w.auth)
        .send({
          clauses: ['inrätta ett arbetsutskott'],
        }),
    );
    const reason =
      'Vi Sverigedemokrater reserverar oss mot Servicenämndens beslut att inte bifalla vårt yrkande om 5 ordinarie ledamöter med 5 ersättare i det nya arbetsutskottet';
    await ok(
      t.http
        .post(`/api/paragraphs/${p.id}/reservations`)
        .set(w.auth)
        .send({ personId: andersson, reason }),
    );
    const view = await ok<Record<string, any>>(
      t.http.post(`/api/paragraphs/${p.id}/reservations`).set(w.auth).send({ personId: hansson }),
    );
    expect(view.reservations.map((r: any) => r.person.displayName)).toEqual([
      'Ingemar K. R. Andersson (SD)',
      'Ilvars Hansson (SD)',
    ]);
    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain(
      'Ingemar K. R. Andersson (SD): arbetsutskottet får 5 ordinarie ledamöter med 5 ersättare<br>Ilvars Hansson (SD) instämmer i yrkandet.',
    );
    expect(html).toContain('Diarienummer SN-2014-1974');
    expect(html).toContain(`Ingemar K. R. Andersson (SD) reserverar sig mot beslutet: ${reason}`);
    expect(html).toContain('Ilvars Hansson (SD) reserverar sig mot beslutet.');
  });
});
