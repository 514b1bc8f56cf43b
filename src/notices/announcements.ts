import { EntityManager } from 'typeorm';
import { RuleViolationError, ValidationFailedError } from '../common/errors';
import { PrintedNoticeDatesDto } from './dto/printed-notice.dto';
import { noticeFacts, NoticeFacts, PrintedNoticeDates } from './notice-dates';

/** A row of the announcement table (the legal dates and, for a transcribed notice, the printed ones). */
export interface AnnouncementRow {
  id: string;
  adjusted_on: string | null;
  posted_on: string | null;
  minutes_kept_at: string;
  appeal_last_day: string | null;
  removed_on: string | null;
  transcribed: boolean;
  printed_adjusted_on: string | null;
  printed_posted_on: string | null;
  printed_appeal_last_day: string | null;
  printed_removed_on: string | null;
}

/** What the notice board and the minutes' notice block show of one notice. */
export interface NoticeView {
  announcementId: string;
  /** Posting day (known, or null on a transcribed notice that does not print it). */
  postedOn: string | null;
  minutesKeptAt: string;
  /** Legal last appeal day, computed from the posting (null when the posting is unknown). */
  appealLastDay: string | null;
  /** Earliest lawful takedown (the day after the last appeal day). */
  removedOn: string | null;
  /** Last lawful posting day (KL 8 kap. 12 §, Lag 1930:173). */
  /** null when neither the adjustment nor the meeting day is known. */
  announcementDeadline: string | null;
  /** null when the posting day is not known. */
  lateAnnouncement: boolean | null;
  /** Recorded from a printed notice (transcribed) rather than live. */
  transcribed: boolean;
  /** The dates as printed on the notice (transcribed notices), each null when not printed. */
  printed: PrintedNoticeDates | null;
  legal: NoticeFacts['legal'];
  warnings: NoticeFacts['warnings'];
}

export function printedOf(a: AnnouncementRow): PrintedNoticeDates | null {
  if (!a.transcribed) return null;
  return {
    adjustedOn: a.printed_adjusted_on,
    postedOn: a.printed_posted_on,
    appealLastDay: a.printed_appeal_last_day,
    removedOn: a.printed_removed_on,
  };
}

export function noticeView(a: AnnouncementRow, meetingDate: string | null): NoticeView {
  const printed = printedOf(a);
  const facts = noticeFacts({
    meetingDate,
    adjustedOn: a.adjusted_on,
    postedOn: a.posted_on,
    printed,
  });
  return {
    announcementId: a.id,
    postedOn: a.posted_on,
    minutesKeptAt: a.minutes_kept_at,
    appealLastDay: a.appeal_last_day,
    removedOn: a.removed_on,
    announcementDeadline: facts.legal.postingDeadline,
    lateAnnouncement: facts.latePosting,
    transcribed: a.transcribed,
    printed,
    legal: facts.legal,
    warnings: facts.warnings,
  };
}

const PRINTED_FIELDS = ['adjustedOn', 'postedOn', 'appealLastDay', 'removedOn'] as const;

/**
 * Records a notice. Live (no `printed`): posted on `postedOn`, counted from the register's
 * adjustment day. Transcribed (`printed` given, any subset of the dates): the printed dates are
 * stored as printed; the legal adjustment day is the printed one, else the one printed in the
 * minutes' header (meeting.adjustmentDate), else unknown; the legal appeal dates are computed
 * from the posting day when it is known, and left unknown when it is not.
 */
