import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { isCalendarDate, todayInSweden } from '../common/dates';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../common/errors';
import { decodeCursor, encodeCursor, isUuidValue, Page, PageQuery } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { holdsDelegationFor } from '../delegations/delegation-rules';
import { paragraphAttendanceRows } from '../minutes/attendance';
import { isSeatHolder } from '../people/membership.entity';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import {
  AddMotionDocumentDto,
  CreateMotionDto,
  ListMotionsQuery,
  MotionBodySettingDto,
  MotionStepDto,
  UpdateMotionDto,
} from './dto/motion.dto';
import {
  Motion,
  MotionBodySetting,
  MotionClause,
  MotionDocument,
  MotionEvent,
  MotionSignatory,
} from './motion.entity';
import {
  allowedOutcomesFrom,
  allowedStepsFrom,
  expectedNextStep,
  isOverdue,
  MotionOutcome,
  MotionStatus,
  MotionStep,
  NextStep,
  oneYearAfter,
  STEP_TARGET,
} from './motion-rules';
import { eventVisibleTo, motionFromRow, motionsSeenBy, paramList } from './motion-visibility';

/** A paragraph as the shared minutes contract describes it (tables `paragraph`, `meeting`). */
export interface ParagraphRef {
  id: string;
  organisationId: string;
  bodyId: string;
  meetingId: string;
  outcomeKind: 'decision' | 'proposal';
  meetingDate: string;
  reference: string;
}

export interface SignatoryView {
  personId: string;
  name: string;
  /** Party when the motion was signed. */
  party: string | null;
}

export interface MotionSummary {
  id: string;
  organisationId: string;
  kind: Motion['kind'];
  title: string;
  caseNumber: string | null;
  body: { id: string; name: string; shortName: string; kind: Body['kind'] };
  raisedOn: string;
  decisionDue: string;
  status: MotionStatus;
  outcome: MotionOutcome | null;
  referredTo: string | null;
  answerDue: string | null;
  decidedOn: string | null;
  closedOn: string | null;
  overdue: boolean;
  signatories: SignatoryView[];
  citizenName: string | null;
  allowedNextSteps: readonly MotionStep[];
  nextStep: NextStep | null;
}

export interface TimelineEntry {
  id: string;
  seq: number;
  kind: MotionEvent['kind'];
  date: string;
  fromStatus: MotionStatus | null;
  toStatus: MotionStatus;
  outcome: MotionOutcome | null;
  referredTo: string | null;
  answerDue: string | null;
  paragraph: { id: string; reference: string } | null;
  document: { id: string; title: string; documentDate: string } | null;
  note: string | null;
  recordedAt: Date;
}

export interface MotionView extends MotionSummary {
  raisedParagraph: { id: string; reference: string } | null;
  decisionParagraph: { id: string; reference: string } | null;
  clauses: { position: number; text: string }[];
  documents: { id: string; title: string; documentDate: string; reference: string | null }[];
  allowedOutcomes: readonly MotionOutcome[];
  timeline: TimelineEntry[];
}

const quote = (s: string) => `"${s}"`;

