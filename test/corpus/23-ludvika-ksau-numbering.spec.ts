import { createTestApp, TestApp } from '../test-app';
import { registrar } from './numbering-corpus';

/**
 * Corpus 23: Ludvika kommunstyrelsens arbetsutskott 2012-03-20, §§ 28–45. The dnr carries the
 * filing code after it: "KS 2012/172 51", "KS 2012/33 40".
 */
describe('corpus 23: dnr with filing code "KS 2012/172 51"', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps case number and filing code apart and prints both', async () => {
    const r = await registrar(t);
    const ks = await r.body({ name: 'Kommunstyrelsen', shortName: 'KS', kind: 'board' });
    const au = await r.body({
      name: 'Kommunstyrelsens arbetsutskott',
      shortName: 'KSAU',
      kind: 'working_committee',
      preparesForBodyId: ks.id,
      referencePattern: '§ {n}',
    });
    await r.setNext(au.id, { period: 2012, nextNumber: 28 });
    const meeting = await r.meeting(au.id, {
      meetingDate: '2012-03-20',
      startTime: '13:25',
      endTime: '15:45',
      place: 'Stadshuset, sessionssalen, Ludvika',
      minutesKeptAt: 'kanslienheten',
    });
    const p28 = await r.paragraph(meeting.id, {
      title: 'Remissvar Trafikverkets kapacitetsutredning',
      caseNumber: 'KS 2012/172',
      filingCode: '51',
    });
    const p29 = await r.paragraph(meeting.id, {
      title: 'Yttrande över ansökningar ur Lisjöfonden',
      caseNumber: 'KS 2012/33',
      filingCode: '40',
    });
    expect(p28).toMatchObject({ reference: '§ 28', caseNumber: 'KS 2012/172', filingCode: '51' });
    expect(p29).toMatchObject({ reference: '§ 29', caseNumber: 'KS 2012/33', filingCode: '40' });
    const html = await r.minutes(meeting.id);
    expect(html).toContain('§ 28 · Diarienummer KS 2012/172 · Diariekod 51');
    expect(html).toContain('§ 29 · Diarienummer KS 2012/33 · Diariekod 40');
    // A filing code is a code, not free text.
    await t.http
      .patch(`/api/paragraphs/${p28.id}`)
      .set(r.auth)
      .send({ filingCode: '<51>' })
      .expect(400);
  });
});
