import { createTestApp, TestApp } from '../test-app';
import { registrar } from './numbering-corpus';

/**
 * Corpus 06: Eskilstuna kommunstyrelsen 2014-09-09. The paragraph heading prints the case
 * number before the paragraph number: "KSKF/2014:1 235 Val till kommunala uppdrag".
 */
describe('corpus 06: "KSKF/2014:1 235" (dnr before the number)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('holds § 235 with its case number, numbered as printed', async () => {
    const r = await registrar(t);
    const ks = await r.body({
      name: 'Kommunstyrelsen',
      shortName: 'KS',
      kind: 'board',
      referencePattern: '§ {n}',
    });
    const meeting = await r.meeting(ks.id, {
      meetingDate: '2014-09-09',
      startTime: '15:00',
      endTime: '15:45',
      place: 'Rinmansalen, stadshuset',
      minutesKeptAt: 'Kommunstyrelsens kansli, stadshuset',
      recordedAs: 'transcribed',
    });
    const p = await r.paragraph(meeting.id, {
      number: 235,
      caseNumber: 'KSKF/2014:1',
      title: 'Val till kommunala uppdrag',
    });
    expect(p).toMatchObject({
      number: 235,
      reference: '§ 235',
      caseNumber: 'KSKF/2014:1',
      caseNumbers: ['KSKF/2014:1'],
    });
    const html = await r.minutes(meeting.id);
    expect(html).toContain('<h2>§ 235 Val till kommunala uppdrag</h2>');
    expect(html).toContain('§ 235 · Diarienummer KSKF/2014:1');
    // The series goes on from the printed number.
    const next = await r.meeting(ks.id, { meetingDate: '2014-09-23' });
    expect((await r.paragraph(next.id, { title: 'Nästa ärende' })).reference).toBe('§ 236');
  });
});
