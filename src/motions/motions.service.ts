import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { isCalendarDate, todayInSweden } from '../common/dates';
import {
  earliest as partialEarliest,
  formatPartialDateSv,
  latest as partialLatest,
  parsePartialDate,
} from '../common/partial-date';
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
  CloseSignaturePeriodDto,
  MotionStepDto,
  SignatureCountDto,
  UpdateMotionDto,
} from './dto/motion.dto';
import {
  CouncilProposalSetting,
  Motion,
  MotionClause,
  MotionDocument,
  MotionEvent,
  MotionSignatory,
} from './motion.entity';
import {
  allowedOutcomesFrom,
  allowedStepsFrom,
  DATE_UNCERTAIN_SV,
  dueState,
  expectedNextStep,
  MotionOutcome,
  MotionStatus,
  MotionStep,
  NAME_NOT_PUBLISHED_SV,
  NextStep,
  oneYearAfter,
  STEP_TARGET,
} from './motion-rules';
import {
  eventVisibleTo,
  motionFromRow,
  motionsSeenBy,
  paramList,
  RAISED_EARLIEST_SQL,
  RAISED_LATEST_SQL,
  RAISED_SORT_SQL,
} from './motion-visibility';
import { DayRange, ProposalSettingsService } from './proposal-settings.service';

/** The raised date as far as it is known. */
export interface RaisedDateView {
  /** 'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or null (not known). */
  value: string | null;
  precision: 'day' | 'month' | 'year' | 'unknown';
  /** Swedish, as printed: '5 mars 2014', 'mars 2014', '2014', 'datum okänt'. */
  text: string;
}

/** The days a motion's raised date can be (null when nothing is known). */
export function raisedRange(m: Pick<Motion, 'raisedOn' | 'raisedPartial'>): DayRange | null {
  if (m.raisedOn) return { earliest: m.raisedOn, latest: m.raisedOn };
  if (m.raisedPartial) {
    return { earliest: partialEarliest(m.raisedPartial), latest: partialLatest(m.raisedPartial) };
  }
  return null;
}

export function raisedDateView(m: Pick<Motion, 'raisedOn' | 'raisedPartial'>): RaisedDateView {
  const value = m.raisedOn ?? m.raisedPartial;
  if (!value) return { value: null, precision: 'unknown', text: formatPartialDateSv(null) };
  const parsed = parsePartialDate(value)!;
  return { value, precision: parsed.precision, text: formatPartialDateSv(parsed.value) };
}

/** The proposer as printed: a name, "namn ej publicerat", or null for motions. */
export function citizenDisplay(
  m: Pick<Motion, 'citizenName' | 'citizenNameUnpublished'>,
): string | null {
  return m.citizenNameUnpublished ? NAME_NOT_PUBLISHED_SV : m.citizenName;
}

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
  /** The raised day, or null when only part of the date (raisedDate) or nothing is known. */
  raisedOn: string | null;
  raisedDate: RaisedDateView;
  transcribed: boolean;
  /** The due day (one-year rule), or null when the raised day is not known. */
  decisionDue: string | null;
  /** The range of possible due days (null when the raised date is not known). */
  decisionDueRange: { earliest: string; latest: string } | null;
  /** The due day is a range, or not known: "datum osäkert". */
  dateUncertain: boolean;
  dateNote: string | null;
  status: MotionStatus;
  outcome: MotionOutcome | null;
  referredTo: string | null;
  answerDue: string | null;
  decidedOn: string | null;
  closedOn: string | null;
  /** Open and past the earliest possible due day. */
  overdue: boolean;
  /** Open and past the latest possible due day. */
  overdueCertain: boolean;
  signatories: SignatoryView[];
  citizenName: string | null;
  citizenNameUnpublished: boolean;
  /** The proposer as printed: a citizen, "namn ej publicerat", or a party group "(MP)". */
  proposer: string | null;
  proposerParty: string | null;
  printedNumber: string | null;
  ePetition: {
    signaturePeriodStart: string | null;
    signaturePeriodEnd: string | null;
    signatureThreshold: number | null;
    signatureCount: number | null;
    handledByBodyId: string | null;
  } | null;
  allowedNextSteps: readonly MotionStep[];
  nextStep: NextStep | null;
}