@Injectable()
export class MotionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly people: PeopleService,
  ) {}

  // ---------------------------------------------------------------- writes

  async raiseMotion(actor: Actor, dto: CreateMotionDto): Promise<MotionView> {
    const id = await this.tx.run(async (m) => {
      const body = await m.getRepository(Body).findOneBy({ id: dto.bodyId });
      if (!body) throw new NotFoundError('body', dto.bodyId);
      assertCanWrite(actor, body.organisationId);
      const signatoryIds = dto.signatoryIds ?? [];
      await this.assertKindFitsBody(m, dto, body, signatoryIds);

      let raisedParagraph: ParagraphRef | null = null;
      if (dto.raisedParagraphId) {
        raisedParagraph = await this.findParagraph(m, dto.raisedParagraphId);
        this.assertParagraphOfOrganisation(raisedParagraph, body.organisationId);
        if (raisedParagraph.bodyId !== body.id) {
          throw new RuleViolationError(
            `Paragraph ${raisedParagraph.reference} is not a paragraph of ${body.name}`,
          );
        }
        if (dto.kind === 'initiative' && raisedParagraph.meetingDate !== dto.raisedOn) {
          throw new RuleViolationError(
            `An initiative is raised at a meeting: raisedOn must be the meeting date ${raisedParagraph.meetingDate}`,
          );
        }
        if (raisedParagraph.meetingDate < dto.raisedOn) {
          throw new RuleViolationError(
            `The paragraph's meeting (${raisedParagraph.meetingDate}) is before the date raised`,
            { field: 'raisedParagraphId' },
          );
        }
      }
      const signatories = await this.findSignatories(m, body, signatoryIds, dto, raisedParagraph);

      const motion = await m.getRepository(Motion).save({
        organisationId: body.organisationId,
        bodyId: body.id,
        kind: dto.kind,
        title: dto.title.trim(),
        caseNumber: dto.caseNumber?.trim() ?? null,
        raisedOn: dto.raisedOn,
        raisedParagraphId: raisedParagraph?.id ?? null,
        citizenName: dto.citizenName?.trim() ?? null,
        decisionDue: oneYearAfter(dto.raisedOn),
        status: 'raised' as const,
        outcome: null,
        referredTo: null,
        answerDue: null,
        decidedOn: null,
        decisionParagraphId: null,
        closedOn: null,
      });
      await m.getRepository(MotionSignatory).save(
        signatories.map((p, i) => ({
          motionId: motion.id,
          personId: p.id,
          position: i + 1,
          party: p.party,
        })),
      );
      await m.getRepository(MotionClause).save(
        (dto.clauses ?? []).map((text, i) => ({
          motionId: motion.id,
          position: i + 1,
          text: text.trim(),
        })),
      );
      await m.getRepository(MotionEvent).save({
        motionId: motion.id,
        seq: 1,
        kind: 'raised' as const,
        occurredOn: dto.raisedOn,
        fromStatus: null,
        toStatus: 'raised' as const,
        outcome: null,
        referredTo: null,
        answerDue: null,
        paragraphId: raisedParagraph?.id ?? null,
        documentId: null,
        note: null,
      });
      return motion.id;
    });
    return this.getMotion(actor, id);
  }

  async updateMotion(actor: Actor, id: string, dto: UpdateMotionDto): Promise<MotionView> {
    await this.tx.run(async (m) => {
      const motion = await this.lockMotion(m, id);
      assertCanWrite(actor, motion.organisationId);
      if (dto.title !== undefined) motion.title = dto.title.trim();
      if (dto.caseNumber !== undefined) motion.caseNumber = dto.caseNumber.trim();
      await m.getRepository(Motion).save(motion);
    });
    return this.getMotion(actor, id);
  }

  async addDocument(actor: Actor, id: string, dto: AddMotionDocumentDto): Promise<MotionDocument> {
    return this.tx.run(async (m) => {
      const motion = await this.lockMotion(m, id);
      assertCanWrite(actor, motion.organisationId);
      if (dto.documentDate < motion.raisedOn) {
        throw new RuleViolationError(
          `documentDate ${dto.documentDate} is before the date the motion was raised (${motion.raisedOn})`,
          { field: 'documentDate' },
        );
      }
      return m.getRepository(MotionDocument).save({
        motionId: motion.id,
        title: dto.title.trim(),
        documentDate: dto.documentDate,
        reference: dto.reference?.trim() ?? null,
      });
    });
  }

  /**
   * Moves a motion one step along its life cycle and records the dated event, in one
   * transaction: a refused step changes nothing.
   */
  async takeStep(actor: Actor, id: string, dto: MotionStepDto): Promise<MotionView> {
    await this.tx.run(async (m) => {
      const motion = await this.lockMotion(m, id);
      assertCanWrite(actor, motion.organisationId);

      const allowed = allowedStepsFrom(motion.status);
      if (!allowed.includes(dto.step)) {
        throw new ConflictError(
          motion.status === 'decided' && dto.step === 'decide'
            ? `The motion is already decided (${motion.outcome} on ${motion.decidedOn})`
            : `A motion that is ${motion.status} cannot take the step ${dto.step}`,
          { currentStatus: motion.status, allowedNextSteps: allowed },
        );
      }
      this.assertStepFields(dto);
      if (dto.step === 'decide') {
        const outcomes = allowedOutcomesFrom(motion.status);
        if (!outcomes.includes(dto.outcome!)) {
          throw new ConflictError(
            `A motion that is ${motion.status} has not been answered: it can only be written off`,
            { currentStatus: motion.status, allowedNextSteps: allowed, allowedOutcomes: outcomes },
          );
        }
      }

      const paragraph = dto.paragraphId ? await this.findParagraph(m, dto.paragraphId) : null;
      if (paragraph) this.assertParagraphOfOrganisation(paragraph, motion.organisationId);
      const date = dto.date ?? paragraph?.meetingDate;
      if (!date) {
        throw new ValidationFailedError([
          { field: 'date', messages: ['date is required when no paragraphId is given'] },
        ]);
      }
      if (paragraph && paragraph.meetingDate !== date) {
        throw new RuleViolationError(
          `date ${date} is not the meeting date ${paragraph.meetingDate} of ${paragraph.reference}`,
          { field: 'date' },
        );
      }
      // The field that gave the day: date, or the meeting date of paragraphId.
      const dateField = dto.date ? 'date' : 'paragraphId';
      if (date < motion.raisedOn) {
        throw new RuleViolationError(
          `The ${dto.step} date ${date} is before the date the motion was raised (${motion.raisedOn})`,
          { field: dateField },
        );
      }
      const today = todayInSweden();
      if (date > today) {
        throw new RuleViolationError(
          `The ${dto.step} date ${date} is in the future (today is ${today})`,
          { field: dateField },
        );
      }
      const last = await m
        .getRepository(MotionEvent)
        .findOneOrFail({ where: { motionId: motion.id }, order: { seq: 'DESC' } });
      if (date < last.occurredOn) {
        throw new RuleViolationError(
          `The ${dto.step} date ${date} is before the latest event of the timeline (${last.occurredOn})`,
          { field: dateField },
        );
      }
      if (dto.step === 'decide' && paragraph)
        await this.assertDecidingParagraph(m, paragraph, motion);
      if (dto.step === 'refer' && dto.answerDue && dto.answerDue < date) {
        throw new RuleViolationError('answerDue must not be before the date of the referral', {
          field: 'answerDue',
        });
      }
      if (dto.documentId) {
        const document = await m
          .getRepository(MotionDocument)
          .findOneBy({ id: dto.documentId, motionId: motion.id });
        if (!document) throw new NotFoundError('motion document', dto.documentId);
      }

      const from = motion.status;
      const to = STEP_TARGET[dto.step];
      motion.status = to;
      if (dto.step === 'refer') {
        motion.referredTo = dto.referredTo!.trim();
        motion.answerDue = dto.answerDue ?? null;
      }
      if (dto.step === 'decide') {
        motion.outcome = dto.outcome!;
        motion.decidedOn = date;
        motion.decisionParagraphId = paragraph?.id ?? null;
      }
      if (to === 'decided' || to === 'withdrawn') motion.closedOn = date;
      await m.getRepository(Motion).save(motion);
      await m.getRepository(MotionEvent).save({
        motionId: motion.id,
        seq: last.seq + 1,
        kind: to,
        occurredOn: date,
        fromStatus: from,
        toStatus: to,
        outcome: dto.step === 'decide' ? dto.outcome! : null,
        referredTo: dto.step === 'refer' ? dto.referredTo!.trim() : null,
        answerDue: dto.step === 'refer' ? (dto.answerDue ?? null) : null,
        paragraphId: paragraph?.id ?? null,
        documentId: dto.documentId ?? null,
        note: dto.note?.trim() ?? null,
      });
    });
    return this.getMotion(actor, id);
  }

  async getBodySetting(
    bodyId: string,
  ): Promise<{ bodyId: string; allowsCitizenProposals: boolean }> {
    const body = await this.dataSource.getRepository(Body).findOneBy({ id: bodyId });
    if (!body) throw new NotFoundError('body', bodyId);
    const setting = await this.dataSource.getRepository(MotionBodySetting).findOneBy({ bodyId });
    return { bodyId, allowsCitizenProposals: setting?.allowsCitizenProposals ?? false };
  }

  async setBodySetting(
    actor: Actor,
    bodyId: string,
    dto: MotionBodySettingDto,
  ): Promise<{ bodyId: string; allowsCitizenProposals: boolean }> {
    await this.tx.run(async (m) => {
      const body = await m.getRepository(Body).findOneBy({ id: bodyId });
      if (!body) throw new NotFoundError('body', bodyId);
      assertCanWrite(actor, body.organisationId);
      const repo = m.getRepository(MotionBodySetting);
      const existing = await repo.findOne({
        where: { bodyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) {
        existing.allowsCitizenProposals = dto.allowsCitizenProposals;
        await repo.save(existing);
      } else {
        await repo.save({ bodyId, allowsCitizenProposals: dto.allowsCitizenProposals });
      }
    });
    return this.getBodySetting(bodyId);
  }

  // ---------------------------------------------------------------- reads

  /**
   * The motion as the actor may see it: outsiders (anonymous users, other organisations) get the
   * public state and a timeline without events of unpublished paragraphs.
   */
  async getMotion(actor: Actor, id: string, today: string = todayInSweden()): Promise<MotionView> {
    const ds = this.dataSource;
    const { params, param } = paramList();
    const source = motionsSeenBy(actor, param);
    const found: Record<string, unknown>[] = await ds.query(
      `SELECT m.* FROM ${source} m WHERE m.id = ${param(id)}`,
      params,
    );
    if (found.length === 0) throw new NotFoundError('motion', id);
    const motion = motionFromRow(found[0]);
    const [summary] = await this.summarise([motion], today);
    const clauses = await ds
      .getRepository(MotionClause)
      .find({ where: { motionId: id }, order: { position: 'ASC' } });
    const documents = await ds
      .getRepository(MotionDocument)
      .find({ where: { motionId: id }, order: { documentDate: 'ASC', createdAt: 'ASC' } });
    const visible = paramList();
    const visibleIds: { id: string }[] = await ds.query(
      `SELECT e.id FROM motion_event e JOIN motion m ON m.id = e.motion_id
        WHERE e.motion_id = ${visible.param(id)}
          AND (e.kind = 'raised' OR ${eventVisibleTo(actor, visible.param, 'm.organisation_id')})`,
      visible.params,
    );
    const shown = new Set(visibleIds.map((x) => x.id));
    const events = (
      await ds.getRepository(MotionEvent).find({ where: { motionId: id }, order: { seq: 'ASC' } })
    ).filter((e) => shown.has(e.id));
    // The raised event stays (the day raised is public) but without an unpublished paragraph.
    const raisedEvent = events.find((e) => e.kind === 'raised');
    if (raisedEvent && raisedEvent.paragraphId !== motion.raisedParagraphId) {
      raisedEvent.paragraphId = motion.raisedParagraphId;
    }
    const references = await this.paragraphReferences([
      ...events.map((e) => e.paragraphId),
      motion.raisedParagraphId,
      motion.decisionParagraphId,
    ]);
    const paragraphRef = (pid: string | null) =>
      pid ? { id: pid, reference: references.get(pid) ?? '' } : null;
    const documentById = new Map(documents.map((d) => [d.id, d]));
    return {
      ...summary,
      raisedParagraph: paragraphRef(motion.raisedParagraphId),
      decisionParagraph: paragraphRef(motion.decisionParagraphId),
      clauses: clauses.map((c) => ({ position: c.position, text: c.text })),
      documents: documents.map((d) => ({
        id: d.id,
        title: d.title,
        documentDate: d.documentDate,
        reference: d.reference,
      })),
      allowedOutcomes: allowedOutcomesFrom(motion.status),
      timeline: events.map((e) => {
        const document = e.documentId ? documentById.get(e.documentId) : undefined;
        return {
          id: e.id,
          seq: e.seq,
          kind: e.kind,
          date: e.occurredOn,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          outcome: e.outcome,
          referredTo: e.referredTo,
          answerDue: e.answerDue,
          paragraph: paragraphRef(e.paragraphId),
          document: document
            ? { id: document.id, title: document.title, documentDate: document.documentDate }
            : null,
          note: e.note,
          recordedAt: e.createdAt,
        };
      }),
    };
  }

  /**
   * Motions newest first, filtered and paged in SQL on the state the actor may see (see
   * motionsSeenBy): a status filter never finds an unpublished decision.
   */
  async listMotions(actor: Actor, query: ListMotionsQuery): Promise<Page<MotionSummary>> {
    const on = query.on ?? todayInSweden();
    const { params, param } = paramList();
    const source = motionsSeenBy(actor, param);
    const where: string[] = [];
    if (query.organisationId) where.push(`m.organisation_id = ${param(query.organisationId)}`);
    if (query.bodyId) where.push(`m.body_id = ${param(query.bodyId)}`);
    if (query.kind) where.push(`m.kind = ${param(query.kind)}`);
    if (query.status) where.push(`m.status = ${param(query.status)}`);
    if (query.signatoryId) {
      where.push(
        `EXISTS (SELECT 1 FROM motion_signatory s WHERE s.motion_id = m.id AND s.person_id = ${param(query.signatoryId)})`,
      );
    }
    if (query.party) {
      where.push(
        `EXISTS (SELECT 1 FROM motion_signatory s WHERE s.motion_id = m.id AND s.party = ${param(query.party)})`,
      );
    }
    if (query.overdue !== undefined) {
      const overdue = `(m.status NOT IN ('decided', 'withdrawn') AND m.decision_due < ${param(on)}::date)`;
      where.push(query.overdue ? overdue : `NOT ${overdue}`);
    }
    if (query.raisedFrom) where.push(`m.raised_on >= ${param(query.raisedFrom)}::date`);
    if (query.raisedTo) where.push(`m.raised_on <= ${param(query.raisedTo)}::date`);
    if (query.cursor) {
      const [raisedOn, id] = decodeCursor<[string, string]>(query.cursor, [
        isCalendarDate,
        isUuidValue,
      ]);
      where.push(`(m.raised_on, m.id) < (${param(raisedOn)}::date, ${param(id)}::uuid)`);
    }
    const limit = query.limit ?? 50;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT m.* FROM ${source} m ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY m.raised_on DESC, m.id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const motions = rows.slice(0, limit).map(motionFromRow);
    const last = motions[motions.length - 1];
    return {
      items: await this.summarise(motions, on),
      nextCursor: rows.length > limit && last ? encodeCursor([last.raisedOn, last.id]) : null,
    };
  }

  /** A person's motions (as signatory), newest first, with current status and next step. */
  async listPersonMotions(
    actor: Actor,
    personId: string,
    page: PageQuery,
  ): Promise<Page<MotionSummary>> {
    if (!(await this.dataSource.getRepository(Person).existsBy({ id: personId }))) {
      throw new NotFoundError('person', personId);
    }
    return this.listMotions(actor, { ...page, signatoryId: personId });
  }

  async listMyMotions(actor: Actor, page: PageQuery): Promise<Page<MotionSummary>> {
    if (!actor.personId) {
      throw new RuleViolationError('Only a user who is a person (a politician) has motions');
    }
    return this.listPersonMotions(actor, actor.personId, page);
  }

  /** Summaries with body, signatories, overdue flag (judged on `on`) and next step. */
  async summarise(motions: Motion[], on: string): Promise<MotionSummary[]> {
    if (motions.length === 0) return [];
    const ids = motions.map((m) => m.id);
    const bodies = await this.dataSource
      .getRepository(Body)
      .findBy({ id: In([...new Set(motions.map((m) => m.bodyId))]) });
    const bodyById = new Map(bodies.map((b) => [b.id, b]));
    const rows: (SignatoryView & { motionId: string })[] = await this.dataSource.query(
      `SELECT s.motion_id AS "motionId", s.person_id AS "personId", p.name, s.party
         FROM motion_signatory s JOIN person p ON p.id = s.person_id
        WHERE s.motion_id = ANY($1) ORDER BY s.motion_id, s.position`,
      [ids],
    );
    // Grouped once: filtering all rows per motion would be quadratic on long lists.
    const signatoriesOf = new Map<string, SignatoryView[]>();
    for (const r of rows) {
      const list = signatoriesOf.get(r.motionId) ?? [];
      list.push({ personId: r.personId, name: r.name, party: r.party });
      signatoriesOf.set(r.motionId, list);
    }
    return motions.map((m) => {
      const body = bodyById.get(m.bodyId)!;
      return {
        id: m.id,
        organisationId: m.organisationId,
        kind: m.kind,
        title: m.title,
        caseNumber: m.caseNumber,
        body: { id: body.id, name: body.name, shortName: body.shortName, kind: body.kind },
        raisedOn: m.raisedOn,
        decisionDue: m.decisionDue,
        status: m.status,
        outcome: m.outcome,
        referredTo: m.referredTo,
        answerDue: m.answerDue,
        decidedOn: m.decidedOn,
        closedOn: m.closedOn,
        overdue: isOverdue(m.status, m.decisionDue, on),
        signatories: signatoriesOf.get(m.id) ?? [],
        citizenName: m.citizenName,
        allowedNextSteps: allowedStepsFrom(m.status),
        nextStep: expectedNextStep(m),
      };
    });
  }

  // ---------------------------------------------------------------- rules

  private async lockMotion(m: EntityManager, id: string): Promise<Motion> {
    const motion = await m
      .getRepository(Motion)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!motion) throw new NotFoundError('motion', id);
    return motion;
  }

  /**
   * Motions are raised in the council (KL 4 kap. 19 §), initiatives at a board or committee
   * (KL 4 kap. 20 §), citizen proposals only where the council allows them (KL 8 kap. 1 §).
   */
  private async assertKindFitsBody(
    m: EntityManager,
    dto: CreateMotionDto,
    body: Body,
    signatoryIds: string[],
  ): Promise<void> {
    if (dto.kind === 'motion' && body.kind !== 'council') {
      throw new RuleViolationError(
        `A motion is raised in the council; ${body.name} is a ${body.kind}`,
      );
    }
    if (dto.kind === 'initiative' && body.kind !== 'board' && body.kind !== 'committee') {
      throw new RuleViolationError(
        `An initiative is raised at a board or committee; ${body.name} is a ${body.kind}`,
      );
    }
    if (dto.kind === 'citizen_proposal') {
      const setting = await m.getRepository(MotionBodySetting).findOneBy({ bodyId: body.id });
      if (!setting?.allowsCitizenProposals) {
        throw new RuleViolationError(`${body.name} does not take citizen proposals`);
      }
      if (!dto.citizenName) {
        throw new ValidationFailedError([
          { field: 'citizenName', messages: ['a citizen proposal names its citizen'] },
        ]);
      }
      if (signatoryIds.length > 0) {
        throw new ValidationFailedError([
          { field: 'signatoryIds', messages: ['a citizen proposal has no signatories'] },
        ]);
      }
      return;
    }
    if (signatoryIds.length === 0) {
      throw new ValidationFailedError([
        { field: 'signatoryIds', messages: [`a ${dto.kind} needs at least one signatory`] },
      ]);
    }
    if (dto.citizenName !== undefined) {
      throw new ValidationFailedError([
        { field: 'citizenName', messages: ['only a citizen proposal names a citizen'] },
      ]);
    }
  }

  /**
   * Every signatory exists, belongs to the organisation and held a seat on the day raised. A
   * substitute (ersättare) may raise a motion or an initiative only while serving at a meeting
   * (KL 4 kap. 19–20 §§): the paragraph where it was raised must be of a meeting on that day
   * where the substitute serves for a seat holder.
   */
  private async findSignatories(
    m: EntityManager,
    body: Body,
    ids: string[],
    dto: CreateMotionDto,
    raisedParagraph: ParagraphRef | null,
  ): Promise<Person[]> {
    if (ids.length === 0) return [];
    const found = await m.getRepository(Person).findBy({ id: In(ids) });
    const byId = new Map(found.map((p) => [p.id, p]));
    const people = ids.map((id) => {
      const person = byId.get(id);
      if (!person) throw new NotFoundError('person', id);
      if (person.organisationId !== body.organisationId) {
        throw new RuleViolationError(`${person.name} belongs to another organisation`);
      }
      return person;
    });
    const seats = await this.people.findMembersOn(body.id, dto.raisedOn, m);
    const members = new Set(seats.map((x) => x.personId));
    const outsiders = people.filter((p) => !members.has(p.id));
    if (outsiders.length > 0) {
      throw new RuleViolationError(
        `Only members of ${body.name} may raise a ${dto.kind} there; not members on ${dto.raisedOn}: ${outsiders.map((p) => quote(p.name)).join(', ')}`,
        { notMembers: outsiders.map((p) => p.id) },
      );
    }
    const seatHolders = new Set(seats.filter((x) => isSeatHolder(x.role)).map((x) => x.personId));
    const substitutes = people.filter((p) => !seatHolders.has(p.id));
    if (substitutes.length > 0) {
      const serving = await this.servingSubstitutes(m, raisedParagraph, dto.raisedOn);
      const notServing = substitutes.filter((p) => !serving.has(p.id));
      if (notServing.length > 0) {
        throw new RuleViolationError(
          `A substitute (ersättare) may raise a ${dto.kind} only while serving at a meeting of ${body.name}: ` +
            `${notServing.map((p) => quote(p.name)).join(', ')} did not serve at the meeting where it was raised` +
            (raisedParagraph ? '' : ' (give raisedParagraphId of that meeting)'),
          { notServing: notServing.map((p) => p.id) },
        );
      }
    }
    return people;
  }

  /** Substitutes serving for a seat holder at the raised paragraph, when its meeting is that day. */
  private async servingSubstitutes(
    m: EntityManager,
    paragraph: ParagraphRef | null,
    raisedOn: string,
  ): Promise<Set<string>> {
    if (!paragraph || paragraph.meetingDate !== raisedOn) return new Set();
    const { rows } = await paragraphAttendanceRows(m, paragraph.id, paragraph.meetingId);
    return new Set(
      rows.filter((r) => r.role === 'substitute' && r.servingForPersonId).map((r) => r.personId),
    );
  }

  private assertStepFields(dto: MotionStepDto): void {
    const errors: { field: string; messages: string[] }[] = [];
    if (dto.step === 'refer' && !dto.referredTo) {
      errors.push({ field: 'referredTo', messages: ['refer needs referredTo (to whom)'] });
    }
    if (dto.step !== 'refer') {
      if (dto.referredTo !== undefined)
        errors.push({ field: 'referredTo', messages: ['referredTo is only for refer'] });
      if (dto.answerDue !== undefined)
        errors.push({ field: 'answerDue', messages: ['answerDue is only for refer'] });
    }
    if (dto.step === 'decide' && !dto.outcome) {
      errors.push({ field: 'outcome', messages: ['decide needs an outcome'] });
    }
    if (dto.step !== 'decide' && dto.outcome !== undefined) {
      errors.push({ field: 'outcome', messages: ['outcome is only for decide'] });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  /**
   * The decision is taken in a deciding paragraph (not a working committee's proposal) of the
   * body where the motion was raised, at a meeting on or after the day it was raised.
   */
  private async assertDecidingParagraph(
    m: EntityManager,
    paragraph: ParagraphRef,
    motion: Motion,
  ): Promise<void> {
    if (paragraph.outcomeKind !== 'decision') {
      throw new RuleViolationError(
        `${paragraph.reference} is a proposal, not a decision: a motion is decided by a deciding body`,
      );
    }
    // The body where it was raised decides, or a body it delegated this kind of matter to
    // (e.g. a council delegating medborgarförslag to its board), in force on the meeting date.
    if (
      paragraph.bodyId !== motion.bodyId &&
      !(await holdsDelegationFor(
        m,
        motion.bodyId,
        paragraph.bodyId,
        motion.kind,
        paragraph.meetingDate,
      ))
    ) {
      throw new RuleViolationError(
        `${paragraph.reference} is not a paragraph of the body where the motion was raised, nor of a body holding its delegation for this kind of matter`,
      );
    }
    if (paragraph.meetingDate < motion.raisedOn) {
      throw new RuleViolationError(
        `The meeting of ${paragraph.reference} (${paragraph.meetingDate}) is before the date raised (${motion.raisedOn})`,
        { field: 'paragraphId' },
      );
    }
  }

  private assertParagraphOfOrganisation(paragraph: ParagraphRef, organisationId: string): void {
    if (paragraph.organisationId !== organisationId) {
      throw new RuleViolationError(
        `Paragraph ${paragraph.reference} belongs to another organisation`,
      );
    }
  }

  private async findParagraph(m: EntityManager, id: string): Promise<ParagraphRef> {
    const rows: ParagraphRef[] = await m.query(
      `SELECT p.id, p.organisation_id AS "organisationId", p.body_id AS "bodyId",
              p.meeting_id AS "meetingId", p.outcome_kind AS "outcomeKind", mt.meeting_date AS "meetingDate", p.reference
         FROM paragraph p JOIN meeting mt ON mt.id = p.meeting_id
        WHERE p.id = $1`,
      [id],
    );
    if (rows.length === 0) throw new NotFoundError('paragraph', id);
    return rows[0];
  }

  private async paragraphReferences(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows: { id: string; reference: string }[] = await this.dataSource.query(
      `SELECT id, reference FROM paragraph WHERE id = ANY($1)`,
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.reference]));
  }
}
