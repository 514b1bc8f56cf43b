import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 12, Medelpads räddningstjänstförbund, Direktionen 2023-12-08 (vice chair Pirjo
 * Jonsson chairs, Emir Özcelik adjusts): posted on the web notice board 2024-01-04 (the date is
 * in the URL only); no adjustment day is given. Adjusted within 14 days (by 2023-12-22), the
 * notice was due by the second day after, 2023-12-24 (julafton), moved past juldagen and
 * annandag jul to 2023-12-27: posting 27 days after the meeting is late.
 *
 * The register has no organisation kind for a kommunalförbund yet (another part of issue 10):
 * recorded as a municipality.
 */
describe('corpus 12: Medelpad Direktionen 2023-12-08, late posting over Christmas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('warns that the posting 27 days after the meeting is later than the law allows', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Medelpads räddningstjänstförbund', kind: 'municipality' },
      body: { name: 'Direktionen', shortName: 'Direktionen', kind: 'board' },
      chair: { name: 'Pirjo Jonsson', party: 'S' },
      adjuster: { name: 'Emir Özcelik', party: 'SD' },
      meetingDate: '2023-12-08',
      signedAt: new Date().toISOString(),
      paragraphTitle:
        'Beslut om mål- och resursplan inklusive budget 2024 med ekonomisk plan 2025 – 2027',
      clauses: [
        'att godkänna mål- och resursplan inklusive budget 2024 med ekonomisk plan 2025 – 2027.',
      ],
      printed: { postedOn: '2024-01-04' },
    });
    expect(r.notice).toMatchObject({
      printed: { adjustedOn: null, postedOn: '2024-01-04', appealLastDay: null, removedOn: null },
      legal: {
        adjustedOn: null,
        postingDeadline: '2023-12-27',
        postingDeadlineCountsFrom: 'meeting',
        postedOn: '2024-01-04',
        appealLastDay: '2024-01-25',
        removedOn: '2024-01-26',
      },
      lateAnnouncement: true,
    });
    expect(r.notice.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['adjustment_date_unknown', 'info'],
      ['late_posting', 'warning'],
    ]);
    expect(r.notice.warnings[1].message).toBe(
      'Anslaget sattes upp 2024-01-04, 27 dagar efter sammanträdet 2023-12-08, senare än lagen ' +
        'medger: justering inom 14 dagar och anslag senast andra dagen därefter, dvs. ' +
        '2023-12-27 (KL 5 kap. 69 §, 8 kap. 12 §, lag 1930:173).',
    );
    expect(r.appeal).toMatchObject({ appealLastDay: '2024-01-25', finalOn: '2024-01-26' });
    const block = noticeBlockText(r.html);
    expect(block).toContain('Datum då anslaget sätts upp 4 januari 2024');
    expect(block).toContain('Datum då anslaget tas ned ej angivet på anslaget');
    expect(block).toContain('Varning: Anslaget sattes upp 2024-01-04, 27 dagar efter');
  });
});
