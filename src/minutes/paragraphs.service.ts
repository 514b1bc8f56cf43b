import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Body, isDecidingKind } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { assertDelegationCovers } from '../delegations/delegation-rules';
import { PeopleService } from '../people/people.service';
import { assertAttendanceValid, assertQuorumAtAdjustment, effectiveAttendance } from './attendance';
import { decidedAsProposed, diffClauses } from './clause-diff';
import {
  AnnounceDto,
  AppealDto,
  CorrectionDto,
  CreateParagraphDto,
  DecisionDto,
  ImmediateAdjustmentDto,
  LinkProposalDto,
  MotionDto,
  ProtocolNoteDto,
  RecusalDto,
  ReservationDto,
  SetAttendanceDto,
  UpdateParagraphDto,
  VoteDto,
} from './dto/minutes.dto';
import { snapshotAttendance } from './meetings.service';
import { insertAnnouncement, linkParagraphsToAnnouncement } from '../notices/announcements';
import { Meeting } from './meeting.entity';
import {
  assertMeetingNotAdjusted,
  assertParagraphDraft,
  assertPersonsOfOrganisation,
  fullMeetingDate,
  lockMeeting,
  lockParagraph,
  pastInstant,
} from './minutes-write.helpers';
import { MinutesService, ParagraphView, swedishDateOf } from './minutes.service';
import { assertChainBodies, continuedChain, proposalHeadingOf } from './proposal-chain';
import { Paragraph } from './paragraph.entity';
import {
  agendaItemOf,
  assertPrintedNumberAllowed,
  assignParagraphNumber,
  caseNumbersOf,
  numberingPeriodOf,
} from '../numbering/numbering';
import { paragraphSortKey, replaceRelations } from '../numbering/relations';
import { paragraphReference } from '../numbering/reference-pattern';

/** A paragraph under delegation is a final decision, appealable exactly as the delegation says. */
function assertDelegatedDecision(
  outcomeKind: string,
  appealable: boolean | undefined,
  delegationAppealable: boolean,
): void {
  if (outcomeKind !== 'decision') {
    throw new RuleViolationError('A paragraph decided under delegation is a final decision', {
      field: 'outcomeKind',
    });
  }
  if (appealable !== undefined && appealable !== delegationAppealable) {
    throw new RuleViolationError(
      `The delegation says decisions under it are ${delegationAppealable ? '' : 'not '}appealable`,
      { field: 'appealable' },
    );
  }
}

/** Finally decided proposals cannot be handled again. */
const OPEN_PROPOSAL_STATUSES = ['open', 'tabled', 'sent_back'];

