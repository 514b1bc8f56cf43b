import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors';
import { formatKronor } from '../common/format';
import { CursorCheck, decodeCursor, encodeCursor, isUuidValue, Page } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { DecisionsService } from '../decisions/decisions.service';
import { Organisation } from '../organisations/organisation.entity';
import {
  ApplicantDto,
  CreateApplicationDto,
  LinkAuthorisationDto,
  ListApplicationsQuery,
  MeasureDto,
  ReplaceMeasuresDto,
  SubmitApplicationDto,
  UpdateApplicantDto,
  UpdateApplicationDto,
} from './dto/grants.dto';
import { GrantApplicant, GrantApplication, GrantMeasure } from './grant-application.entity';
import { assertNotFuture } from './grant-decisions.service';
import { ApplicationView, GrantViewsService } from './grant-views.service';

export interface ApplicationListItem {
  id: string;
  url: string;
  title: string;
  grantor: string;
  caseNumber: string | null;
  status: string;
  submittedOn: string | null;
  deadline: string | null;
  leadOrganisation: { id: string; name: string };
  applicantCount: number;
  requestedAmountOre: number;
  createdAt: string;
}

const isTimestampValue: CursorCheck = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/**
 * Grant applications: applicants (one, or several with one lead) each authorised by a clause
 * of an adjusted decision of its own organisation, measures with amounts in öre, submission.
 * The lead's organisation keeps the application; each applicant may manage its own signatory
 * and authorisation.
 */
