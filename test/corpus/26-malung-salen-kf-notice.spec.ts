import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 26, Malung-Sälens kommun, Kommunfullmäktige 2017-10-23 (OCR noise kept in the copy):
 * justering Kommunkontoret, Malung, 2017-10-27; "ASLAG/BEVIS": anslaget sätts upp 2017-10-27,
 * tas ned 2017-11-20. Three weeks from Fri 2017-10-27 end Fri 2017-11-17; the notice may come
 * down Sat 2017-11-18; the printed Monday 2017-11-20 is later, which the law allows.
 */
describe('corpus 26: Malung-Sälen KF 2017-10-23', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('computes 2017-11-17 and notes the later printed takedown', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Malung-Sälens kommun', kind: 'municipality' },
      body: { name: 'Kommunfullmäktige', shortName: 'KF', kind: 'council' },
      // The chair's name is OCR-damaged in the copy ("Jör/gen orén (S)"): kept as printed.
      chair: { name: 'Jör/gen orén', party: 'S' },
      adjuster: { name: 'Kristina Bäckman', party: 'M' },
      meetingDate: '2017-10-23',
      adjustmentDate: '2017-10-27',
      signedAt: '2017-10-27T08:00:00Z',
      paragraphTitle: 'Delårsrapport 2017',
      clauses: ['Delårsrapporten godkänns.'],
      minutesKeptAt: 'Kommunkontoret, Malung',
      printed: { adjustedOn: '2017-10-27', postedOn: '2017-10-27', removedOn: '2017-11-20' },
    });
    expect(r.notice).toMatchObject({
      legal: {
        adjustedOn: '2017-10-27',
        // Sun 2017-10-29 → Mon 2017-10-30
        postingDeadline: '2017-10-30',
        postedOn: '2017-10-27',
        appealLastDay: '2017-11-17',
        removedOn: '2017-11-18',
      },
      lateAnnouncement: false,
    });
    expect(r.notice.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['removed_on_differs', 'info'],
    ]);
    expect(r.appeal).toMatchObject({ appealLastDay: '2017-11-17', finalOn: '2017-11-18' });
    const block = noticeBlockText(r.html);
    expect(block).toContain('Datum då anslaget tas ned 20 november 2017');
    expect(block).toContain('Sista dag för överklagande enligt lag 17 november 2017');
  });
});