/** Paragraphs (§): numbering, contents, attendance, votes, decisions, adjustment and appeal. */
@Injectable()
export class ParagraphsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly people: PeopleService,
    private readonly minutes: MinutesService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Adds a paragraph to a meeting with the next number of its body's numbering period. The
   * counter row is locked by the upsert until commit, so concurrent requests queue and the
   * numbers stay unique and gap-free (a rolled-back request also rolls back its number).
   */
  async createParagraph(
    actor: Actor,
    meetingId: string,
    dto: CreateParagraphDto,
  ): Promise<ParagraphView> {
    return this.tx.run(async (m) => {
      // Check the locked row: a read before the lock could miss an adjustment committed meanwhile.
      const meeting = await lockMeeting(m, actor, meetingId);
      assertMeetingNotAdjusted(meeting);
      // FOR SHARE: a concurrent change of the body's kind or numbering waits for this paragraph
      // (and then sees it), or this waits for that change and numbers by the new mode.
      const body = await m.getRepository(Body).findOneOrFail({
        where: { id: meeting.bodyId },
        lock: { mode: 'pessimistic_read' },
      });
      // Under a delegation the body decides finally, a working committee too (KL 6 kap. 37 §).
      const delegation = dto.delegationId
        ? await assertDelegationCovers(m, dto.delegationId, body.id, meeting.meetingDate)
        : null;
      // A chain continues: handling a proposal that goes on to another body ("föreslår
      // kommunstyrelsen föreslå kommunfullmäktige"), the paragraph by default proposes onward.
      const continued =
        !delegation && dto.outcomeKind === undefined && dto.proposesToBodyId === undefined
          ? await continuedChain(m, dto.proposalIds ?? [])
          : null;
      const outcomeKind =
        dto.outcomeKind ??
        (delegation
          ? 'decision'
          : continued || !isDecidingKind(body.kind)
            ? 'proposal'
            : 'decision');
      if (outcomeKind === 'none' && dto.appealable) {
        throw new RuleViolationError('A paragraph without a decision cannot be appealed', {
          field: 'appealable',
        });
      }
      if (outcomeKind === 'none' && (dto.proposalIds ?? []).length > 0) {
        throw new RuleViolationError('A paragraph without a decision cannot handle a proposal', {
          field: 'proposalIds',
        });
      }
      if (outcomeKind === 'decision' && !isDecidingKind(body.kind) && !delegation) {
        throw new RuleViolationError(
          'A working committee only prepares: its paragraphs are proposals, never final decisions, unless decided under a delegation (give delegationId)',
          { field: 'outcomeKind' },
        );
      }
      if (delegation) assertDelegatedDecision(outcomeKind, dto.appealable, delegation.appealable);
      // A deciding paragraph that names a body to propose to both decides and proposes.
      let proposesToBodyId: string | null =
        dto.proposesToBodyId ??
        continued?.[0] ??
        (outcomeKind === 'proposal' ? body.preparesForBodyId : null);
      const onwardBodyIds = dto.onwardBodyIds ?? continued?.slice(1) ?? [];
      if (outcomeKind === 'proposal' && !proposesToBodyId) {
        throw new RuleViolationError('A proposal needs the deciding body: give proposesToBodyId', {
          field: 'proposesToBodyId',
        });
      }
      if (proposesToBodyId) {
        await assertChainBodies(m, body, [proposesToBodyId, ...onwardBodyIds]);
      } else {
        proposesToBodyId = null;
        if (onwardBodyIds.length > 0 || dto.proposalHeading) {
          throw new RuleViolationError('A proposal chain needs proposesToBodyId', {
            field: dto.proposalHeading ? 'proposalHeading' : 'onwardBodyIds',
          });
        }
      }
      if (outcomeKind === 'proposal' && dto.appealable) {
        throw new RuleViolationError('A preparatory proposal cannot be appealed', {
          field: 'appealable',
        });
      }

      assertPrintedNumberAllowed(meeting.recordedAs, dto.number);
      const period = numberingPeriodOf(
        body.paragraphNumbering,
        meeting.meetingDate ?? meeting.meetingDatePartial,
      );
      const number = await assignParagraphNumber(m, body.id, period, dto.number);
      const caseNumbers = caseNumbersOf(dto.caseNumber, dto.caseNumbers) ?? [];
      const paragraph = await m.getRepository(Paragraph).save({
        organisationId: meeting.organisationId,
        bodyId: body.id,
        meetingId,
        numberingPeriod: period,
        number,
        title: dto.title.trim(),
        caseNumber: caseNumbers[0] ?? null,
        caseNumbers,
        ...paragraphReference({
          pattern: body.referencePattern,
          shortName: body.shortName,
          number,
          meetingDate: meeting.meetingDate ?? meeting.meetingDatePartial,
        }),
        sortKey: String(paragraphSortKey(period, number)),
        numberPrinted: dto.number !== undefined,
        agendaItem: agendaItemOf(dto.agendaItem),
        filingCode: dto.filingCode?.trim() ?? null,
        description: dto.description ?? null,
        questionOrder: null,
        isPublic: dto.isPublic ?? true,
        outcomeKind,
        proposesToBodyId,
        appealable:
          outcomeKind === 'decision' ? (delegation?.appealable ?? dto.appealable ?? true) : false,
        delegationId: delegation?.id ?? null,
      });
      if (proposesToBodyId) {
        await m.query(
          `UPDATE paragraph SET proposal_heading = $2, proposal_clauses_separate = $3 WHERE id = $1`,
          [paragraph.id, dto.proposalHeading?.trim() ?? null, outcomeKind === 'decision'],
        );
        for (const [i, bodyId] of onwardBodyIds.entries()) {
          await m.query(
            `INSERT INTO paragraph_onward_body (paragraph_id, position, body_id) VALUES ($1, $2, $3)`,
            [paragraph.id, i + 1, bodyId],
          );
        }
      }
      await this.replaceBasisDocuments(m, paragraph.id, dto.basisDocuments ?? []);
      await replaceRelations(m, paragraph, dto.relatedParagraphs ?? []);
      for (const proposalId of dto.proposalIds ?? []) {
        await this.linkProposalTo(m, paragraph, proposalId);
      }
      return this.minutes.getParagraphView(paragraph.id, m);
    });
  }

  async updateParagraph(actor: Actor, id: string, dto: UpdateParagraphDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (dto.title !== undefined) set('title', dto.title.trim());
      if (dto.caseNumber !== undefined || dto.caseNumbers !== undefined) {
        const given = caseNumbersOf(dto.caseNumber, dto.caseNumbers);
        // Only caseNumber given: it replaces the first case number and keeps the others.
        const numbers =
          dto.caseNumbers === undefined
            ? dto.caseNumber === null
              ? []
              : [...(given ?? []), ...p.caseNumbers.slice(1)]
            : (given ?? []);
        set('case_numbers', numbers);
        set('case_number', numbers[0] ?? null);
      }
      if (dto.agendaItem !== undefined) set('agenda_item', agendaItemOf(dto.agendaItem));
      if (dto.filingCode !== undefined) set('filing_code', dto.filingCode?.trim() ?? null);
      if (dto.description !== undefined) set('description', dto.description);
      if (dto.questionOrder !== undefined) set('question_order', dto.questionOrder);
      if (dto.isPublic !== undefined) set('is_public', dto.isPublic);
      if (dto.proposalHeading !== undefined) {
        if (!p.proposesToBodyId && dto.proposalHeading !== null) {
          throw new RuleViolationError('Only a paragraph that proposes has a proposal heading', {
            field: 'proposalHeading',
          });
        }
        set('proposal_heading', dto.proposalHeading?.trim() ?? null);
      }
      if (dto.appealable !== undefined) {
        if (dto.appealable && p.outcomeKind !== 'decision') {
          throw new RuleViolationError('A preparatory proposal cannot be appealed', {
            field: 'appealable',
          });
        }
        set('appealable', dto.appealable);
      }
      if (dto.delegationId !== undefined) {
        await this.setDelegation(m, p, dto.delegationId, dto.appealable, set);
      }
      if (sets.length > 0) {
        await m.query(`UPDATE paragraph SET ${sets.join(', ')} WHERE id = $1`, params);
      }
      if (dto.proposalHeading !== undefined && p.proposesToBodyId) {
        // The proposal already sent on (still open) follows its heading.
        await m.query(
          `UPDATE proposal SET heading = $2, updated_at = now() WHERE source_paragraph_id = $1 AND status = 'open'`,
          [id, await proposalHeadingOf(m, id)],
        );
      }
      if (dto.basisDocuments !== undefined) {
        await this.replaceBasisDocuments(m, id, dto.basisDocuments);
      }
      if (dto.relatedParagraphs !== undefined) await replaceRelations(m, p, dto.relatedParagraphs);
    });
  }

  async getParagraph(actor: Actor, id: string): Promise<ParagraphView> {
    return this.minutes.getVisibleParagraphView(actor, id);
  }

  /** Attendance for this paragraph when it differs from the meeting's. */
  async setAttendance(actor: Actor, id: string, dto: SetAttendanceDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
      await assertAttendanceValid(
        m,
        this.people,
        p.bodyId,
        p.organisationId,
        fullMeetingDate(meeting, 'checking the attendance against the seats on the day'),
        dto.entries,
      );
      await m.query(`DELETE FROM paragraph_attendance WHERE paragraph_id = $1`, [id]);
      for (const e of dto.entries) {
        await m.query(
          `INSERT INTO paragraph_attendance (paragraph_id, person_id, role, serving_for_person_id, note, serving_for_vacant_party)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            id,
            e.personId,
            e.role,
            e.servingForPersonId ?? null,
            e.note ?? null,
            e.servingForVacantParty?.trim() || null,
          ],
        );
      }
    });
  }

  /** Jäv: the person is out of the attendance and the vote of this paragraph. */
  async addRecusal(actor: Actor, id: string, dto: RecusalDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      await assertPersonsOfOrganisation(m, p.organisationId, [dto.personId], 'personId');
      const voted: unknown[] = await m.query(
        `SELECT 1 FROM paragraph_vote_ballot WHERE paragraph_id = $1 AND person_id = $2`,
        [id, dto.personId],
      );
      if (voted.length > 0) {
        throw new ConflictError('The person has already voted on this paragraph');
      }
      await m.query(
        `INSERT INTO paragraph_recusal (paragraph_id, person_id, reason) VALUES ($1, $2, $3)`,
        [id, dto.personId, dto.reason ?? null],
      );
    });
  }

  /** A motion from the floor (yrkande). */
  async addMotion(actor: Actor, id: string, dto: MotionDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      await assertPersonsOfOrganisation(
        m,
        p.organisationId,
        [dto.proposerPersonId],
        'proposerPersonId',
      );
      await m.query(
        `INSERT INTO paragraph_motion (paragraph_id, position, proposer_person_id, text)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM paragraph_motion WHERE paragraph_id = $1), $2, $3)`,
        [id, dto.proposerPersonId, dto.text],
      );
    });
  }

  async linkProposal(actor: Actor, id: string, dto: LinkProposalDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, (m, p) => this.linkProposalTo(m, p, dto.proposalId));
  }

  /** An open vote: every member taking part votes yes, no or abstains; the register counts. */
  async addVote(actor: Actor, id: string, dto: VoteDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
      const attendance = await effectiveAttendance(m, this.people, p, meeting.meetingDate);
      // A transcribed paper is the record: quorum is shown, not enforced.
      if (!attendance.quorum && meeting.recordedAs === 'live') {
        throw this.noQuorum(attendance.presentSeats, attendance.seats.length);
      }
      const voters = new Set(attendance.voterPersonIds);
      const ballotIds = dto.ballots.map((b) => b.personId);
      if (new Set(ballotIds).size !== ballotIds.length) {
        throw new RuleViolationError('A person can vote only once', { field: 'ballots' });
      }
      const notEntitled = ballotIds.filter((b) => !voters.has(b));
      const missing = [...voters].filter((v) => !ballotIds.includes(v));
      if (notEntitled.length > 0 || missing.length > 0) {
        throw new RuleViolationError(
          'Every member taking part in the paragraph, and no one else, must vote',
          { field: 'ballots', notEntitled, missing },
        );
      }
      const count = (c: string) => dto.ballots.filter((b) => b.choice === c).length;
      const yes = count('yes');
      const no = count('no');
      let result: 'yes' | 'no' | 'tie' = yes > no ? 'yes' : no > yes ? 'no' : 'tie';
      let casting = false;
      // On a tie the chair has the casting vote (Kommunallagen 5 kap. 57 §).
      const chairChoice = dto.ballots.find((b) => b.personId === meeting.chairPersonId)?.choice;
      if (result === 'tie' && yes > 0 && (chairChoice === 'yes' || chairChoice === 'no')) {
        result = chairChoice;
        casting = true;
      }
      const [vote]: { id: string }[] = await m.query(
        `INSERT INTO paragraph_vote (paragraph_id, position, question, yes_means, no_means,
                                     yes_count, no_count, abstain_count, result, decided_by_casting_vote)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM paragraph_vote WHERE paragraph_id = $1),
                 $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          id,
          dto.question,
          dto.yesMeans ?? null,
          dto.noMeans ?? null,
          yes,
          no,
          count('abstain'),
          result,
          casting,
        ],
      );
      for (const b of dto.ballots) {
        await m.query(
          `INSERT INTO paragraph_vote_ballot (vote_id, paragraph_id, person_id, choice) VALUES ($1, $2, $3, $4)`,
          [vote.id, id, b.personId, b.choice],
        );
      }
    });
  }

  /**
   * Records the decision as ordered clauses (replacing an earlier draft of it). Needs quorum.
   * Handled proposals get their outcome: decided as proposed, with changes (diff by clause),
   * or sent back / tabled / withdrawn. A proposal paragraph produces a proposal to the deciding
   * body instead of a decision.
   */
  async recordDecision(actor: Actor, id: string, dto: DecisionDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      if (p.outcomeKind === 'none') {
        throw new RuleViolationError(
          'This paragraph records no decision (information, "Inga frågor ställs")',
          { field: 'outcomeKind' },
        );
      }
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
      const attendance = await effectiveAttendance(m, this.people, p, meeting.meetingDate);
      // A transcribed paper is the record: quorum is shown, not enforced.
      if (!attendance.quorum && meeting.recordedAs === 'live') {
        throw this.noQuorum(attendance.presentSeats, attendance.seats.length);
      }
      const clauses = dto.clauses.map((c) => c.trim());
      if (clauses.some((c) => c.length === 0)) {
        throw new RuleViolationError('A clause cannot be empty', { field: 'clauses' });
      }
      await m.query(`DELETE FROM paragraph_clause WHERE paragraph_id = $1`, [id]);
      for (const [i, text] of clauses.entries()) {
        await m.query(
          `INSERT INTO paragraph_clause (paragraph_id, position, text) VALUES ($1, $2, $3)`,
          [id, i + 1, text],
        );
      }
      const handled: { proposal_id: string; status: string }[] = await m.query(
        `SELECT h.proposal_id, pr.status FROM proposal_handling h JOIN proposal pr ON pr.id = h.proposal_id
          WHERE h.paragraph_id = $1 ORDER BY h.position FOR UPDATE OF pr`,
        [id],
      );
      if (dto.proposalOutcome && handled.length === 0) {
        throw new RuleViolationError('proposalOutcome needs a proposal handled in the paragraph', {
          field: 'proposalOutcome',
        });
      }
      for (const h of handled) {
        let outcome: string = dto.proposalOutcome ?? '';
        if (!outcome) {
          const proposed: { text: string }[] = await m.query(
            `SELECT text FROM proposal_clause WHERE proposal_id = $1 ORDER BY position`,
            [h.proposal_id],
          );
          outcome = decidedAsProposed(
            diffClauses(
              proposed.map((x) => x.text),
              clauses,
            ),
          )
            ? 'decided_as_proposed'
            : 'decided_with_changes';
        }
        await m.query(
          `UPDATE proposal_handling SET outcome = $3 WHERE proposal_id = $1 AND paragraph_id = $2`,
          [h.proposal_id, id, outcome],
        );
        await m.query(`UPDATE proposal SET status = $2, updated_at = now() WHERE id = $1`, [
          h.proposal_id,
          outcome,
        ]);
      }
      await this.produceProposal(m, p, clauses, dto);
      await m.query(`UPDATE paragraph SET decision_recorded_at = now() WHERE id = $1`, [id]);
    });
  }

  /** Dissent (reservation) by someone who took part in the decision. */
  async addReservation(actor: Actor, id: string, dto: ReservationDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
      await assertPersonsOfOrganisation(m, p.organisationId, [dto.personId], 'personId');
      // A transcribed paper may not print who took part: the printed reservation is the record.
      const attendance = await effectiveAttendance(m, this.people, p, meeting.meetingDate);
      if (meeting.recordedAs === 'live' && !attendance.voterPersonIds.includes(dto.personId)) {
        throw new RuleViolationError(
          'Only a member taking part in the decision can enter a reservation',
          { field: 'personId' },
        );
      }
      await m.query(
        `INSERT INTO paragraph_reservation (paragraph_id, person_id, reason) VALUES ($1, $2, $3)`,
        [id, dto.personId, dto.reason ?? null],
      );
    });
  }

  async addProtocolNote(actor: Actor, id: string, dto: ProtocolNoteDto): Promise<ParagraphView> {
    return this.draftWrite(actor, id, async (m, p) => {
      await assertPersonsOfOrganisation(m, p.organisationId, [dto.personId], 'personId');
      await m.query(
        `INSERT INTO paragraph_protocol_note (paragraph_id, position, person_id, text, party_groups)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM paragraph_protocol_note WHERE paragraph_id = $1), $2, $3, $4)`,
        [id, dto.personId ?? null, dto.text, dto.partyGroups?.trim() || null],
      );
    });
  }

  /** Omedelbar justering: this paragraph is adjusted at the meeting, by chair and adjusters. */
  async adjustImmediately(
    actor: Actor,
    id: string,
    dto: ImmediateAdjustmentDto,
  ): Promise<ParagraphView> {
    return this.tx.run(async (m) => {
      const p = await lockParagraph(m, actor, id);
      if (p.adjustedAt) {
        throw new ConflictError(`Paragraph ${p.reference} is already adjusted`, {
          allowedNextSteps: p.announcedOn ? ['appeals', 'corrections'] : ['announcement'],
        });
      }
      if (!p.decisionRecordedAt && p.outcomeKind !== 'none') {
        throw new ConflictError('Record the decision before adjusting the paragraph', {
          allowedNextSteps: ['decision'],
        });
      }
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
      await assertQuorumAtAdjustment(
        m,
        this.people,
        [p],
        fullMeetingDate(meeting, 'immediate adjustment'),
      );
      const signers: unknown[] = await m.query(
        `SELECT 1 FROM meeting_signatory WHERE meeting_id = $1 AND role = 'adjuster'`,
        [meeting.id],
      );
      if (signers.length === 0 || !meeting.chairPersonId) {
        throw new RuleViolationError(
          'The meeting needs a chair and adjusters to adjust a paragraph',
        );
      }
      const adjustedAt = pastInstant(dto.adjustedAt, 'adjustedAt');
      if (swedishDateOf(adjustedAt) < fullMeetingDate(meeting, 'immediate adjustment')) {
        throw new RuleViolationError('adjustedAt cannot be before the meeting', {
          field: 'adjustedAt',
        });
      }
      await snapshotAttendance(m, `p.id = $1`, [id]);
      await m.query(
        `UPDATE paragraph SET adjusted_at = $2, immediately_adjusted = true WHERE id = $1`,
        [id, adjustedAt],
      );
      // Frozen as of today: later renames or membership changes do not rewrite the record.
      await this.minutes.freezeParagraph(m, id);
      return this.minutes.getParagraphView(id, m);
    });
  }

  /** Notice of an immediately adjusted paragraph (adjusted minutes are announced as a whole). */
  async announce(actor: Actor, id: string, dto: AnnounceDto): Promise<ParagraphView> {
    return this.tx.run(async (m) => {
      const p = await lockParagraph(m, actor, id);
      if (!p.adjustedAt) {
        throw new ConflictError('Only an adjusted paragraph can be announced', {
          allowedNextSteps: ['immediate-adjustment'],
        });
      }
      if (p.announcementId) {
        throw new ConflictError(`Paragraph ${p.reference} is already announced`);
      }
      if (!p.immediatelyAdjusted) {
        throw new ConflictError('This paragraph is announced with the adjusted minutes', {
          allowedNextSteps: ['meeting announcement'],
        });
      }
      const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
      const announcementId = await insertAnnouncement(m, {
        organisationId: p.organisationId,
        meetingId: p.meetingId,
        paragraphId: id,
        meetingDate: meeting.meetingDate,
        adjustedOn: swedishDateOf(p.adjustedAt),
        printedMinutesAdjustmentDate: null,
        postedOn: dto.postedOn,
        printed: dto.printed,
        minutesKeptAt: dto.minutesKeptAt ?? meeting.minutesKeptAt ?? this.config.MINUTES_KEPT_AT,
      });
      await linkParagraphsToAnnouncement(m, announcementId, 'paragraph', id);
      return this.minutes.getParagraphView(id, m);
    });
  }

  /** Laglighetsprövning: an appeal stops the paragraph from becoming final. */
  async registerAppeal(actor: Actor, id: string, dto: AppealDto): Promise<ParagraphView> {
    return this.tx.run(async (m) => {
      const p = await lockParagraph(m, actor, id);
      if (!p.appealable) {
        throw new RuleViolationError('This decision cannot be appealed (it is preparatory)');
      }
      if (p.announcementId && !p.announcedOn) {
        throw new RuleViolationError(
          'The day the notice was posted is not known, so the appeal period cannot be computed',
        );
      }
      if (!p.announcedOn) {
        throw new ConflictError('The decision has not been announced yet', {
          allowedNextSteps: ['announcement'],
        });
      }
      if (p.appealRegisteredAt) throw new ConflictError('An appeal is already registered');
      const at = pastInstant(dto.registeredAt, 'registeredAt');
      // An appeal is lodged against an announced decision: not before the notice was posted.
      if (swedishDateOf(at) < p.announcedOn) {
        throw new RuleViolationError(
          `registeredAt (${swedishDateOf(at)}) cannot be before the decision was announced on the notice board (${p.announcedOn})`,
          { field: 'registeredAt', announcedOn: p.announcedOn },
        );
      }
      // An appeal that comes in after the last day does not stop the decision becoming final
      // (Kommunallagen 13 kap. 5 §); the court dismisses it.
      if (p.appealLastDay && swedishDateOf(at) > p.appealLastDay) {
        throw new RuleViolationError(
          `The appeal period ended on ${p.appealLastDay}: an appeal that came in on ${swedishDateOf(at)} is too late and the decision has become final (laga kraft)`,
          { field: 'registeredAt', appealLastDay: p.appealLastDay },
        );
      }
      await m.query(
        `UPDATE paragraph SET appeal_registered_at = $2, appeal_note = $3 WHERE id = $1`,
        [id, at, dto.note ?? null],
      );
      return this.minutes.getParagraphView(id, m);
    });
  }

  /** Rättelse: a recorded correction beside an adjusted paragraph, never an edit of it. */
  async addCorrection(actor: Actor, id: string, dto: CorrectionDto): Promise<ParagraphView> {
    return this.tx.run(async (m) => {
      const p = await lockParagraph(m, actor, id);
      if (!p.adjustedAt) {
        throw new ConflictError('A draft paragraph is edited, not corrected', {
          allowedNextSteps: ['edit'],
        });
      }
      await m.query(
        `INSERT INTO paragraph_correction (paragraph_id, reason, text, recorded_by_user_id)
         VALUES ($1, $2, $3, $4)`,
        [id, dto.reason, dto.text, actor.userId],
      );
      return this.minutes.getParagraphView(id, m);
    });
  }

  // --- helpers ----------------------------------------------------------------------------

  /** Sets or clears the delegation a draft paragraph is decided under. */
  private async setDelegation(
    m: EntityManager,
    p: Paragraph,
    delegationId: string | null,
    appealable: boolean | undefined,
    set: (column: string, value: unknown) => void,
  ): Promise<void> {
    const body = await m.getRepository(Body).findOneByOrFail({ id: p.bodyId });
    if (delegationId === null) {
      if (!isDecidingKind(body.kind) && p.outcomeKind === 'decision') {
        throw new RuleViolationError(
          'A working committee decides only under a delegation: this paragraph needs one',
          { field: 'delegationId' },
        );
      }
      set('delegation_id', null);
      return;
    }
    const meeting = await m.getRepository(Meeting).findOneByOrFail({ id: p.meetingId });
    const d = await assertDelegationCovers(m, delegationId, p.bodyId, meeting.meetingDate);
    if (p.outcomeKind !== 'decision') {
      throw new RuleViolationError(
        'This paragraph is a proposal: a paragraph decided under delegation is created as a decision',
        { field: 'delegationId' },
      );
    }
    assertDelegatedDecision(p.outcomeKind, appealable, d.appealable);
    set('delegation_id', d.id);
    if (appealable === undefined) set('appealable', d.appealable);
  }

  /** One transaction: lock the draft paragraph, apply the change, return the new view. */
  private draftWrite(
    actor: Actor,
    id: string,
    work: (m: EntityManager, p: Paragraph) => Promise<void>,
  ): Promise<ParagraphView> {
    return this.tx.run(async (m) => {
      const p = await lockParagraph(m, actor, id);
      assertParagraphDraft(p);
      await work(m, p);
      return this.minutes.getParagraphView(id, m);
    });
  }

  private noQuorum(present: number, seats: number): RuleViolationError {
    return new RuleViolationError(
      `The body lacks quorum: ${present} of ${seats} seats are filled, more than half are needed`,
      { presentSeats: present, seats, needed: Math.floor(seats / 2) + 1 },
    );
  }

  private async replaceBasisDocuments(
    m: EntityManager,
    id: string,
    titles: string[],
  ): Promise<void> {
    await m.query(`DELETE FROM paragraph_basis_document WHERE paragraph_id = $1`, [id]);
    for (const [i, title] of titles.entries()) {
      await m.query(
        `INSERT INTO paragraph_basis_document (paragraph_id, position, title) VALUES ($1, $2, $3)`,
        [id, i + 1, title.trim()],
      );
    }
  }

  private async linkProposalTo(m: EntityManager, p: Paragraph, proposalId: string): Promise<void> {
    if (p.outcomeKind === 'none') {
      throw new RuleViolationError('A paragraph without a decision cannot handle a proposal', {
        field: 'proposalId',
      });
    }
    const [proposal]: { id: string; to_body_id: string; status: string }[] = await m.query(
      `SELECT id, to_body_id, status FROM proposal WHERE id = $1 FOR UPDATE`,
      [proposalId],
    );
    if (!proposal) throw new NotFoundError('proposal', proposalId);
    if (proposal.to_body_id !== p.bodyId) {
      throw new RuleViolationError('The proposal is addressed to another body', {
        field: 'proposalId',
      });
    }
    if (!OPEN_PROPOSAL_STATUSES.includes(proposal.status)) {
      throw new ConflictError(`The proposal is already ${proposal.status}`, {
        allowedNextSteps: [],
      });
    }
    const exists: unknown[] = await m.query(
      `SELECT 1 FROM proposal_handling WHERE proposal_id = $1 AND paragraph_id = $2`,
      [proposalId, p.id],
    );
    if (exists.length > 0) throw new ConflictError('The proposal is already handled here');
    await m.query(
      `INSERT INTO proposal_handling (proposal_id, paragraph_id, position)
       VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM proposal_handling WHERE paragraph_id = $2))`,
      [proposalId, p.id],
    );
  }

  /**
   * What the paragraph sends on: a proposal paragraph's clauses, or a deciding paragraph's
   * separate proposal clauses, become a proposal to the next body of the chain. A matter sent
   * back, tabled or withdrawn sends nothing on: a proposal produced by an earlier draft of this
   * decision is removed, so no open proposal is left downstream (issue 10, point 4).
   */
  private async produceProposal(
    m: EntityManager,
    p: Paragraph,
    clauses: string[],
    dto: DecisionDto,
  ): Promise<void> {
    const [flags]: { proposal_clauses_separate: boolean }[] = await m.query(
      `SELECT proposal_clauses_separate FROM paragraph WHERE id = $1`,
      [p.id],
    );
    const separate = flags.proposal_clauses_separate;
    if (dto.proposalClauses && !separate) {
      throw new RuleViolationError(
        'proposalClauses are for a deciding paragraph that also proposes to another body',
        { field: 'proposalClauses' },
      );
    }
    if (dto.proposalOutcome) {
      await this.removeProducedProposal(m, p);
      return;
    }
    if (p.outcomeKind === 'proposal') {
      await this.upsertProducedProposal(m, p, clauses);
    } else if (separate) {
      const proposalClauses = (dto.proposalClauses ?? []).map((c) => c.trim());
      if (proposalClauses.length === 0 || proposalClauses.some((c) => c.length === 0)) {
        throw new RuleViolationError(
          'The paragraph also proposes to another body: give its proposalClauses',
          { field: 'proposalClauses' },
        );
      }
      await this.upsertProducedProposal(m, p, proposalClauses);
    }
  }

  private async removeProducedProposal(m: EntityManager, p: Paragraph): Promise<void> {
    const [existing]: { id: string; status: string; handled: boolean }[] = await m.query(
      `SELECT pr.id, pr.status, EXISTS (SELECT 1 FROM proposal_handling h WHERE h.proposal_id = pr.id) AS handled
         FROM proposal pr WHERE pr.source_paragraph_id = $1 FOR UPDATE`,
      [p.id],
    );
    if (!existing) return;
    if (existing.status !== 'open' || existing.handled) {
      throw new ConflictError(
        'The proposal from this paragraph is already on the agenda of the body it goes to',
        { allowedNextSteps: [] },
      );
    }
    await m.query(`DELETE FROM proposal_clause WHERE proposal_id = $1`, [existing.id]);
    await m.query(`DELETE FROM proposal_basis_document WHERE proposal_id = $1`, [existing.id]);
    await m.query(`DELETE FROM proposal WHERE id = $1`, [existing.id]);
  }

  /** A preparing body's decided paragraph becomes a proposal to the deciding body. */
  private async upsertProducedProposal(
    m: EntityManager,
    p: Paragraph,
    clauses: string[],
  ): Promise<void> {
    const heading = await proposalHeadingOf(m, p.id);
    const [existing]: { id: string; status: string }[] = await m.query(
      `SELECT id, status FROM proposal WHERE source_paragraph_id = $1 FOR UPDATE`,
      [p.id],
    );
    let proposalId: string;
    if (existing) {
      if (existing.status !== 'open') {
        throw new ConflictError('The proposal from this paragraph has already been handled');
      }
      proposalId = existing.id;
      await m.query(
        `UPDATE proposal SET title = $2, case_number = $3, description = $4, heading = $5, updated_at = now() WHERE id = $1`,
        [proposalId, p.title, p.caseNumber, p.description, heading],
      );
      await m.query(`DELETE FROM proposal_clause WHERE proposal_id = $1`, [proposalId]);
      await m.query(`DELETE FROM proposal_basis_document WHERE proposal_id = $1`, [proposalId]);
    } else {
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO proposal (organisation_id, to_body_id, source_kind, source_paragraph_id, heading, title, case_number, description)
         VALUES ($1, $2, 'body_paragraph', $3, $4, $5, $6, $7) RETURNING id`,
        [p.organisationId, p.proposesToBodyId, p.id, heading, p.title, p.caseNumber, p.description],
      );
      proposalId = row.id;
    }
    for (const [i, text] of clauses.entries()) {
      await m.query(
        `INSERT INTO proposal_clause (proposal_id, position, text) VALUES ($1, $2, $3)`,
        [proposalId, i + 1, text],
      );
    }
    await m.query(
      `INSERT INTO proposal_basis_document (proposal_id, position, title)
       SELECT $1, position, title FROM paragraph_basis_document WHERE paragraph_id = $2`,
      [proposalId, p.id],
    );
  }
}