export interface TimelineEntry {
  id: string;
  seq: number;
  kind: MotionEvent['kind'];
  /** Null only for the raising when the raised day is not known (see raisedDate). */
  date: string | null;
  fromStatus: MotionStatus | null;
  toStatus: MotionStatus;
  outcome: MotionOutcome | null;
  referredTo: string | null;
  answerDue: string | null;
  paragraph: { id: string; reference: string } | null;
  document: { id: string; title: string; documentDate: string } | null;
  note: string | null;
  signatureCount: number | null;
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
    private readonly settings: ProposalSettingsService,
  ) {}

  // ---------------------------------------------------------------- writes

  async raiseMotion(actor: Actor, dto: CreateMotionDto): Promise<MotionView> {
    const id = await this.tx.run(async (m) => {
      const body = await m.getRepository(Body).findOneBy({ id: dto.bodyId });
      if (!body) throw new NotFoundError('body', dto.bodyId);
      assertCanWrite(actor, body.organisationId);
      const raised = this.raisedDateOf(dto);
      const range = raisedRange(raised);
      const signatoryIds = dto.signatoryIds ?? [];
      const setting = await this.assertKindFitsBody(m, dto, body, signatoryIds, range);

      let raisedParagraph: ParagraphRef | null = null;
      if (dto.raisedParagraphId) {
        raisedParagraph = await this.findParagraph(m, dto.raisedParagraphId);
        this.assertParagraphOfOrganisation(raisedParagraph, body.organisationId);
        if (raisedParagraph.bodyId !== body.id) {
          throw new RuleViolationError(
            `Paragraph ${raisedParagraph.reference} is not a paragraph of ${body.name}`,
          );
        }
        if (
          dto.kind === 'initiative' &&
          range &&
          (raisedParagraph.meetingDate < range.earliest ||
            raisedParagraph.meetingDate > range.latest)
        ) {
          throw new RuleViolationError(
            `An initiative is raised at a meeting: raisedOn must be the meeting date ${raisedParagraph.meetingDate}`,
          );
        }
        if (range && raisedParagraph.meetingDate < range.earliest) {
          throw new RuleViolationError(
            `The paragraph's meeting (${raisedParagraph.meetingDate}) is before the date raised`,
            { field: 'raisedParagraphId' },
          );
        }
      }
      const signatories = await this.findSignatories(
        m,
        body,
        signatoryIds,
        dto,
        raised.raisedOn,
        range,
        raisedParagraph,
      );
      const eProposal = dto.kind === 'e_proposal';

      const motion = await m.getRepository(Motion).save({
        organisationId: body.organisationId,
        bodyId: body.id,
        kind: dto.kind,
        title: dto.title.trim(),
        caseNumber: dto.caseNumber?.trim() ?? null,
        raisedOn: raised.raisedOn,
        raisedPartial: raised.raisedPartial,
        transcribed: dto.transcribed ?? false,
        raisedParagraphId: raisedParagraph?.id ?? null,
        citizenName: dto.citizenNameUnpublished ? null : (dto.citizenName?.trim() ?? null),
        citizenNameUnpublished: dto.citizenNameUnpublished ?? false,
        decisionDue: raised.raisedOn ? oneYearAfter(raised.raisedOn) : null,
        decisionDueEarliest: range ? oneYearAfter(range.earliest) : null,
        decisionDueLatest: range ? oneYearAfter(range.latest) : null,
        signaturePeriodStart: null,
        signaturePeriodEnd: null,
        signatureThreshold: eProposal
          ? (dto.signatureThreshold ?? setting?.signatureThreshold ?? null)
          : null,
        signatureCount: null,
        handledByBodyId: eProposal ? (setting?.handledByBodyId ?? null) : null,
        printedNumber: dto.printedNumber?.trim() ?? null,
        proposerParty: dto.proposerParty?.trim() ?? null,
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
        // The raised event carries a day only when the day is known.
        occurredOn: raised.raisedOn,
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
      const range = raisedRange(motion);
      if (range && dto.documentDate < range.earliest) {
        throw new RuleViolationError(
          `documentDate ${dto.documentDate} is before the date the motion was raised (${raisedDateView(motion).text})`,
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

      const allowed = allowedStepsFrom(motion.status, motion.kind, motion.transcribed);
      if (!allowed.includes(dto.step)) {
        throw new ConflictError(
          motion.status === 'decided' && dto.step === 'decide'
            ? `The motion is already decided (${motion.outcome} on ${motion.decidedOn})`
            : `A ${motion.kind} that is ${motion.status} cannot take the step ${dto.step}`,
          { currentStatus: motion.status, allowedNextSteps: allowed },
        );
      }
      this.assertStepFields(dto);
      if (dto.step === 'decide') {
        const outcomes = allowedOutcomesFrom(motion.status, motion.kind, motion.transcribed);
        if (!outcomes.includes(dto.outcome!)) {
          throw new ConflictError(
            `A motion that is ${motion.status} has not been answered: it can only be written off`,
            { currentStatus: motion.status, allowedNextSteps: allowed, allowedOutcomes: outcomes },
          );
        }
      }

      const paragraph = dto.paragraphId ? await this.findParagraph(m, dto.paragraphId) : null;
      if (paragraph) this.assertParagraphOfOrganisation(paragraph, motion.organisationId);
      const date =
        dto.date ??
        paragraph?.meetingDate ??
        (dto.step === 'open_signatures' ? dto.signaturePeriodStart : undefined);
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
      const range = raisedRange(motion);
      if (range && date < range.earliest) {
        throw new RuleViolationError(
          `The ${dto.step} date ${date} is before the date the motion was raised (${raisedDateView(motion).text})`,
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
      if (last.occurredOn !== null && date < last.occurredOn) {
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

      const signatures = this.signatureStep(motion, dto, date);
      const from = motion.status;
      const to = signatures?.to ?? STEP_TARGET[dto.step as Exclude<MotionStep, 'close_signatures'>];
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
      if (to === 'decided' || to === 'withdrawn' || to === 'closed') motion.closedOn = date;
      await m.getRepository(Motion).save(motion);
      await m.getRepository(MotionEvent).save({
        motionId: motion.id,
        seq: last.seq + 1,
        kind: signatures?.event ?? (to as MotionEvent['kind']),
        occurredOn: date,
        fromStatus: from,
        toStatus: to,
        outcome: dto.step === 'decide' ? dto.outcome! : null,
        referredTo: dto.step === 'refer' ? dto.referredTo!.trim() : null,
        answerDue: dto.step === 'refer' ? (dto.answerDue ?? null) : null,
        paragraphId: paragraph?.id ?? null,
        documentId: dto.documentId ?? null,
        note: dto.note?.trim() ?? null,
        signatureCount: signatures?.count ?? null,
      });
    });
    return this.getMotion(actor, id);
  }

  /** POST /api/motions/:id/signatures: a count of an e-proposal's signatures. */
  recordSignatures(actor: Actor, id: string, dto: SignatureCountDto): Promise<MotionView> {
    return this.takeStep(actor, id, {
      step: 'count_signatures',
      date: dto.date,
      signatureCount: dto.count,
    });
  }

  /** POST /api/motions/:id/signature-period/close: threshold reached, or closed. */
  closeSignaturePeriod(
    actor: Actor,
    id: string,
    dto: CloseSignaturePeriodDto,
  ): Promise<MotionView> {
    return this.takeStep(actor, id, {
      step: 'close_signatures',
      date: dto.date,
      signatureCount: dto.count,
      thresholdReached: dto.thresholdReached,
    });
  }

  /**
   * The signature steps of an e-proposal: open the period, record counts, close it. Updates the
   * motion's signature fields; returns the target status and event kind (null for other steps).
   */
  private signatureStep(
    motion: Motion,
    dto: MotionStepDto,
    date: string,
  ): { to: MotionStatus; event: MotionEvent['kind']; count: number | null } | null {
    if (dto.step === 'open_signatures') {
      if (!dto.signaturePeriodStart || !dto.signaturePeriodEnd) {
        throw new ValidationFailedError(
          (['signaturePeriodStart', 'signaturePeriodEnd'] as const)
            .filter((f) => !dto[f])
            .map((field) => ({ field, messages: [`open_signatures needs ${field}`] })),
        );
      }
      if (dto.signaturePeriodEnd < dto.signaturePeriodStart) {
        throw new RuleViolationError('The signature period cannot end before it starts', {
          field: 'signaturePeriodEnd',
        });
      }
      motion.signaturePeriodStart = dto.signaturePeriodStart;
      motion.signaturePeriodEnd = dto.signaturePeriodEnd;
      return { to: 'collecting', event: 'signatures_opened', count: null };
    }
    if (dto.step === 'count_signatures' || dto.step === 'close_signatures') {
      if (motion.signaturePeriodStart && date < motion.signaturePeriodStart) {
        throw new RuleViolationError(
          `The date ${date} is before the signature period starts (${motion.signaturePeriodStart})`,
          { field: 'date' },
        );
      }
      if (dto.step === 'count_signatures') {
        if (dto.signatureCount === undefined) {
          throw new ValidationFailedError([
            { field: 'count', messages: ['count_signatures needs the number of signatures'] },
          ]);
        }
        motion.signatureCount = dto.signatureCount;
        return { to: 'collecting', event: 'signatures_counted', count: dto.signatureCount };
      }
      const count = dto.signatureCount ?? motion.signatureCount;
      if (dto.signatureCount !== undefined) motion.signatureCount = dto.signatureCount;
      const computed =
        count !== null && motion.signatureThreshold !== null
          ? count >= motion.signatureThreshold
          : null;
      if (
        computed !== null &&
        dto.thresholdReached !== undefined &&
        dto.thresholdReached !== computed
      ) {
        throw new RuleViolationError(
          `${count} signatures ${computed ? 'reach' : 'do not reach'} the threshold of ${motion.signatureThreshold}`,
          { field: 'thresholdReached' },
        );
      }
      const reached = computed ?? dto.thresholdReached;
      if (reached === undefined) {
        throw new ValidationFailedError([
          {
            field: 'thresholdReached',
            messages: [
              'the signature count or the threshold is not known: say whether the threshold was reached',
            ],
          },
        ]);
      }
      return reached
        ? { to: 'threshold_reached', event: 'threshold_reached', count: dto.signatureCount ?? null }
        : { to: 'closed', event: 'closed', count: dto.signatureCount ?? null };
    }
    const signatureFields = (
      ['signaturePeriodStart', 'signaturePeriodEnd', 'signatureCount', 'thresholdReached'] as const
    ).filter((f) => dto[f] !== undefined);
    if (signatureFields.length > 0) {
      throw new ValidationFailedError(
        signatureFields.map((field) => ({
          field,
          messages: [`${field} is only for the signature steps of an e-proposal`],
        })),
      );
    }
    return null;
  }

  /** The raised date of a new motion as given: a day, a partial date, or (said so) unknown. */
  private raisedDateOf(dto: CreateMotionDto): {
    raisedOn: string | null;
    raisedPartial: string | null;
  } {
    if (dto.raisedOn !== undefined && dto.raisedOnUnknown) {
      throw new ValidationFailedError([
        { field: 'raisedOnUnknown', messages: ['give raisedOn or raisedOnUnknown, not both'] },
      ]);
    }
    if (dto.raisedOn === undefined && !dto.raisedOnUnknown) {
      throw new ValidationFailedError([
        {
          field: 'raisedOn',
          messages: [
            'raisedOn is required (or raisedOnUnknown: true when the document gives no date)',
          ],
        },
      ]);
    }
    const parsed = dto.raisedOn === undefined ? null : parsePartialDate(dto.raisedOn)!;
    if ((parsed === null || parsed.precision !== 'day') && !dto.transcribed) {
      throw new RuleViolationError(
        'Only a transcribed motion (transcribed: true) may have a raised date known in part or not at all',
        { field: 'raisedOn' },
      );
    }
    if (parsed === null) return { raisedOn: null, raisedPartial: null };
    return parsed.precision === 'day'
      ? { raisedOn: parsed.value, raisedPartial: null }
      : { raisedOn: null, raisedPartial: parsed.value };
  }

  /** Whether the council accepts citizen proposals today (see proposal-settings for periods). */
  async getBodySetting(
    bodyId: string,
  ): Promise<{ bodyId: string; allowsCitizenProposals: boolean }> {
    const view = await this.settings.list(bodyId);
    return { bodyId, allowsCitizenProposals: view.acceptsCitizenProposals };
  }

  async setBodySetting(
    actor: Actor,
    bodyId: string,
    dto: { allowsCitizenProposals: boolean },
  ): Promise<{ bodyId: string; allowsCitizenProposals: boolean }> {
    await this.settings.setUndated(actor, bodyId, dto.allowsCitizenProposals);
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
      allowedOutcomes: allowedOutcomesFrom(motion.status, motion.kind, motion.transcribed),
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
          signatureCount: e.signatureCount,
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
      const party = param(query.party);
      where.push(
        `(EXISTS (SELECT 1 FROM motion_signatory s WHERE s.motion_id = m.id AND s.party = ${party})
          OR ${party} = ANY (regexp_split_to_array(m.proposer_party, '\\s*,\\s*')))`,
      );
    }
    if (query.overdue !== undefined) {
      // Past the earliest possible due day (flagged "datum osäkert" when the day is a range);
      // a motion with no known raised date is never said to be overdue.
      const overdue = `(m.status NOT IN ('decided', 'withdrawn', 'closed') AND m.decision_due_earliest < ${param(on)}::date)`;
      where.push(query.overdue ? overdue : `NOT coalesce(${overdue}, false)`);
    }
    // Only motions certainly raised within the bounds.
    if (query.raisedFrom) where.push(`${RAISED_EARLIEST_SQL} >= ${param(query.raisedFrom)}::date`);
    if (query.raisedTo) where.push(`${RAISED_LATEST_SQL} <= ${param(query.raisedTo)}::date`);
    if (query.cursor) {
      const [raisedOn, id] = decodeCursor<[string, string]>(query.cursor, [
        isCalendarDate,
        isUuidValue,
      ]);
      where.push(`(${RAISED_SORT_SQL}, m.id) < (${param(raisedOn)}::date, ${param(id)}::uuid)`);
    }
    const limit = query.limit ?? 50;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT m.* FROM ${source} m ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${RAISED_SORT_SQL} DESC, m.id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const motions = rows.slice(0, limit).map(motionFromRow);
    const last = motions[motions.length - 1];
    return {
      items: await this.summarise(motions, on),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([raisedRange(last)?.earliest ?? '0001-01-01', last.id])
          : null,
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
      const due = dueState(m, on);
      return {
        id: m.id,
        organisationId: m.organisationId,
        kind: m.kind,
        title: m.title,
        caseNumber: m.caseNumber,
        body: { id: body.id, name: body.name, shortName: body.shortName, kind: body.kind },
        raisedOn: m.raisedOn,
        raisedDate: raisedDateView(m),
        transcribed: m.transcribed,
        decisionDue: m.decisionDue,
        decisionDueRange:
          m.decisionDueEarliest && m.decisionDueLatest
            ? { earliest: m.decisionDueEarliest, latest: m.decisionDueLatest }
            : null,
        dateUncertain: due.dateUncertain,
        dateNote: due.dateUnknown
          ? formatPartialDateSv(null)
          : due.dateUncertain
            ? DATE_UNCERTAIN_SV
            : null,
        status: m.status,
        outcome: m.outcome,
        referredTo: m.referredTo,
        answerDue: m.answerDue,
        decidedOn: m.decidedOn,
        closedOn: m.closedOn,
        overdue: due.overdue,
        overdueCertain: due.overdueCertain,
        signatories: signatoriesOf.get(m.id) ?? [],
        citizenName: m.citizenName,
        citizenNameUnpublished: m.citizenNameUnpublished,
        proposer: citizenDisplay(m) ?? (m.proposerParty ? `(${m.proposerParty})` : null),
        proposerParty: m.proposerParty,
        printedNumber: m.printedNumber,
        ePetition:
          m.kind === 'e_proposal'
            ? {
                signaturePeriodStart: m.signaturePeriodStart,
                signaturePeriodEnd: m.signaturePeriodEnd,
                signatureThreshold: m.signatureThreshold,
                signatureCount: m.signatureCount,
                handledByBodyId: m.handledByBodyId,
              }
            : null,
        allowedNextSteps: allowedStepsFrom(m.status, m.kind, m.transcribed),
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
    range: DayRange | null,
  ): Promise<CouncilProposalSetting | null> {
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
    if (dto.kind !== 'e_proposal' && dto.signatureThreshold !== undefined) {
      throw new ValidationFailedError([
        { field: 'signatureThreshold', messages: ['only an e-proposal has a signature threshold'] },
      ]);
    }
    if (dto.kind === 'citizen_proposal' || dto.kind === 'e_proposal') {
      if (dto.proposerParty !== undefined) {
        throw new ValidationFailedError([
          { field: 'proposerParty', messages: ['a citizen proposal has no party group'] },
        ]);
      }
      // Checked against the council's setting in force on the filing date.
      const setting = await this.settings.inForce(m, body.id, dto.kind, range);
      if (!setting) {
        const what = dto.kind === 'citizen_proposal' ? 'citizen proposals' : 'e-proposals';
        throw new RuleViolationError(
          range
            ? `${body.name} does not take ${what}: no setting in force on ${range.earliest === range.latest ? range.earliest : `${range.earliest} – ${range.latest}`}`
            : `${body.name} does not take ${what}: it never has`,
          { field: 'raisedOn' },
        );
      }
      if (!dto.citizenName && !dto.citizenNameUnpublished) {
        throw new ValidationFailedError([
          {
            field: 'citizenName',
            messages: [
              'a citizen proposal names its proposer (or citizenNameUnpublished: true when the name was not published)',
            ],
          },
        ]);
      }
      if (dto.citizenName && dto.citizenNameUnpublished) {
        throw new ValidationFailedError([
          {
            field: 'citizenNameUnpublished',
            messages: ['give citizenName or citizenNameUnpublished, not both'],
          },
        ]);
      }
      if (signatoryIds.length > 0) {
        throw new ValidationFailedError([
          { field: 'signatoryIds', messages: ['a citizen proposal has no signatories'] },
        ]);
      }
      return setting;
    }
    if (dto.citizenNameUnpublished !== undefined) {
      throw new ValidationFailedError([
        { field: 'citizenNameUnpublished', messages: ['only a citizen proposal has a proposer'] },
      ]);
    }
    if (dto.proposerParty !== undefined) {
      if (!dto.transcribed) {
        throw new RuleViolationError(
          'Only a transcribed motion may name a party group instead of its signatories',
          { field: 'proposerParty' },
        );
      }
      if (signatoryIds.length > 0) {
        throw new ValidationFailedError([
          {
            field: 'proposerParty',
            messages: ['give the named signatories or the party group, not both'],
          },
        ]);
      }
    } else if (signatoryIds.length === 0) {
      throw new ValidationFailedError([
        { field: 'signatoryIds', messages: [`a ${dto.kind} needs at least one signatory`] },
      ]);
    }
    if (dto.citizenName !== undefined) {
      throw new ValidationFailedError([
        { field: 'citizenName', messages: ['only a citizen proposal names a citizen'] },
      ]);
    }
    return null;
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
    raisedOn: string | null,
    range: DayRange | null,
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
    if (raisedOn === null) {
      // A transcribed motion with a date known in part (or not at all): the document shows who
      // signed. Refused only when the register's own seats of the body contradict it (seats
      // recorded, none at any time the date can be); the substitute rule needs the day.
      const rows: { personId: string; overlaps: boolean }[] = await m.query(
        `SELECT person_id AS "personId",
                bool_or(($3::date IS NULL OR valid_to IS NULL OR valid_to >= $3::date)
                        AND ($4::date IS NULL OR valid_from <= $4::date)) AS overlaps
           FROM membership
          WHERE body_id = $1 AND person_id = ANY($2::uuid[])
          GROUP BY person_id`,
        [body.id, ids, range?.earliest ?? null, range?.latest ?? null],
      );
      const contradicted = new Set(rows.filter((r) => !r.overlaps).map((r) => r.personId));
      const outsiders = people.filter((p) => contradicted.has(p.id));
      if (outsiders.length > 0) {
        throw new RuleViolationError(
          `Only members of ${body.name} may raise a ${dto.kind} there; not members at any time the date can be: ${outsiders.map((p) => quote(p.name)).join(', ')}`,
          { notMembers: outsiders.map((p) => p.id) },
        );
      }
      return people;
    }
    const seats = await this.people.findMembersOn(body.id, raisedOn, m);
    const members = new Set(seats.map((x) => x.personId));
    const outsiders = people.filter((p) => !members.has(p.id));
    if (outsiders.length > 0) {
      throw new RuleViolationError(
        `Only members of ${body.name} may raise a ${dto.kind} there; not members on ${raisedOn}: ${outsiders.map((p) => quote(p.name)).join(', ')}`,
        { notMembers: outsiders.map((p) => p.id) },
      );
    }
    const seatHolders = new Set(seats.filter((x) => isSeatHolder(x.role)).map((x) => x.personId));
    const substitutes = people.filter((p) => !seatHolders.has(p.id));
    if (substitutes.length > 0) {
      const serving = await this.servingSubstitutes(m, raisedParagraph, raisedOn);
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
    // The body where it was raised decides, the body the council named to handle an
    // e-proposal, or a body it delegated this kind of matter to (e.g. a council delegating
    // medborgarförslag to its board), in force on the meeting date.
    if (
      paragraph.bodyId !== motion.bodyId &&
      paragraph.bodyId !== motion.handledByBodyId &&
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
    const range = raisedRange(motion);
    if (range && paragraph.meetingDate < range.earliest) {
      throw new RuleViolationError(
        `The meeting of ${paragraph.reference} (${paragraph.meetingDate}) is before the date raised (${raisedDateView(motion).text})`,
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
