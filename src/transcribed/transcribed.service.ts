import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { comparePartialDates } from '../common/partial-date';
import { TransactionRunner } from '../database/transaction-runner';
import { PeopleService } from '../people/people.service';
import { effectiveAttendance } from '../minutes/attendance';
import { Meeting } from '../minutes/meeting.entity';
import { snapshotAttendance } from '../minutes/meetings.service';
import {
  assertParagraphDraft,
  assertPersonsOfOrganisation,
  lockMeeting,
  lockParagraph,
} from '../minutes/minutes-write.helpers';
import { MeetingView, MinutesService, ParagraphView } from '../minutes/minutes.service';
import { Paragraph } from '../minutes/paragraph.entity';
import {
  MotionSupporterDto,
  PaperAdjustmentDto,
  PartyReservationDto,
  PrintedVoteDto,
  SpecialStatementDto,
} from './dto/transcribed.dto';

/**
 * Facts of minutes as printed: votes as totals or result only, reservations by party groups and
 * paper adjustments (transcribed meetings only; live meetings keep named ballots, named
 * reservations and signatures), plus "instämmer i yrkandet" and särskilt yttrande (any meeting).
 */
@Injectable()
export class TranscribedService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly minutes: MinutesService,
    private readonly people: PeopleService,
  ) {}

  /** A vote printed only as totals (31 ja, 18 nej, 2 avstår) or only as its result. */
  addPrintedVote(actor: Actor, id: string, dto: PrintedVoteDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p, meeting) => {
      this.assertTranscribed(meeting, 'A vote without named ballots', 'ballots');
      const t = dto.totals;
      if (t && dto.result !== 'tie') {
        const printed = t.yes > t.no ? 'yes' : t.no > t.yes ? 'no' : 'tie';
        // On equal totals the chair's casting vote decides, so either result may be printed.
        if (printed !== 'tie' && printed !== dto.result) {
          throw new RuleViolationError('The printed totals contradict the printed result', {
            field: 'result',
          });
        }
      }
      if (t && dto.result === 'tie' && t.yes !== t.no) {
        throw new RuleViolationError('A tie needs equal yes and no totals', { field: 'result' });
      }
      await m.query(
        `INSERT INTO paragraph_vote (paragraph_id, position, question, yes_means, no_means,
                                     yes_count, no_count, abstain_count, result,
                                     decided_by_casting_vote, recorded_as, roll_call_note)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM paragraph_vote WHERE paragraph_id = $1),
                 $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          dto.question,
          dto.yesMeans ?? null,
          dto.noMeans ?? null,
          t?.yes ?? null,
          t?.no ?? null,
          t?.abstain ?? null,
          dto.result,
          !!t && t.yes === t.no && dto.result !== 'tie',
          t ? 'printed_totals' : 'result_only',
          dto.rollCallNote ?? null,
        ],
      );
    });
  }

  /** "(V) reserverade sig mot beslutet": a reservation by party groups, no person named. */
  addPartyReservation(actor: Actor, id: string, dto: PartyReservationDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p, meeting) => {
      this.assertTranscribed(meeting, 'A reservation without a named person', 'partyGroups');
      await m.query(
        `INSERT INTO paragraph_reservation (paragraph_id, person_id, party_groups, reason)
         VALUES ($1, NULL, $2, $3)`,
        [id, dto.partyGroups.trim(), dto.reason ?? null],
      );
    });
  }

  /** Särskilt yttrande by a person and/or a party group. */
  addSpecialStatement(actor: Actor, id: string, dto: SpecialStatementDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      const party = dto.partyGroups?.trim() || null;
      if (!dto.personId && !party) {
        throw new RuleViolationError('A special statement is made by a person or a party group', {
          field: 'personId',
        });
      }
      await assertPersonsOfOrganisation(m, p.organisationId, [dto.personId], 'personId');
      await m.query(
        `INSERT INTO paragraph_special_statement (paragraph_id, position, person_id, party_groups, text)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM paragraph_special_statement WHERE paragraph_id = $1), $2, $3, $4)`,
        [id, dto.personId ?? null, party, dto.text],
      );
    });
  }

  /** "X (S) instämmer i yrkandet" / "med instämmande av X": a member joins a floor motion. */
  addMotionSupporter(
    actor: Actor,
    id: string,
    position: number,
    dto: MotionSupporterDto,
  ): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p, meeting) => {
      const [motion]: { id: string; proposer_person_id: string }[] = await m.query(
        `SELECT id, proposer_person_id FROM paragraph_motion WHERE paragraph_id = $1 AND position = $2`,
        [id, position],
      );
      if (!motion) throw new NotFoundError('motion', String(position));
      await assertPersonsOfOrganisation(m, p.organisationId, [dto.personId], 'personId');
      if (motion.proposer_person_id === dto.personId) {
        throw new RuleViolationError('The proposer cannot join their own motion', {
          field: 'personId',
        });
      }
      if (meeting.recordedAs === 'live') {
        const attendance = await effectiveAttendance(m, this.people, p, meeting.meetingDate);
        if (!attendance.voterPersonIds.includes(dto.personId)) {
          throw new RuleViolationError(
            'Only a member taking part in the paragraph can join a motion',
            { field: 'personId' },
          );
        }
      }
      await m.query(
        `INSERT INTO paragraph_motion_supporter (paragraph_id, motion_id, person_id, position)
         VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM paragraph_motion_supporter WHERE motion_id = $2))`,
        [id, motion.id, dto.personId],
      );
    });
  }

  /**
   * A transcribed protocol adjusted on paper, its signatures shown as boxes or names the
   * register does not hold: the registrar records it as adjusted on the printed (possibly
   * partial, possibly missing) day. The minutes are then frozen like any adjusted minutes.
   */
  paperAdjustment(actor: Actor, id: string, dto: PaperAdjustmentDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await lockMeeting(m, actor, id);
      this.assertTranscribed(meeting, 'Adjustment without named signatures', 'adjustedOn');
      if (meeting.adjustedAt) {
        throw new ConflictError('The minutes are already adjusted', {
          allowedNextSteps: ['announcement'],
        });
      }
      const printed = dto.adjustedOn ?? null;
      if (
        comparePartialDates(printed, meeting.meetingDate ?? meeting.meetingDatePartial) === 'before'
      ) {
        throw new RuleViolationError('adjustedOn cannot be before the meeting', {
          field: 'adjustedOn',
        });
      }
      const undecided: { reference: string }[] = await m.query(
        `SELECT reference FROM paragraph WHERE meeting_id = $1 AND decision_recorded_at IS NULL ORDER BY number`,
        [id],
      );
      if (undecided.length > 0) {
        throw new ConflictError('Every paragraph needs its decision recorded before adjustment', {
          paragraphs: undecided.map((u) => u.reference),
          allowedNextSteps: ['decision'],
        });
      }
      await snapshotAttendance(m, `p.meeting_id = $1 AND p.adjusted_at IS NULL`, [id]);
      // adjusted_at is when the register locked the record; the views print the paper's day.
      await m.query(
        `UPDATE paragraph SET adjusted_at = now() WHERE meeting_id = $1 AND adjusted_at IS NULL`,
        [id],
      );
      await m.query(
        `UPDATE meeting SET status = 'adjusted', adjusted_at = now(), updated_at = now(),
                adjusted_on_paper = true, adjusted_on_printed = $2
          WHERE id = $1`,
        [id, printed],
      );
      await this.minutes.freezeMeeting(m, id);
      return this.minutes.getMeetingView(actor, id, m);
    });
  }

  private assertTranscribed(meeting: Meeting, what: string, field: string): void {
    if (meeting.recordedAs !== 'transcribed') {
      throw new RuleViolationError(
        `${what} can only be recorded for a meeting transcribed from a printed protocol`,
        { field },
      );
    }
  }

  private draftWrite(
    actor: Actor,
    id: string,
    work: (m: EntityManager, p: Paragraph, meeting: Meeting) => Promise<void>,
  ): Promise<ParagraphView> {
    return this.tx.run(async (m) => {
      const p = await lockParagraph(m, actor, id);
      assertParagraphDraft(p);
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
      await work(m, p, meeting);
      return this.minutes.getParagraphView(id, m);
    });
  }
}
