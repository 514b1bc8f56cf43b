import { createTestApp, TestApp } from '../test-app';
import { noticeBoardOn, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 13, Medelpads räddningstjänstförbund, Direktionen 2024-05-31 (chair Åsa Ulander,
 * adjuster Linda Mattsson): posted 2024-06-19 (URL only), no adjustment day given. The appeal
 * period runs over midsommar (afton 2024-06-21, dagen 2024-06-22) to Wed 2024-07-10. Adjusted
 * within 14 days (by Fri 2024-06-14) the notice was due by Sun 2024-06-16, moved to Mon
 * 2024-06-17: the posting on 2024-06-19 is two days late.
 */
describe('corpus 13: Medelpad Direktionen 2024-05-31, appeal period over midsommar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('computes 2024-07-10 and warns of the late posting', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Medelpads räddningstjänstförbund', kind: 'municipality' },
      body: { name: 'Direktionen', shortName: 'Direktionen', kind: 'board' },
      chair: { name: 'Åsa Ulander', party: 'S' },
      adjuster: { name: 'Linda Mattsson', party: 'VF' },
      meetingDate: '2024-05-31',
      signedAt: new Date().toISOString(),
      paragraphTitle: 'Information om arbete med nya räddningsstationer och ledningsbyggnad',
      clauses: ['informationen noteras'],
      printed: { postedOn: '2024-06-19' },
    });
    expect(r.notice).toMatchObject({
      legal: {
        adjustedOn: null,
        postingDeadline: '2024-06-17',
        postingDeadlineCountsFrom: 'meeting',
        postedOn: '2024-06-19',
        appealLastDay: '2024-07-10',
        removedOn: '2024-07-11',
      },
      lateAnnouncement: true,
    });
    expect(r.notice.warnings.map((w) => w.code)).toEqual([
      'adjustment_date_unknown',
      'late_posting',
    ]);
    expect(r.notice.warnings[1].message).toContain('19 dagar efter sammanträdet 2024-05-31');
    expect(r.appeal).toMatchObject({ appealLastDay: '2024-07-10', finalOn: '2024-07-11' });
    // Up over midsommar, through the last appeal day.
    for (const day of ['2024-06-19', '2024-06-21', '2024-06-22', '2024-07-10']) {
      expect({ day, n: (await noticeBoardOn(t, r.organisationId, day)).length }).toEqual({
        day,
        n: 1,
      });
    }
    expect(await noticeBoardOn(t, r.organisationId, '2024-07-11')).toHaveLength(0);
  });
});
