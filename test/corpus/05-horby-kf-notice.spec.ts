import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 05, Hörby kommun, Kommunfullmäktige 2020-01-27: "ANSLAG/BEVIS" prints Datum för
 * anslags uppsättande 2020-02-11 and Datum för anslags nedtagande 2020-03-04; "Justeringens
 * plats och tid" is blank and no last appeal day is printed.
 */
describe('corpus 05: Hörby KF 2020-01-27, adjustment date not printed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps the adjustment unknown, computes the appeal dates from the posting', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Hörby kommun', kind: 'municipality' },
      body: { name: 'Kommunfullmäktige', shortName: 'KF', kind: 'council' },
      chair: { name: 'Johan Ohlin', party: 'SD' },
      adjuster: { name: 'Gunvor Håkansson', party: 'C' },
      meetingDate: '2020-01-27',
      // The paper signatures are recorded now: the copy does not say when they were given.
      signedAt: new Date().toISOString(),
      paragraphTitle: 'Ärende',
      clauses: ['beslut enligt protokollet'],
      minutesKeptAt: 'Kommunledningsförvaltningen, Ringsjövägen 4, Hörby',
      printed: { postedOn: '2020-02-11', removedOn: '2020-03-04' },
    });
    expect(r.notice).toMatchObject({
      transcribed: true,
      printed: {
        adjustedOn: null,
        postedOn: '2020-02-11',
        appealLastDay: null,
        removedOn: '2020-03-04',
      },
      legal: {
        adjustedOn: null,
        // 14 days for the adjustment (Mon 2020-02-10), then the second day after.
        postingDeadline: '2020-02-12',
        postingDeadlineCountsFrom: 'meeting',
        postedOn: '2020-02-11',
        appealLastDay: '2020-03-03',
        removedOn: '2020-03-04',
      },
      lateAnnouncement: false,
      minutesKeptAt: 'Kommunledningsförvaltningen, Ringsjövägen 4, Hörby',
    });
    expect(r.notice.warnings).toEqual([
      {
        code: 'adjustment_date_unknown',
        severity: 'info',
        message:
          'Justeringsdatum är inte känt. Om protokollet justerades inom 14 dagar efter ' +
          'sammanträdet skulle anslaget enligt lag ha satts upp senast 2020-02-12.',
      },
    ]);
    expect(r.appeal).toMatchObject({ legalForce: 'final', appealLastDay: '2020-03-03' });
    const block = noticeBlockText(r.html);
    expect(block).toContain('Datum då anslaget sätts upp 11 februari 2020');
    expect(block).toContain('Sista dag för överklagande ej angivet på anslaget');
    expect(block).toContain('Datum då anslaget tas ned 4 mars 2020');
    expect(block).toContain('Sista dag för överklagande enligt lag 3 mars 2020');
    expect(block).not.toContain('Justeringsdatum 2');
    expect(block).toContain('Observera: Justeringsdatum är inte känt.');
  });
});