export async function insertAnnouncement(
  m: EntityManager,
  a: {
    organisationId: string;
    meetingId: string;
    paragraphId: string | null;
    /** The meeting day when fully known. */
    meetingDate: string | null;
    /** Day the minutes (or the paragraph) were adjusted; null when a paper protocol does not print it. */
    adjustedOn: string | null;
    /** Adjustment day printed in the minutes' header, if any. */
    printedMinutesAdjustmentDate: string | null;
    postedOn?: string;
    printed?: PrintedNoticeDatesDto;
    minutesKeptAt: string;
  },
): Promise<string> {
  const printed = a.printed;
  let adjustedOn: string | null;
  let postedOn: string | null;
  if (!printed) {
    if (!a.postedOn) {
      throw new ValidationFailedError([
        {
          field: 'postedOn',
          messages: ['postedOn is required (or printed, for a notice transcribed from paper)'],
        },
      ]);
    }
    adjustedOn = a.adjustedOn;
    postedOn = a.postedOn;
    if (adjustedOn && postedOn < adjustedOn) {
      throw new RuleViolationError(
        `postedOn (${postedOn}) cannot be before the adjustment (${adjustedOn})`,
        { field: 'postedOn' },
      );
    }
  } else {
    if (a.postedOn && printed.postedOn && a.postedOn !== printed.postedOn) {
      throw new ValidationFailedError([
        {
          field: 'postedOn',
          messages: [
            `postedOn (${a.postedOn}) differs from the printed posting day (${printed.postedOn})`,
          ],
        },
      ]);
    }
    postedOn = printed.postedOn ?? a.postedOn ?? null;
    adjustedOn = printed.adjustedOn ?? a.printedMinutesAdjustmentDate ?? null;
    for (const f of PRINTED_FIELDS) {
      const d = f === 'postedOn' ? postedOn : printed[f];
      if (d && a.meetingDate && d < a.meetingDate) {
        throw new RuleViolationError(
          `printed.${f} (${d}) cannot be before the meeting (${a.meetingDate})`,
          { field: `printed.${f}` },
        );
      }
    }
    if (postedOn && adjustedOn && postedOn < adjustedOn) {
      throw new RuleViolationError(
        `printed.postedOn (${postedOn}) cannot be before the adjustment (${adjustedOn})`,
        { field: 'printed.postedOn' },
      );
    }
    const order: [string, string | null | undefined, string | null | undefined, boolean][] = [
      ['printed.appealLastDay', postedOn, printed.appealLastDay, true],
      ['printed.removedOn', printed.appealLastDay, printed.removedOn, false],
      ['printed.removedOn', postedOn, printed.removedOn, true],
    ];
    for (const [field, before, after, strict] of order) {
      if (before && after && (strict ? after <= before : after < before)) {
        throw new RuleViolationError(
          `${field} (${after}) must come after ${before}: the printed dates are out of order`,
          { field },
        );
      }
    }
  }
  const facts = noticeFacts({
    meetingDate: a.meetingDate,
    adjustedOn,
    postedOn,
    printed: null,
  });
  const [row]: { id: string }[] = await m.query(
    `INSERT INTO announcement (organisation_id, meeting_id, paragraph_id, adjusted_on, posted_on,
                               minutes_kept_at, appeal_last_day, removed_on, transcribed,
                               printed_adjusted_on, printed_posted_on, printed_appeal_last_day,
                               printed_removed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      a.organisationId,
      a.meetingId,
      a.paragraphId,
      adjustedOn,
      postedOn,
      a.minutesKeptAt,
      facts.legal.appealLastDay,
      facts.legal.removedOn,
      !!printed,
      printed?.adjustedOn ?? null,
      printed ? postedOn : null,
      printed?.appealLastDay ?? null,
      printed?.removedOn ?? null,
    ],
  );
  return row.id;
}

/**
 * Links the paragraphs to the notice: the legal posting, last appeal day (appealable paragraphs)
 * and takedown, so the decision register and the appeal state follow the law.
 */
export async function linkParagraphsToAnnouncement(
  m: EntityManager,
  announcementId: string,
  where: 'meeting' | 'paragraph',
  id: string,
): Promise<void> {
  await m.query(
    `UPDATE paragraph p SET announcement_id = a.id, announced_on = a.posted_on,
            minutes_kept_at = a.minutes_kept_at, notice_removed_on = a.removed_on,
            appeal_last_day = CASE WHEN p.appealable THEN a.appeal_last_day END
       FROM announcement a
      WHERE a.id = $1 AND ${
        where === 'meeting' ? 'p.meeting_id = $2 AND p.announcement_id IS NULL' : 'p.id = $2'
      }`,
    [announcementId, id],
  );
}
