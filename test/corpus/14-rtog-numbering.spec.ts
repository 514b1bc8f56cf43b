import { createTestApp, TestApp } from '../test-app';
import { registrar } from './numbering-corpus';

/**
 * Corpus 14: Räddningstjänsten Östra Götaland, direktionen, protocol 4/2019. Paragraphs are
 * printed "36. Val av justerare …". The excerpt's date fields are blank.
 */
describe('corpus 14: items "36." in protocol 4/2019', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('prints "36." as the body does and keeps an agenda item written "36."', async () => {
    const r = await registrar(t);
    const dir = await r.body({
      name: 'Direktionen',
      shortName: 'Direktionen',
      kind: 'board',
      referencePattern: '{n}.',
    });
    const numbering = await r.setNext(dir.id, { period: 2019, nextNumber: 36 });
    expect(numbering.periods[0]).toMatchObject({ period: 2019, nextNumber: 36 });
    // The excerpt prints no meeting date. The register needs one (partial dates come with the
    // transcribed-meetings part), so this meeting has a TEST date, not the document's: it shows
    // only how the body's form is printed. The document's date is not claimed as held.
    const m = await r.meeting(dir.id, {
      meetingDate: '2019-01-01',
      place: 'Räddningsstation Åtvidaberg',
      startTime: '13:00',
      recordedAs: 'transcribed',
    });
    const p = await r.paragraph(m.id, {
      number: 36,
      agendaItem: '36.',
      title: 'Val av justerare samt fastställande av tid för protokolljustering',
    });
    expect(p).toMatchObject({ reference: '36.', label: '36.', agendaItem: '36' });
    const html = await r.minutes(m.id);
    expect(html).toContain(
      '<h2>36. Val av justerare samt fastställande av tid för protokolljustering</h2>',
    );
    expect(html).toContain('36. · ärende 36');
  });
});
