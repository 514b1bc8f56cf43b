import { createTestApp, TestApp } from '../test-app';
import { registrar } from './numbering-corpus';

/**
 * Corpus 10: Kulturnämnden 2007-12-03, "Justerade paragrafer §§ 62-70": the register starts in
 * the middle of the body's yearly series.
 */
describe('corpus 10: §§ 62–70, a register starting mid-series', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sets the next number to 62 and numbers the meeting 62–70 with no dummy paragraphs', async () => {
    const r = await registrar(t);
    const kn = await r.body({
      name: 'Kulturnämnden',
      shortName: 'KN',
      kind: 'committee',
      referencePattern: '§ {n}',
    });
    const counter = await r.setNext(kn.id, { period: 2007, nextNumber: 62 });
    expect(counter.periods).toEqual([{ period: 2007, lastNumber: 61, nextNumber: 62 }]);
    const meeting = await r.meeting(kn.id, {
      meetingDate: '2007-12-03',
      minutesKeptAt: 'Kommunexpeditionen',
    });
    const titles = [
      'Ungdomsledarstipendium 2007',
      'Införande av stipendium för ungdomsverksamhet s k "Snabb slant"',
      'Ansökan om bidrag för ungdomars egna initiativ',
      'Ansökan om verksamhetsbidrag 2008',
      'Konstnärlig gestaltning vid Cirkulationsplats Eke',
      'Ärende 67 (rubrik ej med i utdraget)',
      'Ärende 68 (rubrik ej med i utdraget)',
      'Ärende 69 (rubrik ej med i utdraget)',
      'Ärende 70 (rubrik ej med i utdraget)',
    ];
    const refs: string[] = [];
    for (const title of titles) refs.push((await r.paragraph(meeting.id, { title })).reference);
    expect(refs).toEqual(['§ 62', '§ 63', '§ 64', '§ 65', '§ 66', '§ 67', '§ 68', '§ 69', '§ 70']);
    const html = await r.minutes(meeting.id);
    expect(html).toContain('<td>§ 62, § 63, § 64, § 65, § 66, § 67, § 68, § 69, § 70</td>');
    expect(html).toContain('<h2>§ 62 Ungdomsledarstipendium 2007</h2>');
    expect(html).toContain('<h2>§ 66 Konstnärlig gestaltning vid Cirkulationsplats Eke</h2>');
    // The series cannot be set back under what was given.
    await t.http
      .put(`/api/bodies/${kn.id}/numbering/next-number`)
      .set(r.auth)
      .send({ period: 2007, nextNumber: 65 })
      .expect(409);
  });
});
