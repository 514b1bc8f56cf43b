import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 35, Samhällsnämnden (municipality not named in the copy), 2021-01-28, "omgående
 * justerad": justering and posting 2021-01-28, anslaget tas ned 2021-02-19. Three weeks end Thu
 * 2021-02-18; the takedown the day after is what the law gives: no warning.
 */
describe('corpus 35: Samhällsnämnden 2021-01-28, adjusted and posted the same day', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('computes 2021-02-18 and finds the printed dates lawful', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Kommunen (namnet saknas i kopian)', kind: 'municipality' },
      body: { name: 'Samhällsnämnden', shortName: 'SN', kind: 'committee' },
      chair: { name: 'Knapp Britta Thyr', party: 'MP' },
      adjuster: { name: 'Christian Wasell', party: 'M' },
      meetingDate: '2021-01-28',
      adjustmentDate: '2021-01-28',
      signedAt: '2021-01-28T15:00:00Z',
      paragraphTitle: 'Upphandling parkeringsövervakning',
      clauses: ['beslut enligt protokollet'],
      minutesKeptAt: 'Samhällsförvaltningen',
      printed: { adjustedOn: '2021-01-28', postedOn: '2021-01-28', removedOn: '2021-02-19' },
    });
    expect(r.notice).toMatchObject({
      legal: {
        adjustedOn: '2021-01-28',
        postingDeadline: '2021-02-01',
        postedOn: '2021-01-28',
        appealLastDay: '2021-02-18',
        removedOn: '2021-02-19',
      },
      lateAnnouncement: false,
      warnings: [],
    });
    expect(r.appeal).toMatchObject({ appealLastDay: '2021-02-18', finalOn: '2021-02-19' });
    const block = noticeBlockText(r.html);
    expect(block).toContain('Justeringsdatum 28 januari 2021');
    expect(block).toContain('Datum då anslaget sätts upp 28 januari 2021');
    expect(block).toContain('Datum då anslaget tas ned 19 februari 2021');
    expect(block).toContain('Förvaringsplats för protokollet Samhällsförvaltningen');
  });
});
