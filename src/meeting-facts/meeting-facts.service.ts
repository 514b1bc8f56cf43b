import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/actor';
import { RuleViolationError } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { isSeatHolder } from '../people/membership.entity';
import { PeopleService } from '../people/people.service';
import { assertMeetingNotAdjusted, lockMeeting } from '../minutes/minutes-write.helpers';
import { MeetingView, MinutesService } from '../minutes/minutes.service';
import { SetAdjournmentsDto, SetChairsDto } from './meeting-facts.dto';

/** Adjournments and the chair per paragraph range of a meeting (replaced as a whole). */
@Injectable()
export class MeetingFactsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly people: PeopleService,
    private readonly minutes: MinutesService,
  ) {}

  async setAdjournments(actor: Actor, id: string, dto: SetAdjournmentsDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await lockMeeting(m, actor, id);
      assertMeetingNotAdjusted(meeting);
      const items = [...dto.adjournments].sort((a, b) => a.fromTime.localeCompare(b.fromTime));
      for (const [i, a] of items.entries()) {
        if (a.toTime <= a.fromTime) {
          throw new RuleViolationError('An adjournment ends after it begins', {
            field: 'toTime',
            fromTime: a.fromTime,
            toTime: a.toTime,
          });
        }
        if (meeting.startTime && a.fromTime < meeting.startTime) {
          throw new RuleViolationError(
            `An adjournment cannot begin before the meeting (kl. ${meeting.startTime})`,
            { field: 'fromTime', fromTime: a.fromTime },
          );
        }
        if (meeting.endTime && a.toTime > meeting.endTime) {
          throw new RuleViolationError(
            `An adjournment cannot end after the meeting (kl. ${meeting.endTime})`,
            { field: 'toTime', toTime: a.toTime },
          );
        }
        const next = items[i + 1];
        if (next && next.fromTime < a.toTime) {
          throw new RuleViolationError('Two adjournments overlap', {
            field: 'fromTime',
            fromTime: next.fromTime,
          });
        }
      }
      const paragraphIds = items.map((a) => a.paragraphId).filter((x): x is string => !!x);
      if (paragraphIds.length > 0) {
        const found: { id: string }[] = await m.query(
          `SELECT id FROM paragraph WHERE id = ANY ($1) AND meeting_id = $2`,
          [paragraphIds, id],
        );
        const ok = new Set(found.map((f) => f.id));
        const foreign = paragraphIds.filter((p) => !ok.has(p));
        if (foreign.length > 0) {
          throw new RuleViolationError('The paragraph is not one of this meeting', {
            field: 'paragraphId',
            paragraphIds: foreign,
          });
        }
      }
      await m.query(`DELETE FROM meeting_adjournment WHERE meeting_id = $1`, [id]);
      for (const [i, a] of items.entries()) {
        await m.query(
          `INSERT INTO meeting_adjournment (meeting_id, position, from_time, to_time, note, paragraph_id)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, i + 1, a.fromTime, a.toTime, a.note ?? null, a.paragraphId ?? null],
        );
      }
      return this.minutes.getMeetingView(actor, id, m);
    });
  }

  async setChairs(actor: Actor, id: string, dto: SetChairsDto): Promise<MeetingView> {
    return this.tx.run(async (m) => {
      const meeting = await lockMeeting(m, actor, id);
      assertMeetingNotAdjusted(meeting);
      if (!meeting.meetingDate) {
        throw new RuleViolationError(
          'The meeting date is not known: who held a seat that day cannot be checked',
          { field: 'chairs' },
        );
      }
      const seats = (await this.people.findMembersOn(meeting.bodyId, meeting.meetingDate, m))
        .filter((s) => isSeatHolder(s.role))
        .map((s) => s.personId);
      const claimed = new Map<number, string>();
      for (const c of dto.chairs) {
        if (!seats.includes(c.personId)) {
          throw new RuleViolationError(
            'A chair presides as a member of the body: the person holds no seat on the meeting day',
            { field: 'personId', personId: c.personId },
          );
        }
        for (const n of c.paragraphNumbers) {
          if (claimed.has(n)) {
            throw new RuleViolationError(`§ ${n} has two chairs`, {
              field: 'paragraphNumbers',
              paragraphNumber: n,
            });
          }
          claimed.set(n, c.personId);
        }
      }
      await m.query(`DELETE FROM meeting_chair_range WHERE meeting_id = $1`, [id]);
      for (const [i, c] of dto.chairs.entries()) {
        await m.query(
          `INSERT INTO meeting_chair_range (meeting_id, position, person_id, paragraph_numbers)
           VALUES ($1, $2, $3, $4)`,
          [id, i + 1, c.personId, [...c.paragraphNumbers].sort((a, b) => a - b)],
        );
      }
      return this.minutes.getMeetingView(actor, id, m);
    });
  }
}
