import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../common/errors';
import { keysetPage, Page } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { comparePartialDates, isFullDate, splitPartialDate } from '../common/partial-date';
import { PeopleService } from '../people/people.service';
import { assertAttendanceValid, assertQuorumAtAdjustment } from './attendance';
import { applyMeetingFacts, assertMeetingFactsValid } from '../meeting-facts/meeting-facts.rules';
import {
  AnnounceDto,
  CreateMeetingDto,
  HoldMeetingDto,
  ListMeetingsQuery,
  SetMeetingAttendanceDto,
  SignDto,
  UpdateMeetingDto,
} from './dto/minutes.dto';
import { Meeting } from './meeting.entity';
import { Paragraph } from './paragraph.entity';
import {
  assertMeetingNotAdjusted,
  assertPersonsOfOrganisation,
  fullMeetingDate,
  lockMeeting,
  pastInstant,
} from './minutes-write.helpers';
import { MeetingView, MinutesService, swedishDateOf } from './minutes.service';
import { insertAnnouncement, linkParagraphsToAnnouncement } from '../notices/announcements';
import { SignatureHistoryView, SignatureMethod, SignaturesService } from './signatures.service';

/** Meetings: planning, attendance, signing (justering) and the notice-board announcement. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly people: PeopleService,
    private readonly minutes: MinutesService,
    private readonly signatures: SignaturesService,
    private readonly config: AppConfig,
  ) {}

  async createMeeting(actor: Actor, bodyId: string, dto: CreateMeetingDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const body = await m.getRepository(Body).findOneBy({ id: bodyId });
      if (!body) throw new NotFoundError('body', bodyId);
      assertCanWrite(actor, body.organisationId);
      const recordedAs = dto.recordedAs ?? 'live';
      const date = splitPartialDate(dto.meetingDate ?? null);
      const adjustmentDate = splitPartialDate(dto.adjustmentDate ?? null);
      assertLiveDates(recordedAs, date, adjustmentDate, dto.unnamedAdjusterCount);
      const meeting = await m.getRepository(Meeting).save({
        organisationId: body.organisationId,
        bodyId,
        recordedAs,
        meetingDate: date.full,
        meetingDatePartial: date.partial,
        adjustmentDatePartial: adjustmentDate.partial,
        unnamedAdjusterCount: dto.unnamedAdjusterCount ?? 0,
        startTime: dto.startTime ?? null,
        endTime: dto.endTime ?? null,
        place: dto.place ?? null,
        chairPersonId: dto.chairPersonId ?? null,
        secretaryPersonId: dto.secretaryPersonId ?? null,
        adjustmentPlace: dto.adjustmentPlace ?? null,
        adjustmentDate: adjustmentDate.full,
        minutesKeptAt: dto.minutesKeptAt ?? null,
        caseNumber: dto.caseNumber ?? null,
        openToPublic: dto.openToPublic ?? null,
        openToPublicFromParagraph: dto.openToPublicFromParagraph ?? null,
        remoteParticipation: dto.remoteParticipation ?? null,
        status: 'planned',
        adjustedAt: null,
      });
      await this.assertMeetingValid(m, meeting, dto.adjusterPersonIds ?? []);
      await this.replaceSignatories(m, meeting, dto.adjusterPersonIds ?? []);
      return this.minutes.getMeetingView(actor, meeting.id, m);
    });
  }

  async updateMeeting(actor: Actor, id: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await lockMeeting(m, actor, id);
      assertMeetingNotAdjusted(meeting);
      const touchesSigners = dto.chairPersonId !== undefined || dto.adjusterPersonIds !== undefined;
      // Signatures over content that has changed since no longer count as signing begun.
      if (touchesSigners) await this.signatures.voidStaleSignatures(m, id);
      const signed = await this.signedCount(m, id);
      if (signed > 0 && touchesSigners) {
        throw new ConflictError('Signing has begun: the chair and adjusters can no longer change');
      }
      const newDate = splitPartialDate(dto.meetingDate ?? null);
      const newAdjustmentDate =
        dto.adjustmentDate !== undefined
          ? splitPartialDate(dto.adjustmentDate)
          : { full: meeting.adjustmentDate, partial: meeting.adjustmentDatePartial };
      assertLiveDates(
        meeting.recordedAs,
        dto.meetingDate !== undefined
          ? newDate
          : { full: meeting.meetingDate, partial: meeting.meetingDatePartial },
        newAdjustmentDate,
        dto.unnamedAdjusterCount,
      );
      if (dto.unnamedAdjusterCount !== undefined) {
        meeting.unnamedAdjusterCount = dto.unnamedAdjusterCount;
      }
      meeting.adjustmentDate = newAdjustmentDate.full;
      meeting.adjustmentDatePartial = newAdjustmentDate.partial;
      if (
        dto.meetingDate !== undefined &&
        (newDate.full !== meeting.meetingDate || newDate.partial !== meeting.meetingDatePartial)
      ) {
        const [{ count }]: { count: number }[] = await m.query(
          `SELECT count(*)::int AS count FROM paragraph WHERE meeting_id = $1`,
          [id],
        );
        if (count > 0) {
          throw new ConflictError(
            'The meeting already has numbered paragraphs; its date can no longer change',
          );
        }
        meeting.meetingDate = newDate.full;
        meeting.meetingDatePartial = newDate.partial;
      }
      if (dto.recordedAs !== undefined && dto.recordedAs !== meeting.recordedAs) {
        const [{ count }]: { count: number }[] = await m.query(
          `SELECT count(*)::int AS count FROM paragraph WHERE meeting_id = $1`,
          [id],
        );
        if (count > 0) {
          throw new ConflictError(
            'The meeting already has paragraphs: whether it is live or transcribed can no longer change',
            { field: 'recordedAs' },
          );
        }
        meeting.recordedAs = dto.recordedAs;
      }
      if (dto.startTime !== undefined) meeting.startTime = dto.startTime;
      if (dto.endTime !== undefined) meeting.endTime = dto.endTime;
      if (dto.place !== undefined) meeting.place = dto.place;
      if (dto.chairPersonId !== undefined) meeting.chairPersonId = dto.chairPersonId;
      if (dto.secretaryPersonId !== undefined) meeting.secretaryPersonId = dto.secretaryPersonId;
      if (dto.adjustmentPlace !== undefined) meeting.adjustmentPlace = dto.adjustmentPlace;
      if (dto.minutesKeptAt !== undefined) meeting.minutesKeptAt = dto.minutesKeptAt;
      applyMeetingFacts(meeting, dto);
      const adjusters =
        dto.adjusterPersonIds ??
        (
          (await m.query(
            `SELECT person_id FROM meeting_signatory WHERE meeting_id = $1 AND role = 'adjuster' ORDER BY position`,
            [id],
          )) as { person_id: string }[]
        ).map((r) => r.person_id);
      await this.assertMeetingValid(m, meeting, adjusters);
      await m.getRepository(Meeting).save(meeting);
      if (touchesSigners) await this.replaceSignatories(m, meeting, adjusters);
      return this.minutes.getMeetingView(actor, meeting.id, m);
    });
  }

  async getMeeting(actor: Actor, id: string): Promise<MeetingView> {
    return this.minutes.getMeetingView(actor, id);
  }

  listMeetings(query: ListMeetingsQuery): Promise<Page<Meeting>> {
    const qb = this.dataSource.getRepository(Meeting).createQueryBuilder('mt');
    if (query.bodyId) qb.andWhere('mt.body_id = :bodyId', { bodyId: query.bodyId });
    if (query.organisationId) {
      qb.andWhere('mt.organisation_id = :org', { org: query.organisationId });
    }
    return keysetPage(qb, {
      sortColumn: `COALESCE(TO_CHAR(mt.meeting_date, 'YYYY-MM-DD'), mt.meeting_date_partial, '')`,
      idColumn: 'mt.id',
      sortValue: (mt) => mt.meetingDate ?? mt.meetingDatePartial ?? '',
      id: (mt) => mt.id,
      page: query,
      descending: true,
    });
  }

  async setAttendance(
    actor: Actor,
    id: string,
    dto: SetMeetingAttendanceDto,
  ): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await lockMeeting(m, actor, id);
      assertMeetingNotAdjusted(meeting);
      await assertAttendanceValid(
        m,
        this.people,
        meeting.bodyId,
        meeting.organisationId,
        fullMeetingDate(meeting, 'checking the attendance against the seats on the day'),
        dto.entries,
      );
      await m.query(`DELETE FROM meeting_attendance WHERE meeting_id = $1`, [id]);
      for (const e of dto.entries) {
        await m.query(
          `INSERT INTO meeting_attendance (meeting_id, person_id, role, serving_for_person_id, note,
                                           paragraph_scope, scope_numbers, serving_for_vacant_party)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            id,
            e.personId,
            e.role,
            e.servingForPersonId ?? null,
            e.note ?? null,
            e.paragraphs?.scope ?? 'all',
            e.paragraphs?.numbers ?? [],
            e.servingForVacantParty?.trim() || null,
          ],
        );
      }
      return this.minutes.getMeetingView(actor, id, m);
    });
  }

  /** planned → held: the meeting took place; its minutes can now be signed. */
  async hold(actor: Actor, id: string, dto: HoldMeetingDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await lockMeeting(m, actor, id);
      if (meeting.status !== 'planned') {
        throw new ConflictError(`The meeting is already ${meeting.status}`, {
          allowedNextSteps: meeting.status === 'held' ? ['signatures'] : ['announcement'],
        });
      }
      meeting.status = 'held';
      if (dto.endTime) meeting.endTime = dto.endTime;
      await m.getRepository(Meeting).save(meeting);
      return this.minutes.getMeetingView(actor, id, m);
    });
  }

  /**
   * The chair or an adjuster signs the minutes as they render now (SHA-256 of the content).
   * A politician signs for themself, electronically, at the server's time; a registrar (or
   * admin) records a signature made on paper, dated by the paper. Signatures given over content
   * that has changed since are voided first. When every signatory holds a valid signature over
   * the current content, the minutes are adjusted and frozen.
   */
  async sign(actor: Actor, id: string, dto: SignDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await m
        .getRepository(Meeting)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!meeting) throw new NotFoundError('meeting', id);
      const { personId, method } = this.signerOf(actor, meeting, dto);
      if (meeting.status === 'adjusted') {
        throw new ConflictError('The minutes are already adjusted', {
          allowedNextSteps: ['announcement'],
        });
      }
      if (meeting.status !== 'held') {
        throw new ConflictError('The meeting has not been held yet', {
          allowedNextSteps: ['hold'],
        });
      }
      const signatories: { id: string; person_id: string; role: 'chair' | 'adjuster' }[] =
        await m.query(
          `SELECT id, person_id, role FROM meeting_signatory WHERE meeting_id = $1 ORDER BY position FOR UPDATE`,
          [id],
        );
      if (!signatories.some((s) => s.role === 'adjuster')) {
        throw new RuleViolationError('The meeting has no adjusters chosen');
      }
      const mine = signatories.find((s) => s.person_id === personId);
      if (!mine) {
        throw new RuleViolationError(
          'Only the chair and the chosen adjusters of the meeting can sign its minutes',
          { field: 'personId', personId },
        );
      }
      const hash = await this.signatures.voidStaleSignatures(m, id);
      const [already]: unknown[] = await m.query(
        `SELECT 1 FROM meeting_signature WHERE meeting_id = $1 AND person_id = $2 AND voided_at IS NULL`,
        [id, personId],
      );
      if (already) {
        throw new ConflictError('This person has already signed the minutes as they are now');
      }
      const undecided: { reference: string }[] = await m.query(
        `SELECT reference FROM paragraph WHERE meeting_id = $1 AND decision_recorded_at IS NULL
            AND outcome_kind <> 'none' ORDER BY sort_key`,
        [id],
      );
      if (undecided.length > 0) {
        throw new ConflictError('Every paragraph needs its decision recorded before signing', {
          paragraphs: undecided.map((u) => u.reference),
          allowedNextSteps: ['decision'],
        });
      }
      const drafts = await m.getRepository(Paragraph).find({
        where: { meetingId: id, adjustedAt: IsNull() },
        order: { number: 'ASC' },
      });
      // A transcribed paper is the record: quorum is shown, not enforced.
      if (meeting.recordedAs === 'live') {
        await assertQuorumAtAdjustment(m, this.people, drafts, meeting.meetingDate!);
      }
      let paperSignedAt: Date | null = null;
      if (method === 'paper') {
        if (!dto.signedAt) {
          throw new ValidationFailedError([
            { field: 'signedAt', messages: ['a paper signature needs the date it was signed'] },
          ]);
        }
        paperSignedAt = pastInstant(dto.signedAt, 'signedAt');
        const meetingOn = meeting.meetingDate ?? meeting.meetingDatePartial;
        if (comparePartialDates(swedishDateOf(paperSignedAt), meetingOn) === 'before') {
          throw new RuleViolationError('signedAt cannot be before the meeting', {
            field: 'signedAt',
          });
        }
      }
      // An electronic signature is timed by the database server's clock (now()).
      await m.query(
        `INSERT INTO meeting_signature (meeting_id, person_id, role, method, minutes_hash, signed_at,
                                        recorded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, coalesce($6, now()), $7)`,
        [id, personId, mine.role, method, hash, paperSignedAt, actor.userId],
      );
      await m.query(
        `UPDATE meeting_signatory s SET signed_at = g.signed_at FROM meeting_signature g
          WHERE s.id = $1 AND g.meeting_id = s.meeting_id AND g.person_id = s.person_id
            AND g.voided_at IS NULL`,
        [mine.id],
      );
      await this.adjustIfFullySigned(m, meeting);
      return this.minutes.getMeetingView(actor, id, m);
    });
  }

  /** The whole signature history of the minutes, with each signature valid or void. */
  listSignatures(actor: Actor, id: string): Promise<SignatureHistoryView> {
    return this.signatures.listSignatures(actor, id);
  }

  /**
   * Who signs, and how: a politician only for themself and only electronically; a registrar
   * or admin of the organisation only records paper signatures.
   */
  private signerOf(
    actor: Actor,
    meeting: Meeting,
    dto: SignDto,
  ): { personId: string; method: SignatureMethod } {
    if (actor.role === 'politician') {
      if (!actor.personId || actor.organisationId !== meeting.organisationId) {
        throw new ForbiddenError('Only a signatory of the meeting may sign its minutes');
      }
      if (dto.personId !== undefined && dto.personId !== actor.personId) {
        throw new ForbiddenError('A politician may only sign for themself');
      }
      if (dto.method === 'paper') {
        throw new ForbiddenError('A paper signature is recorded by the registrar');
      }
      if (dto.signedAt !== undefined) {
        throw new RuleViolationError(
          'An electronic signature is timed by the server clock: leave out signedAt',
          { field: 'signedAt' },
        );
      }
      return { personId: actor.personId, method: 'electronic' };
    }
    assertCanWrite(actor, meeting.organisationId);
    if (dto.method === 'electronic') {
      throw new ForbiddenError(
        'An electronic signature is given by the signer themself; a registrar records paper signatures only',
      );
    }
    if (!dto.personId) {
      throw new ValidationFailedError([
        { field: 'personId', messages: ['name the signer of the paper signature'] },
      ]);
    }
    return { personId: dto.personId, method: 'paper' };
  }

  /**
   * Adjusts the minutes when every signatory holds a valid signature over the minutes as they
   * render now (checked again here), with the time of the last signature.
   */
  private async adjustIfFullySigned(m: EntityManager, meeting: Meeting): Promise<void> {
    const hash = await this.signatures.voidStaleSignatures(m, meeting.id);
    const rows: { signed_at: Date | null; minutes_hash: string | null }[] = await m.query(
      `SELECT g.signed_at, g.minutes_hash
         FROM meeting_signatory s
         LEFT JOIN meeting_signature g
           ON g.meeting_id = s.meeting_id AND g.person_id = s.person_id AND g.voided_at IS NULL
        WHERE s.meeting_id = $1`,
      [meeting.id],
    );
    if (rows.length === 0 || rows.some((r) => !r.signed_at || r.minutes_hash !== hash)) return;
    const adjustedAt = new Date(Math.max(...rows.map((r) => r.signed_at!.getTime())));
    await this.adjustMeeting(m, meeting, adjustedAt);
  }

  /**
   * Posts the adjusted minutes on the notice board: every paragraph not already announced (an
   * immediately adjusted one has its own notice) gets the posting day and its appeal deadline.
   */
  async announce(actor: Actor, id: string, dto: AnnounceDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await lockMeeting(m, actor, id);
      if (!meeting.adjustedAt) {
        throw new ConflictError('Only adjusted minutes can be announced', {
          allowedNextSteps: meeting.status === 'planned' ? ['hold'] : ['signatures'],
        });
      }
      const existing: unknown[] = await m.query(
        `SELECT 1 FROM announcement WHERE meeting_id = $1 AND paragraph_id IS NULL`,
        [id],
      );
      if (existing.length > 0) {
        throw new ConflictError('The minutes have already been announced');
      }
      // Adjusted on paper (transcribed): the adjustment day is the printed one; when the paper
      // does not print it, only the printed notice dates can be recorded.
      const adjustedOn = meeting.adjustedOnPaper
        ? isFullDate(meeting.adjustedOnPrinted)
          ? meeting.adjustedOnPrinted
          : null
        : swedishDateOf(meeting.adjustedAt);
      if (adjustedOn === null && !dto.printed) {
        throw new RuleViolationError(
          'The day of adjustment is not known: give the notice dates as printed (printed)',
          { field: 'printed' },
        );
      }
      const announcementId = await insertAnnouncement(m, {
        organisationId: meeting.organisationId,
        meetingId: id,
        paragraphId: null,
        meetingDate: meeting.meetingDate,
        adjustedOn,
        printedMinutesAdjustmentDate: meeting.adjustmentDate,
        postedOn: dto.postedOn,
        printed: dto.printed,
        minutesKeptAt: dto.minutesKeptAt ?? meeting.minutesKeptAt ?? this.config.MINUTES_KEPT_AT,
      });
      await linkParagraphsToAnnouncement(m, announcementId, 'meeting', id);
      return this.minutes.getMeetingView(actor, id, m);
    });
  }

  private async adjustMeeting(m: EntityManager, meeting: Meeting, adjustedAt: Date): Promise<void> {
    await snapshotAttendance(m, `p.meeting_id = $1 AND p.adjusted_at IS NULL`, [meeting.id]);
    await m.query(
      `UPDATE paragraph SET adjusted_at = $2 WHERE meeting_id = $1 AND adjusted_at IS NULL`,
      [meeting.id, adjustedAt],
    );
    await m.query(
      `UPDATE meeting SET status = 'adjusted', adjusted_at = $2, updated_at = now() WHERE id = $1`,
      [meeting.id, adjustedAt],
    );
    // Frozen as of today: later renames or membership changes do not rewrite the record.
    await this.minutes.freezeMeeting(m, meeting.id);
  }

  private async signedCount(m: EntityManager, meetingId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await m.query(
      `SELECT count(*)::int AS count FROM meeting_signatory WHERE meeting_id = $1 AND signed_at IS NOT NULL`,
      [meetingId],
    );
    return count;
  }

  private async assertMeetingValid(
    m: EntityManager,
    meeting: Meeting,
    adjusterIds: string[],
  ): Promise<void> {
    await assertPersonsOfOrganisation(
      m,
      meeting.organisationId,
      [meeting.chairPersonId],
      'chairPersonId',
    );
    await assertPersonsOfOrganisation(
      m,
      meeting.organisationId,
      [meeting.secretaryPersonId],
      'secretaryPersonId',
    );
    await assertPersonsOfOrganisation(m, meeting.organisationId, adjusterIds, 'adjusterPersonIds');
    if (meeting.chairPersonId && adjusterIds.includes(meeting.chairPersonId)) {
      throw new RuleViolationError('The chair signs anyway and cannot also be an adjuster', {
        field: 'adjusterPersonIds',
      });
    }
    if (adjusterIds.length > 0 && !meeting.chairPersonId) {
      throw new RuleViolationError('Adjusters sign together with the chair: choose the chair', {
        field: 'chairPersonId',
      });
    }
    if (meeting.startTime && meeting.endTime && meeting.endTime < meeting.startTime) {
      throw new RuleViolationError('endTime must not be before startTime', { field: 'endTime' });
    }
    assertMeetingFactsValid(meeting);
    if (
      meeting.adjustmentDate &&
      meeting.meetingDate &&
      meeting.adjustmentDate < meeting.meetingDate
    ) {
      throw new RuleViolationError('adjustmentDate must not be before the meeting', {
        field: 'adjustmentDate',
      });
    }
  }

  private async replaceSignatories(
    m: EntityManager,
    meeting: Meeting,
    adjusterIds: string[],
  ): Promise<void> {
    await m.query(`DELETE FROM meeting_signatory WHERE meeting_id = $1`, [meeting.id]);
    const rows: [string, 'chair' | 'adjuster'][] = [];
    if (meeting.chairPersonId) rows.push([meeting.chairPersonId, 'chair']);
    for (const a of adjusterIds) rows.push([a, 'adjuster']);
    for (const [i, [personId, role]] of rows.entries()) {
      await m.query(
        `INSERT INTO meeting_signatory (meeting_id, person_id, role, position) VALUES ($1, $2, $3, $4)`,
        [meeting.id, personId, role, i + 1],
      );
    }
  }
}

