import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, noticeBoardOn, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 04, Enköpings kommun, Kommunstyrelsen 2019-01-15: justering Måndag den 21 januari
 * 2019; "Bevis om anslag": Anslaget sätts upp 2019-01-22, Anslaget tas ned 2019-02-13, Sista dag
 * att överklaga 2019-02-12. Every printed date agrees with the law: no warning.
 */
describe('corpus 04: Enköping KS 2019-01-15, notice with an explicit last appeal day', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stores the printed dates, computes the same legal dates and warns of nothing', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Enköpings kommun', kind: 'municipality' },
      body: { name: 'Kommunstyrelsen', shortName: 'KS', kind: 'board' },
      chair: { name: 'Ingvar Smedlund', party: 'M' },
      adjuster: { name: 'Jesper Englundh', party: 'S' },
      meetingDate: '2019-01-15',
      adjustmentDate: '2019-01-21',
      signedAt: '2019-01-21T10:00:00Z',
      paragraphTitle: 'Ärende',
      clauses: ['beslut enligt protokollet'],
      minutesKeptAt: 'enkoping.se/kommun-och-politik och hos det beslutande organet',
      printed: {
        adjustedOn: '2019-01-21',
        postedOn: '2019-01-22',
        appealLastDay: '2019-02-12',
        removedOn: '2019-02-13',
      },
    });
    expect(r.notice).toMatchObject({
      transcribed: true,
      printed: {
        adjustedOn: '2019-01-21',
        postedOn: '2019-01-22',
        appealLastDay: '2019-02-12',
        removedOn: '2019-02-13',
      },
      legal: {
        adjustedOn: '2019-01-21',
        postingDeadline: '2019-01-23',
        postingDeadlineCountsFrom: 'adjustment',
        postedOn: '2019-01-22',
        appealLastDay: '2019-02-12',
        removedOn: '2019-02-13',
      },
      postedOn: '2019-01-22',
      appealLastDay: '2019-02-12',
      lateAnnouncement: false,
      warnings: [],
    });
    expect(r.appeal).toMatchObject({
      legalForce: 'final',
      appealLastDay: '2019-02-12',
      finalOn: '2019-02-13',
    });
    const block = noticeBlockText(r.html);
    expect(block).toContain('Justeringsdatum 21 januari 2019');
    expect(block).toContain('Datum då anslaget sätts upp 22 januari 2019');
    expect(block).toContain('Sista dag för överklagande 12 februari 2019');
    expect(block).toContain('Datum då anslaget tas ned 13 februari 2019');
    expect(block).not.toContain('Varning');
    // On the notice board from the posting through the last appeal day, not on the takedown day.
    expect(await noticeBoardOn(t, r.organisationId, '2019-01-21')).toHaveLength(0);
    expect(await noticeBoardOn(t, r.organisationId, '2019-01-22')).toHaveLength(1);
    expect(await noticeBoardOn(t, r.organisationId, '2019-02-12')).toHaveLength(1);
    expect(await noticeBoardOn(t, r.organisationId, '2019-02-13')).toHaveLength(0);
  });
});
