import { createTestApp, TestApp } from '../test-app';
import { noticeBlockText, noticeBoardOn, recordPrintedNotice } from './notice-corpus-helpers';

/**
 * Corpus 09, Sunne kommun, Kommunfullmäktige §§ 71–85: justering Kommunkansliet, Sunne,
 * 2011-04-04; ANSLAG/BEVIS: uppsättande 2011-04-04, nedtagande 2011-04-26. Three weeks end on
 * Mon 2011-04-25, annandag påsk, so the last appeal day is Tue 2011-04-26 and the notice may come
 * down 2011-04-27 at the earliest: the printed takedown is one day early.
 *
 * The copy does not print the meeting day; the register cannot hold an unknown meeting day yet,
 * so the justering day stands in for it (no assertion depends on it).
 */
describe('corpus 09: Sunne KF 2011, appeal deadline over Easter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('computes 2011-04-26 and warns that the notice came down too early', async () => {
    const r = await recordPrintedNotice(t, {
      organisation: { name: 'Sunne kommun', kind: 'municipality' },
      body: { name: 'Kommunfullmäktige', shortName: 'KF', kind: 'council' },
      chair: { name: 'Karl-Johan Adolfsson', party: 'C' },
      adjuster: { name: 'Jörn Okan', party: 'M' },
      meetingDate: '2011-04-04',
      adjustmentDate: '2011-04-04',
      signedAt: '2011-04-04T06:00:00Z',
      paragraphTitle: 'Ärende',
      clauses: ['beslut enligt protokollet'],
      minutesKeptAt: 'Kommunkansliet',
      printed: { adjustedOn: '2011-04-04', postedOn: '2011-04-04', removedOn: '2011-04-26' },
    });
    expect(r.notice).toMatchObject({
      printed: {
        adjustedOn: '2011-04-04',
        postedOn: '2011-04-04',
        appealLastDay: null,
        removedOn: '2011-04-26',
      },
      legal: {
        adjustedOn: '2011-04-04',
        postingDeadline: '2011-04-06',
        postedOn: '2011-04-04',
        appealLastDay: '2011-04-26',
        removedOn: '2011-04-27',
      },
      lateAnnouncement: false,
    });
    expect(r.notice.warnings).toEqual([
      {
        code: 'removed_too_early',
        severity: 'warning',
        message:
          'Anslaget ska enligt lag sitta minst till och med 2011-04-26 (sista dag för ' +
          'överklagande) och tas ned tidigast 2011-04-27; på anslaget står att det tas ned ' +
          '2011-04-26.',
      },
    ]);
    // Laga kraft follows the law: the day after the legal last appeal day.
    expect(r.appeal).toMatchObject({
      legalForce: 'final',
      appealLastDay: '2011-04-26',
      finalOn: '2011-04-27',
    });
    const block = noticeBlockText(r.html);
    expect(block).toContain('Datum då anslaget tas ned 26 april 2011');
    expect(block).toContain('Sista dag för överklagande enligt lag 26 april 2011');
    expect(block).toContain('Varning: Anslaget ska enligt lag sitta minst till och med 2011-04-26');
    // The board shows it through the whole legal appeal period, the last day included.
    const board = await noticeBoardOn(t, r.organisationId, '2011-04-26');
    expect(board).toHaveLength(1);
    expect(board[0]).toMatchObject({
      printed: { postedOn: '2011-04-04', removedOn: '2011-04-26' },
      appealLastDay: '2011-04-26',
      warnings: [{ code: 'removed_too_early', severity: 'warning' }],
    });
    expect(await noticeBoardOn(t, r.organisationId, '2011-04-27')).toHaveLength(0);
  });
});
