import { createTestApp, TestApp } from '../test-app';
import { registrar } from './numbering-corpus';

/** Corpus 07: Åtvidabergs kommunstyrelse 2013-01-09, "Ks 1 Dnr 2012-KS" (number damaged). */
describe('corpus 07: "Ks 1" (short name and number)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('prints "Ks 1" and keeps the damaged case number exactly as printed', async () => {
    const r = await registrar(t);
    const ks = await r.body({
      name: 'Kommunstyrelsen',
      shortName: 'Ks',
      kind: 'board',
      referencePattern: '{short} {n}',
    });
    const meeting = await r.meeting(ks.id, {
      meetingDate: '2013-01-09',
      place: 'Sessionssalen, Gamla kommunalhuset',
      minutesKeptAt: 'Kommunledningsförvaltningen',
      recordedAs: 'transcribed',
    });
    const p = await r.paragraph(meeting.id, {
      number: 1,
      caseNumber: '2012-KS',
      title: 'Namninsamling med begäran om folkomröstning',
    });
    expect(p).toMatchObject({ reference: 'Ks 1', label: 'Ks 1', caseNumber: '2012-KS' });
    const html = await r.minutes(meeting.id);
    expect(html).toContain('<h2>Ks 1 Namninsamling med begäran om folkomröstning</h2>');
    expect(html).toContain('Ks 1 · Diarienummer 2012-KS');
  });
});
