import {
  adjustmentDeadline,
  announcementDeadline,
  appealLastDay,
  noticeRemovedOn,
} from '../minutes/appeal-calendar';

/**
 * The dates of a notice (anslag) as printed on it and as the law makes them. Pure functions on
 * 'YYYY-MM-DD' strings. What was not printed stays unknown (null); the legal dates are computed
 * only from what is known, never from a guess.
 */

/** Dates printed on a notice (anslag/bevis), each null when the notice does not give it. */
export interface PrintedNoticeDates {
  adjustedOn: string | null;
  postedOn: string | null;
  appealLastDay: string | null;
  removedOn: string | null;
}

/** What the register knows about a notice, as stored in the announcement table. */
export interface NoticeFactsInput {
  /** The meeting day when fully known (a transcribed protocol may not print it). */
  meetingDate: string | null;
  /** Day of adjustment (justering) the legal posting deadline counts from; null: not known. */
  adjustedOn: string | null;
  /** Day the notice was posted; null: not known (a transcribed notice that does not print it). */
  postedOn: string | null;
  /** The dates as printed; null for a notice recorded live by the register. */
  printed: PrintedNoticeDates | null;
}

export type NoticeWarningCode =
  | 'posting_date_unknown'
  | 'adjustment_date_unknown'
  | 'late_posting'
  | 'appeal_last_day_differs'
  | 'removed_too_early'
  | 'removed_on_differs';

export interface NoticeWarning {
  code: NoticeWarningCode;
  /** warning: the printed notice or the posting breaks the law; info: a difference that does not. */
  severity: 'warning' | 'info';
  /** Swedish, for the notice board and the minutes' notice block. */
  message: string;
}

export interface LegalNoticeDates {
  /** The adjustment day counted from, or null when not known. */
  adjustedOn: string | null;
  /**
   * Last lawful posting day: the second day after the adjustment moved past non-working days
   * (KL 8 kap. 12 §, Lag 1930:173). When the adjustment day is not known: the latest day the law
   * allows at all (adjustment within 14 days of the meeting, 5 kap. 69 §, then two days).
   */
  postingDeadline: string | null;
  postingDeadlineCountsFrom: 'adjustment' | 'meeting';
  postedOn: string | null;
  /** Three weeks from the posting (13 kap. 5 §, Lag 1930:173); null when posting is unknown. */
  appealLastDay: string | null;
  /** The earliest lawful takedown: the day after the last appeal day. */
  removedOn: string | null;
}

export interface NoticeFacts {
  legal: LegalNoticeDates;
  /** true / false when the posting day is known, null when it is not. */
  latePosting: boolean | null;
  warnings: NoticeWarning[];
}

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Legal dates and the warnings where the printed notice or the posting differs from the law. */
export function noticeFacts(n: NoticeFactsInput): NoticeFacts {
  const countsFrom = n.adjustedOn ? 'adjustment' : 'meeting';
  const postingDeadline = n.adjustedOn
    ? announcementDeadline(n.adjustedOn)
    : n.meetingDate
      ? announcementDeadline(adjustmentDeadline(n.meetingDate))
      : null;
  const appealLast = n.postedOn ? appealLastDay(n.postedOn) : null;
  const legal: LegalNoticeDates = {
    adjustedOn: n.adjustedOn,
    postingDeadline,
    postingDeadlineCountsFrom: countsFrom,
    postedOn: n.postedOn,
    appealLastDay: appealLast,
    removedOn: appealLast ? noticeRemovedOn(appealLast) : null,
  };
  const warnings: NoticeWarning[] = [];
  const latePosting = n.postedOn && postingDeadline ? n.postedOn > postingDeadline : null;

  if (!n.postedOn) {
    warnings.push({
      code: 'posting_date_unknown',
      severity: 'warning',
      message:
        'Datum då anslaget sattes upp är inte känt: sista dag för överklagande och när beslutet ' +
        'vinner laga kraft kan inte beräknas.',
    });
  }
  if (!n.adjustedOn && n.printed) {
    warnings.push({
      code: 'adjustment_date_unknown',
      severity: 'info',
      message: postingDeadline
        ? 'Justeringsdatum är inte känt. Om protokollet justerades inom 14 dagar efter ' +
          `sammanträdet skulle anslaget enligt lag ha satts upp senast ${postingDeadline}.`
        : 'Varken justeringsdatum eller sammanträdesdatum är känt: sista dag för anslaget ' +
          'kan inte beräknas.',
    });
  }
  if (n.postedOn && latePosting) {
    warnings.push({
      code: 'late_posting',
      severity: 'warning',
      message: n.adjustedOn
        ? `Anslaget sattes upp ${n.postedOn}, senare än lagen medger: senast andra dagen efter ` +
          `justeringen ${n.adjustedOn}, dvs. ${postingDeadline} (KL 8 kap. 12 §, lag 1930:173).`
        : `Anslaget sattes upp ${n.postedOn}, ${daysBetween(n.meetingDate!, n.postedOn)} dagar ` +
          `efter sammanträdet ${n.meetingDate}, senare än lagen medger: justering inom 14 dagar ` +
          `och anslag senast andra dagen därefter, dvs. ${postingDeadline} ` +
          '(KL 5 kap. 69 §, 8 kap. 12 §, lag 1930:173).',
    });
  }
  const printed = n.printed;
  if (printed && appealLast && legal.removedOn) {
    if (printed.appealLastDay && printed.appealLastDay !== appealLast) {
      warnings.push({
        code: 'appeal_last_day_differs',
        severity: 'warning',
        message:
          `Sista dag för överklagande enligt lag är ${appealLast}; ` +
          `på anslaget står ${printed.appealLastDay}.`,
      });
    }
    if (printed.removedOn && printed.removedOn < legal.removedOn) {
      warnings.push({
        code: 'removed_too_early',
        severity: 'warning',
        message:
          `Anslaget ska enligt lag sitta minst till och med ${appealLast} (sista dag för ` +
          `överklagande) och tas ned tidigast ${legal.removedOn}; på anslaget står att det tas ` +
          `ned ${printed.removedOn}.`,
      });
    } else if (printed.removedOn && printed.removedOn > legal.removedOn) {
      warnings.push({
        code: 'removed_on_differs',
        severity: 'info',
        message:
          `Anslaget får enligt lag tas ned från och med ${legal.removedOn}; på anslaget står ` +
          `att det tas ned ${printed.removedOn}.`,
      });
    }
  }
  return { legal, latePosting, warnings };
}
