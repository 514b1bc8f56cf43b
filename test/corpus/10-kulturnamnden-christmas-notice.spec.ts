import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 10, Kulturnämnden (municipality not named in the copy), 2007-12-03: justering
 * måndagen den 10 december 2007; ANSLAGSBEVIS: anslaget sätts upp 2007-12-12, tas ned
 * 2008-01-04. Three weeks from 2007-12-12 end on Wed 2008-01-02 (the period spans julafton to
 * nyårsdagen); the notice may come down 2008-01-03; the printed takedown is a day later.
 */
describe('corpus 10: Kulturnämnden 2007-12-03, appeal period over Christmas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('computes 2008-01-02 and notes the later printed takedown', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Kommunen (namnet saknas i kopian)', kind: 'municipality' },
      body: { name: 'Kulturnämnden', shortName: 'KN', kind: 'committee' },
      chair: { name: 'Lennart Ljungblom', party: 'fp' },
      adjuster: { name: 'Roger Axelsson', party: 's' },
      meetingDate: '2007-12-03',
      adjustmentDate: '2007-12-10',
      signedAt: '2007-12-10T10:00:00Z',
      paragraphTitle: 'Ungdomsledarstipendium 2007',
      clauses: ['beslut enligt protokollet'],
      minutesKeptAt: 'Kommunexpeditionen',
      printed: { postedOn: '2007-12-12', removedOn: '2008-01-04' },
    });
    expect(r.notice).toMatchObject({
      printed: {
        adjustedOn: null,
        postedOn: '2007-12-12',
        appealLastDay: null,
        removedOn: '2008-01-04',
      },
      legal: {
        // from "Plats och tid Kommunexpeditionen måndagen den 10 december 2007"
        adjustedOn: '2007-12-10',
        postingDeadline: '2007-12-12',
        postingDeadlineCountsFrom: 'adjustment',
        postedOn: '2007-12-12',
        appealLastDay: '2008-01-02',
        removedOn: '2008-01-03',
      },
      lateAnnouncement: false,
    });
    expect(r.notice.warnings).toEqual([
      {
        code: 'removed_on_differs',
        severity: 'info',
        message:
          'Anslaget får enligt lag tas ned från och med 2008-01-03; på anslaget står att det ' +
          'tas ned 2008-01-04.',
      },
    ]);
    expect(r.appeal).toMatchObject({ appealLastDay: '2008-01-02', finalOn: '2008-01-03' });
    const block = noticeBlockText(r.html);
    expect(block).toContain('Datum då anslaget sätts upp 12 december 2007');
    expect(block).toContain('Datum då anslaget tas ned 4 januari 2008');
    expect(block).toContain('Sista dag för överklagande enligt lag 2 januari 2008');
    expect(block).toContain('Förvaringsplats för protokollet Kommunexpeditionen');
  });
});