@Injectable()
export class GrantApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly views: GrantViewsService,
    private readonly decisions: DecisionsService,
  ) {}

  async createApplication(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationView> {
    const applicants = this.withLead(dto.applicants);
    const lead = applicants.find((a) => a.isLead)!;
    assertCanWrite(actor, lead.organisationId);
    // The lead invites the others by organisation; only each organisation itself (or an admin)
    // names its signatory and its authorising clause.
    for (const a of applicants) {
      if (hasOwnEntries(a)) assertCanActInNameOf(actor, a.organisationId);
    }
    return this.tx.run(async (m) => {
      for (const a of applicants) {
        if (!(await m.getRepository(Organisation).existsBy({ id: a.organisationId }))) {
          throw new NotFoundError('organisation', a.organisationId);
        }
      }
      const app = await m.getRepository(GrantApplication).save({
        organisationId: lead.organisationId,
        grantor: dto.grantor.trim(),
        legalBasis: dto.legalBasis.trim(),
        title: dto.title.trim(),
        caseNumber: dto.caseNumber?.trim() ?? null,
        deadline: dto.deadline ?? null,
        submittedOn: null,
        status: 'draft',
      });
      for (const [i, a] of applicants.entries()) {
        await this.insertApplicant(m, app.id, i + 1, a, actor);
      }
      await this.insertMeasures(m, app.id, dto.measures ?? []);
      return this.views.getApplicationView(actor, app.id, m);
    });
  }

  async updateApplication(
    actor: Actor,
    id: string,
    dto: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      const app = await this.lockDraft(m, actor, id);
      if (dto.grantor !== undefined) app.grantor = dto.grantor.trim();
      if (dto.legalBasis !== undefined) app.legalBasis = dto.legalBasis.trim();
      if (dto.title !== undefined) app.title = dto.title.trim();
      if (dto.caseNumber !== undefined) app.caseNumber = dto.caseNumber?.trim() ?? null;
      if (dto.deadline !== undefined) app.deadline = dto.deadline;
      await m.getRepository(GrantApplication).save(app);
      return this.views.getApplicationView(actor, id, m);
    });
  }

  async replaceMeasures(
    actor: Actor,
    id: string,
    dto: ReplaceMeasuresDto,
  ): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      await this.lockDraft(m, actor, id);
      await m.getRepository(GrantMeasure).delete({ applicationId: id });
      await this.insertMeasures(m, id, dto.measures);
      return this.views.getApplicationView(actor, id, m);
    });
  }

  /** Another organisation joins a joint application (never as a second lead). */
  async addApplicant(actor: Actor, id: string, dto: ApplicantDto): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      await this.lockDraft(m, actor, id);
      if (dto.isLead) {
        throw new RuleViolationError('The application already has its lead applicant', {
          field: 'isLead',
        });
      }
      if (!(await m.getRepository(Organisation).existsBy({ id: dto.organisationId }))) {
        throw new NotFoundError('organisation', dto.organisationId);
      }
      if (hasOwnEntries(dto)) assertCanActInNameOf(actor, dto.organisationId);
      if (
        await m
          .getRepository(GrantApplicant)
          .existsBy({ applicationId: id, organisationId: dto.organisationId })
      ) {
        throw new ConflictError('The organisation is already an applicant');
      }
      const [{ next }]: { next: number }[] = await m.query(
        `SELECT coalesce(max(position), 0) + 1 AS next FROM grant_applicant WHERE application_id = $1`,
        [id],
      );
      await this.insertApplicant(m, id, next, { ...dto, isLead: false }, actor);
      return this.views.getApplicationView(actor, id, m);
    });
  }

  async updateApplicant(
    actor: Actor,
    applicantId: string,
    dto: UpdateApplicantDto,
  ): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      const applicant = await this.lockApplicantOfDraft(m, actor, applicantId);
      if (dto.signatoryName !== undefined)
        applicant.signatoryName = dto.signatoryName?.trim() ?? null;
      if (dto.signatoryTitle !== undefined) {
        applicant.signatoryTitle = dto.signatoryTitle?.trim() ?? null;
      }
      applicant.enteredByOwnOrganisation = true;
      await m.getRepository(GrantApplicant).save(applicant);
      return this.views.getApplicationView(actor, applicant.applicationId, m);
    });
  }

  /**
   * Links the decision clause that authorises the applicant. It must be a clause of a paragraph
   * of the applicant's own organisation; whether that paragraph is good enough (adjusted, of a
   * deciding body) is shown in the view and enforced when the application is submitted.
   */
  async linkAuthorisation(
    actor: Actor,
    applicantId: string,
    dto: LinkAuthorisationDto,
  ): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      const applicant = await this.lockApplicantOfDraft(m, actor, applicantId);
      await this.assertClauseOfOrganisation(m, dto.clauseId, applicant.organisationId);
      applicant.authorisingClauseId = dto.clauseId;
      applicant.enteredByOwnOrganisation = true;
      await m.getRepository(GrantApplicant).save(applicant);
      return this.views.getApplicationView(actor, applicant.applicationId, m);
    });
  }

  async unlinkAuthorisation(actor: Actor, applicantId: string): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      const applicant = await this.lockApplicantOfDraft(m, actor, applicantId);
      applicant.authorisingClauseId = null;
      await m.getRepository(GrantApplicant).save(applicant);
      return this.views.getApplicationView(actor, applicant.applicationId, m);
    });
  }

  /**
   * draft → submitted. Refused (422, nothing changed) unless every applicant has a signatory
   * and a clause of an adjusted decision of its own council, board or committee, adjusted no
   * later than the submission day, and the deadline is kept.
   */
  async submit(actor: Actor, id: string, dto: SubmitApplicationDto): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      const app = await this.lockApplication(m, actor, id);
      if (app.status !== 'draft') {
        throw new ConflictError(`The application is already ${app.status}`, {
          applicationStatus: app.status,
          allowedNextSteps: app.status === 'submitted' ? ['grant-decision'] : [],
        });
      }
      assertNotFuture(dto.submittedOn, 'submittedOn');
      if (app.deadline && dto.submittedOn > app.deadline) {
        throw new RuleViolationError(
          `submittedOn ${dto.submittedOn} is after the deadline ${app.deadline}`,
          { field: 'submittedOn' },
        );
      }
      // The view's rules, plus: each decision was adjusted by the submission day.
      const view = await this.views.getApplicationView(actor, id, m);
      const problems = [...view.submissionProblems];
      for (const a of view.applicants) {
        const ref = a.authorisation;
        if (ref?.adjustedOn && ref.adjustedOn > dto.submittedOn) {
          problems.push(
            `${ref.reference} was adjusted on ${ref.adjustedOn}, after the submission day ${dto.submittedOn}`,
          );
        }
      }
      if (problems.length > 0) {
        throw new RuleViolationError(
          `The application cannot be submitted: ${problems.join('; ')}`,
          {
            problems,
            applicants: view.applicants
              .filter((a) => a.problems.length > 0)
              .map((a) => ({
                applicantId: a.id,
                organisation: a.organisation.name,
                problems: a.problems,
              })),
          },
        );
      }
      await m.query(
        `UPDATE grant_application SET status = 'submitted', submitted_on = $2, updated_at = now() WHERE id = $1`,
        [id, dto.submittedOn],
      );
      return this.views.getApplicationView(actor, id, m);
    });
  }

  /** decided/reporting → closed, once every report obligation has been met. */
  async close(actor: Actor, id: string): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      const app = await this.lockApplication(m, actor, id);
      if (app.status !== 'decided' && app.status !== 'reporting') {
        throw new ConflictError(`A ${app.status} application cannot be closed`, {
          applicationStatus: app.status,
          allowedNextSteps:
            app.status === 'draft'
              ? ['submit']
              : app.status === 'submitted'
                ? ['grant-decision']
                : [],
        });
      }
      const pending: { kind: string; due_on: string }[] = await m.query(
        `SELECT r.kind, r.due_on FROM grant_report r JOIN grant_decision d ON d.id = r.grant_decision_id
          WHERE d.application_id = $1 AND r.submitted_on IS NULL ORDER BY r.due_on`,
        [id],
      );
      if (pending.length > 0) {
        throw new ConflictError('Reports are still due', {
          pendingReports: pending.map((p) => ({ kind: p.kind, dueOn: p.due_on })),
          allowedNextSteps: ['report-submission'],
        });
      }
      await m.query(
        `UPDATE grant_application SET status = 'closed', updated_at = now() WHERE id = $1`,
        [id],
      );
      return this.views.getApplicationView(actor, id, m);
    });
  }

  getApplication(actor: Actor, id: string): Promise<ApplicationView> {
    return this.views.getVisibleApplication(actor, id);
  }

  async listApplications(
    actor: Actor,
    query: ListApplicationsQuery,
  ): Promise<Page<ApplicationListItem>> {
    const params: unknown[] = [];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = ['true'];
    if (actor.role !== 'admin') {
      // Drafts only for users of an applicant organisation.
      where.push(
        actor.organisationId
          ? `(ga.status <> 'draft' OR EXISTS (SELECT 1 FROM grant_applicant x
               WHERE x.application_id = ga.id AND x.organisation_id = ${param(actor.organisationId)}))`
          : `ga.status <> 'draft'`,
      );
    }
    if (query.organisationId) {
      where.push(`EXISTS (SELECT 1 FROM grant_applicant y WHERE y.application_id = ga.id
        AND y.organisation_id = ${param(query.organisationId)})`);
    }
    if (query.status) where.push(`ga.status = ${param(query.status)}`);
    if (query.cursor) {
      const c = decodeCursor<[string, string]>(query.cursor, [isTimestampValue, isUuidValue]);
      where.push(`(ga.created_at, ga.id) < (${param(c[0])}::timestamptz, ${param(c[1])}::uuid)`);
    }
    const limit = query.limit ?? 50;
    const rows: {
      id: string;
      title: string;
      grantor: string;
      case_number: string | null;
      status: string;
      submitted_on: string | null;
      deadline: string | null;
      organisation_id: string;
      lead_name: string;
      applicant_count: number;
      requested: number;
      created_at: Date;
      cursor_created_at: string;
    }[] = await this.dataSource.query(
      `SELECT ga.id, ga.title, ga.grantor, ga.case_number, ga.status, ga.submitted_on, ga.deadline,
              ga.organisation_id, o.name AS lead_name, ga.created_at,
              -- Microseconds, as stored: a JS Date keeps only milliseconds, and a cursor cut to
              -- milliseconds would skip rows created within the same millisecond.
              to_char(ga.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_created_at,
              (SELECT count(*)::int FROM grant_applicant a WHERE a.application_id = ga.id) AS applicant_count,
              (SELECT coalesce(sum(requested_amount_ore), 0)::bigint FROM grant_measure gm
                WHERE gm.application_id = ga.id) AS requested
         FROM grant_application ga JOIN organisation o ON o.id = ga.organisation_id
        WHERE ${where.join(' AND ')}
        ORDER BY ga.created_at DESC, ga.id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const items = page.map((r) => ({
      id: r.id,
      url: `/api/grant-applications/${r.id}`,
      title: r.title,
      grantor: r.grantor,
      caseNumber: r.case_number,
      status: r.status,
      submittedOn: r.submitted_on,
      deadline: r.deadline,
      leadOrganisation: { id: r.organisation_id, name: r.lead_name },
      applicantCount: r.applicant_count,
      requestedAmountOre: r.requested,
      createdAt: r.created_at.toISOString(),
    }));
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.cursor_created_at, last.id]) : null,
    };
  }

  // --- helpers ----------------------------------------------------------------------------

  /** One lead: the only applicant, or the one flagged; a joint application must flag exactly one. */
  private withLead(applicants: ApplicantDto[]): ApplicantDto[] {
    const ids = applicants.map((a) => a.organisationId);
    if (new Set(ids).size !== ids.length) {
      throw new RuleViolationError('An organisation can be an applicant only once', {
        field: 'applicants',
      });
    }
    const leads = applicants.filter((a) => a.isLead);
    if (applicants.length === 1) return [{ ...applicants[0], isLead: true }];
    if (leads.length !== 1) {
      throw new RuleViolationError(
        `A joint application needs exactly one lead applicant (isLead), ${leads.length} given`,
        { field: 'applicants' },
      );
    }
    return applicants.map((a) => ({ ...a, isLead: a.isLead === true }));
  }

  private async insertApplicant(
    m: EntityManager,
    applicationId: string,
    position: number,
    a: ApplicantDto,
    actor: Actor,
  ): Promise<void> {
    if (a.authorisingClauseId) {
      await this.assertClauseOfOrganisation(m, a.authorisingClauseId, a.organisationId);
    }
    await m.getRepository(GrantApplicant).insert({
      applicationId,
      organisationId: a.organisationId,
      position,
      isLead: a.isLead === true,
      signatoryName: a.signatoryName?.trim() ?? null,
      signatoryTitle: a.signatoryTitle?.trim() ?? null,
      authorisingClauseId: a.authorisingClauseId ?? null,
      enteredByOwnOrganisation: canActInNameOf(actor, a.organisationId),
    });
  }

  private async insertMeasures(m: EntityManager, applicationId: string, measures: MeasureDto[]) {
    // A grant finances a measure in whole or in part: never more than the measure costs.
    for (const [i, x] of measures.entries()) {
      if (x.requestedAmountOre > x.estimatedCostOre) {
        throw new RuleViolationError(
          `Measure "${x.title}": the requested ${formatKronor(x.requestedAmountOre)} is more than its estimated cost ${formatKronor(x.estimatedCostOre)}`,
          { field: `measures[${i}].requestedAmountOre` },
        );
      }
    }
    for (const [i, x] of measures.entries()) {
      await m.getRepository(GrantMeasure).insert({
        applicationId,
        position: i + 1,
        title: x.title.trim(),
        description: x.description ?? null,
        expectedEffect: x.expectedEffect ?? null,
        estimatedCostOre: x.estimatedCostOre,
        requestedAmountOre: x.requestedAmountOre,
      });
    }
  }

  private async assertClauseOfOrganisation(
    m: EntityManager,
    clauseId: string,
    organisationId: string,
  ): Promise<void> {
    const ref = await this.decisions.findClause(clauseId, m);
    if (!ref) throw new NotFoundError('decision clause', clauseId);
    if (ref.organisationId !== organisationId) {
      const org = await m.getRepository(Organisation).findOneByOrFail({ id: organisationId });
      throw new RuleViolationError(
        `${ref.reference} is a decision of ${ref.organisationName}: only a decision of ${org.name} itself can authorise its participation`,
        { field: 'clauseId' },
      );
    }
  }

  private async lockApplication(
    m: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<GrantApplication> {
    const app = await m
      .getRepository(GrantApplication)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!app) throw new NotFoundError('grant application', id);
    assertCanWrite(actor, app.organisationId);
    return app;
  }

  private async lockDraft(m: EntityManager, actor: Actor, id: string): Promise<GrantApplication> {
    const app = await this.lockApplication(m, actor, id);
    assertDraft(app);
    return app;
  }

  /**
   * An applicant's signatory and authorisation are given in that organisation's name: only its
   * own registrar (or an admin) may change them, never the lead's registrar for another one.
   */
  private async lockApplicantOfDraft(
    m: EntityManager,
    actor: Actor,
    applicantId: string,
  ): Promise<GrantApplicant> {
    const applicant = await m.getRepository(GrantApplicant).findOneBy({ id: applicantId });
    if (!applicant) throw new NotFoundError('grant applicant', applicantId);
    assertCanActInNameOf(actor, applicant.organisationId);
    const app = await m
      .getRepository(GrantApplication)
      .findOne({ where: { id: applicant.applicationId }, lock: { mode: 'pessimistic_write' } });
    if (!app) throw new NotFoundError('grant application', applicant.applicationId);
    assertDraft(app);
    return applicant;
  }
}

/** Whether the entry says something in the organisation's name (signatory, authorisation). */
function hasOwnEntries(a: ApplicantDto): boolean {
  return (
    a.signatoryName !== undefined ||
    a.signatoryTitle !== undefined ||
    a.authorisingClauseId !== undefined
  );
}

function canActInNameOf(actor: Actor, organisationId: string): boolean {
  return (
    actor.role === 'admin' ||
    (actor.role === 'registrar' && actor.organisationId === organisationId)
  );
}

/** 403 unless the actor is an admin or a registrar of that organisation. */
function assertCanActInNameOf(actor: Actor, organisationId: string): void {
  assertCanWrite(actor, organisationId);
  if (!canActInNameOf(actor, organisationId)) {
    throw new ForbiddenError(
      "Only the applicant organisation's own registrar (or an admin) may act in its name",
    );
  }
}

function assertDraft(app: GrantApplication): void {
  if (app.status !== 'draft') {
    throw new ConflictError(`The application is ${app.status}: applicants and measures are fixed`, {
      applicationStatus: app.status,
      allowedNextSteps: app.status === 'submitted' ? ['grant-decision'] : [],
    });
  }
}
