import { EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { Meeting } from './meeting.entity';
import { Paragraph } from './paragraph.entity';

/** The meeting, locked for the rest of the transaction, after the write permission check. */
export async function lockMeeting(m: EntityManager, actor: Actor, id: string): Promise<Meeting> {
  const meeting = await m
    .getRepository(Meeting)
    .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!meeting) throw new NotFoundError('meeting', id);
  assertCanWrite(actor, meeting.organisationId);
  return meeting;
}

export function assertMeetingNotAdjusted(meeting: Meeting): void {
  if (meeting.adjustedAt) {
    throw new ConflictError('The minutes of this meeting are adjusted and can no longer change', {
      allowedNextSteps: ['announcement', 'corrections'],
    });
  }
}

/** The paragraph, locked, after the write permission check. */
export async function lockParagraph(
  m: EntityManager,
  actor: Actor,
  id: string,
): Promise<Paragraph> {
  const paragraph = await m
    .getRepository(Paragraph)
    .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!paragraph) throw new NotFoundError('paragraph', id);
  assertCanWrite(actor, paragraph.organisationId);
  return paragraph;
}

/** Drafts only: an adjusted paragraph is never edited (a correction is recorded instead). */
export function assertParagraphDraft(paragraph: Paragraph): void {
  if (paragraph.adjustedAt) {
    throw new ConflictError(
      `Paragraph ${paragraph.reference} is adjusted and can no longer be changed`,
      { allowedNextSteps: ['corrections', 'announcement', 'appeals'] },
    );
  }
}

export async function assertPersonsOfOrganisation(
  m: EntityManager,
  organisationId: string,
  ids: (string | null | undefined)[],
  field: string,
): Promise<void> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return;
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM person WHERE id = ANY ($1) AND organisation_id = $2`,
    [wanted, organisationId],
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new RuleViolationError(
      `${field}: no person of this organisation with id ${missing.join(', ')}`,
      { field, personIds: missing },
    );
  }
}

/** A timestamp given by the client, or now; never in the future. */
export function pastInstant(value: string | undefined, field: string): Date {
  if (!value) return new Date();
  const at = new Date(value);
  if (at.getTime() > Date.now() + 60_000) {
    throw new RuleViolationError(`${field} must not be in the future`, { field });
  }
  return at;
}

/**
 * The meeting's full date for a rule that needs one (membership on the day, quorum, deadlines).
 * A transcribed meeting whose paper lacks (part of) the date cannot be checked by such a rule:
 * the register says so instead of guessing a day.
 */
export function fullMeetingDate(
  meeting: { meetingDate: string | null; meetingDatePartial: string | null },
  purpose: string,
): string {
  if (meeting.meetingDate) return meeting.meetingDate;
  throw new RuleViolationError(
    `The meeting date is not known (${meeting.meetingDatePartial ?? 'not printed'}): ${purpose} needs the full date`,
    { field: 'meetingDate' },
  );
}
