import { createTestApp, TestApp } from '../test-app';
import { registrar } from './numbering-corpus';

/**
 * Corpus 11: Medelpads räddningstjänstförbund, Direktionen, protocol of 3 November 2023.
 * The body prints the number before the sign: "44 §", "45 §", "46 §".
 */
describe('corpus 11: "44 §" (number before the sign)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('prints references as the direktion writes them, in order', async () => {
    const r = await registrar(t);
    const direktionen = await r.body({
      name: 'Direktionen',
      shortName: 'Direktionen',
      kind: 'board',
      referencePattern: '{n} §',
    });
    const meeting = await r.meeting(direktionen.id, {
      meetingDate: '2023-11-03',
      recordedAs: 'transcribed',
    });
    // Entered in another order than printed: the register sorts by number.
    const p46 = await r.paragraph(meeting.id, {
      number: 46,
      title:
        'Beslut om hemställan om ökad medelstilldelning för år 2024 genom höjning av den ekonomiska ramen för att möjliggöra ekonomisk balans',
    });
    const p44 = await r.paragraph(meeting.id, {
      number: 44,
      title: 'Sammanträdets öppnande, dagordningens fastställande och val av justeringsperson',
      description:
        'Ordföranden öppnade mötet. Dagordningen fastställdes. Till justeringsperson valdes Rebecca Lampinen.',
    });
    const p45 = await r.paragraph(meeting.id, {
      number: 45,
      title: 'Föregående protokoll',
      description:
        'Det fanns inga synpunkter på föregående protokoll. Protokollet lades till handlingarna.',
    });
    expect([p44.reference, p45.reference, p46.reference]).toEqual(['44 §', '45 §', '46 §']);
    expect(p44.numberPrinted).toBe(true);
    const list = await r.list(`meetingId=${meeting.id}`);
    expect(list.items.map((p) => p.reference)).toEqual(['44 §', '45 §', '46 §']);
    const html = await r.minutes(meeting.id);
    expect(html).toContain('<td>44 §, 45 §, 46 §</td>');
    expect(html).toContain(
      '<h2>44 § Sammanträdets öppnande, dagordningens fastställande och val av justeringsperson</h2>',
    );
    expect(html.indexOf('<h2>45 § Föregående protokoll</h2>')).toBeLessThan(
      html.indexOf('<h2>46 § Beslut om hemställan'),
    );
  });
});