/**
 * Copies the meeting's attendance into paragraphs that have none of their own, so the
 * attendance recorded for an adjusted paragraph is frozen with it.
 */
export async function snapshotAttendance(
  m: EntityManager,
  where: string,
  params: unknown[],
): Promise<void> {
  await m.query(
    `INSERT INTO paragraph_attendance (paragraph_id, person_id, role, serving_for_person_id, note, serving_for_vacant_party)
     SELECT p.id, a.person_id, a.role, a.serving_for_person_id, a.note, a.serving_for_vacant_party
       FROM paragraph p JOIN meeting_attendance a ON a.meeting_id = p.meeting_id
      WHERE ${where}
        AND attendance_scope_applies(a.paragraph_scope, a.scope_numbers, p.number)
        AND NOT EXISTS (SELECT 1 FROM paragraph_attendance pa WHERE pa.paragraph_id = p.id)`,
    params,
  );
}

/**
 * Live meetings keep the strict rules: a full meeting date, a full adjustment date and named
 * adjusters only. A transcribed meeting takes what the paper shows.
 */
function assertLiveDates(
  recordedAs: string,
  date: { full: string | null; partial: string | null },
  adjustmentDate: { full: string | null; partial: string | null },
  unnamedAdjusterCount: number | undefined,
): void {
  if (recordedAs === 'transcribed') return;
  if (!date.full) {
    throw new ValidationFailedError([
      {
        field: 'meetingDate',
        messages: [
          'meetingDate must be a full date written YYYY-MM-DD (only a transcribed meeting may lack part of it)',
        ],
      },
    ]);
  }
  if (adjustmentDate.partial) {
    throw new ValidationFailedError([
      {
        field: 'adjustmentDate',
        messages: [
          'adjustmentDate must be a full date written YYYY-MM-DD (only a transcribed meeting may lack part of it)',
        ],
      },
    ]);
  }
  if (unnamedAdjusterCount) {
    throw new RuleViolationError('Only a transcribed meeting may have unnamed adjusters', {
      field: 'unnamedAdjusterCount',
    });
  }
}
