import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { daysBetween, todayInSweden } from '../common/dates';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { formatKronor } from '../common/format';
import { TransactionRunner } from '../database/transaction-runner';
import { Organisation } from '../organisations/organisation.entity';
import {
  PayDisbursementDto,
  RecordGrantDecisionDto,
  ReportDeadlinesQuery,
  SubmitReportDto,
} from './dto/grants.dto';
import { GrantApplication, GrantMeasure } from './grant-application.entity';
import {
  GrantCondition,
  GrantDecision,
  GrantDecisionMeasure,
  GrantDisbursement,
  GrantReport,
} from './grant-decision.entity';
import { ApplicationView, GrantDecisionView, GrantViewsService } from './grant-views.service';

export interface ReportDeadline {
  reportId: string;
  kind: 'interim' | 'final';
  dueOn: string;
  daysLeft: number;
  overdue: boolean;
  application: { id: string; url: string; title: string; caseNumber: string | null };
  grantor: string;
  grantDecision: { id: string; decidedOn: string; decidedBy: string };
}

const kr = formatKronor;
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * The grantor's decision on a submitted application, entered from its decision document. The
 * register computes the totals from the measures and refuses amounts that do not add up.
 */
@Injectable()
export class GrantDecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly views: GrantViewsService,
  ) {}

  async recordDecision(
    actor: Actor,
    applicationId: string,
    dto: RecordGrantDecisionDto,
  ): Promise<ApplicationView> {
    return this.tx.run(async (m) => {
      const app = await m
        .getRepository(GrantApplication)
        .findOne({ where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw new NotFoundError('grant application', applicationId);
      assertCanWrite(actor, app.organisationId);
      if (app.status !== 'submitted') {
        throw new ConflictError(
          app.status === 'draft'
            ? 'The application has not been submitted yet'
            : 'The grant decision on this application is already recorded',
          {
            applicationStatus: app.status,
            allowedNextSteps: app.status === 'draft' ? ['submit'] : [],
          },
        );
      }
      assertNotFuture(dto.decidedOn, 'decidedOn');
      if (app.submittedOn && dto.decidedOn < app.submittedOn) {
        throw new RuleViolationError(
          `decidedOn ${dto.decidedOn} is before the submission day ${app.submittedOn}`,
          { field: 'decidedOn' },
        );
      }
      if (dto.implementationDeadline && dto.implementationDeadline < dto.decidedOn) {
        throw new RuleViolationError('implementationDeadline is before the decision', {
          field: 'implementationDeadline',
        });
      }
      const measures = await m
        .getRepository(GrantMeasure)
        .find({ where: { applicationId }, order: { position: 'ASC' } });
      const decided = this.checkMeasures(measures, dto);
      const totals = {
        requestedOre: sum(decided.map((d) => d.requestedOre)),
        grantedOre: sum(decided.map((d) => d.grantedOre)),
        rejectedOre: sum(decided.map((d) => d.rejectedOre)),
      };
      this.checkStatedTotals(totals, dto);
      this.checkConditions(measures, decided, totals.grantedOre, dto);
      this.checkDisbursements(totals.grantedOre, dto);
      this.checkReports(dto);

      const decision = await m.getRepository(GrantDecision).save({
        applicationId,
        decidedOn: dto.decidedOn,
        decidedBy: dto.decidedBy.trim(),
        caseNumber: dto.caseNumber?.trim() ?? null,
        requestedTotalOre: totals.requestedOre,
        grantedTotalOre: totals.grantedOre,
        rejectedTotalOre: totals.rejectedOre,
        implementationDeadline: dto.implementationDeadline ?? null,
        appealable: dto.appealable,
        appealNote: dto.appealNote?.trim() ?? null,
      });
      for (const d of decided) {
        await m.getRepository(GrantDecisionMeasure).insert({
          grantDecisionId: decision.id,
          applicationId,
          ...d,
        });
      }
      for (const [i, c] of (dto.conditions ?? []).entries()) {
        await m.getRepository(GrantCondition).insert({
          grantDecisionId: decision.id,
          position: i + 1,
          text: c.text.trim(),
          measureId: c.measureId ?? null,
          maxAmountOre: c.maxAmountOre ?? null,
        });
      }
      for (const x of dto.disbursements ?? []) {
        await m.getRepository(GrantDisbursement).insert({
          grantDecisionId: decision.id,
          year: x.year,
          amountOre: x.amountOre,
          paidOn: x.paidOn ?? null,
        });
      }
      for (const r of dto.reports ?? []) {
        await m.getRepository(GrantReport).insert({
          grantDecisionId: decision.id,
          kind: r.kind,
          dueOn: r.dueOn,
          submittedOn: r.submittedOn ?? null,
        });
      }
      const anySubmitted = (dto.reports ?? []).some((r) => r.submittedOn);
      await m.query(`UPDATE grant_application SET status = $2, updated_at = now() WHERE id = $1`, [
        applicationId,
        anySubmitted ? 'reporting' : 'decided',
      ]);
      return this.views.getApplicationView(actor, applicationId, m);
    });
  }

  async getGrantDecision(actor: Actor, applicationId: string): Promise<GrantDecisionView> {
    await this.views.getVisibleApplication(actor, applicationId);
    const view = await this.views.findGrantDecisionView(applicationId);
    if (!view) throw new NotFoundError('grant decision of application', applicationId);
    return view;
  }

  /** A planned disbursement gets the day it was paid, once. */
  async payDisbursement(
    actor: Actor,
    disbursementId: string,
    dto: PayDisbursementDto,
  ): Promise<GrantDecisionView> {
    return this.tx.run(async (m) => {
      const x = await m
        .getRepository(GrantDisbursement)
        .findOne({ where: { id: disbursementId }, lock: { mode: 'pessimistic_write' } });
      if (!x) throw new NotFoundError('grant disbursement', disbursementId);
      const decision = await this.decisionForWrite(m, actor, x.grantDecisionId);
      if (x.paidOn) {
        throw new ConflictError(`The ${x.year} disbursement was already paid on ${x.paidOn}`);
      }
      assertNotFuture(dto.paidOn, 'paidOn');
      if (dto.paidOn < decision.decidedOn) {
        throw new RuleViolationError(
          `paidOn ${dto.paidOn} is before the grant decision (${decision.decidedOn})`,
          { field: 'paidOn' },
        );
      }
      await m.query(`UPDATE grant_disbursement SET paid_on = $2 WHERE id = $1`, [x.id, dto.paidOn]);
      return (await this.views.findGrantDecisionView(decision.applicationId, m))!;
    });
  }

  /** A report obligation is met: decided → reporting. */
  async submitReport(
    actor: Actor,
    reportId: string,
    dto: SubmitReportDto,
  ): Promise<GrantDecisionView> {
    return this.tx.run(async (m) => {
      const r = await m
        .getRepository(GrantReport)
        .findOne({ where: { id: reportId }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw new NotFoundError('grant report', reportId);
      const decision = await this.decisionForWrite(m, actor, r.grantDecisionId);
      if (r.submittedOn) {
        throw new ConflictError(`The ${r.kind} report was already submitted on ${r.submittedOn}`);
      }
      assertNotFuture(dto.submittedOn, 'submittedOn');
      if (dto.submittedOn < decision.decidedOn) {
        throw new RuleViolationError(
          `submittedOn ${dto.submittedOn} is before the grant decision (${decision.decidedOn})`,
          { field: 'submittedOn' },
        );
      }
      await m.query(`UPDATE grant_report SET submitted_on = $2 WHERE id = $1`, [
        r.id,
        dto.submittedOn,
      ]);
      await m.query(
        `UPDATE grant_application SET status = 'reporting', updated_at = now()
          WHERE id = $1 AND status = 'decided'`,
        [decision.applicationId],
      );
      return (await this.views.findGrantDecisionView(decision.applicationId, m))!;
    });
  }

  /** Reports not yet submitted in every application the organisation takes part in, by due day. */
  async reportDeadlines(
    organisationId: string,
    query: ReportDeadlinesQuery,
  ): Promise<{ items: ReportDeadline[] }> {
    if (!(await this.dataSource.getRepository(Organisation).existsBy({ id: organisationId }))) {
      throw new NotFoundError('organisation', organisationId);
    }
    const on = query.on ?? todayInSweden();
    const rows: {
      id: string;
      kind: 'interim' | 'final';
      due_on: string;
      application_id: string;
      title: string;
      case_number: string | null;
      grantor: string;
      decision_id: string;
      decided_on: string;
      decided_by: string;
    }[] = await this.dataSource.query(
      `SELECT r.id, r.kind, r.due_on, ga.id AS application_id, ga.title, ga.case_number, ga.grantor,
              d.id AS decision_id, d.decided_on, d.decided_by
         FROM grant_report r
         JOIN grant_decision d ON d.id = r.grant_decision_id
         JOIN grant_application ga ON ga.id = d.application_id
        WHERE r.submitted_on IS NULL
          AND ga.status <> 'closed'
          AND EXISTS (SELECT 1 FROM grant_applicant ap
                       WHERE ap.application_id = ga.id AND ap.organisation_id = $1)
          AND ($2::date IS NULL OR r.due_on <= $2::date)
        ORDER BY r.due_on, r.id`,
      [organisationId, query.until ?? null],
    );
    return {
      items: rows.map((r) => ({
        reportId: r.id,
        kind: r.kind,
        dueOn: r.due_on,
        daysLeft: daysBetween(on, r.due_on),
        overdue: r.due_on < on,
        application: {
          id: r.application_id,
          url: `/api/grant-applications/${r.application_id}`,
          title: r.title,
          caseNumber: r.case_number,
        },
        grantor: r.grantor,
        grantDecision: { id: r.decision_id, decidedOn: r.decided_on, decidedBy: r.decided_by },
      })),
    };
  }

  // --- rules ------------------------------------------------------------------------------

  /** Every measure exactly once; granted + rejected = requested for each, named when not. */
  private checkMeasures(
    measures: GrantMeasure[],
    dto: RecordGrantDecisionDto,
  ): Omit<GrantDecisionMeasure, 'id' | 'grantDecisionId' | 'applicationId'>[] {
    const byId = new Map(measures.map((x) => [x.id, x]));
    const seen = new Set<string>();
    const result: Omit<GrantDecisionMeasure, 'id' | 'grantDecisionId' | 'applicationId'>[] = [];
    for (const [i, d] of dto.measures.entries()) {
      const field = `measures[${i}]`;
      const measure = byId.get(d.measureId);
      if (!measure) {
        throw new RuleViolationError(
          `${field}: ${d.measureId} is not a measure of this application`,
          {
            field: `${field}.measureId`,
          },
        );
      }
      if (seen.has(d.measureId)) {
        throw new RuleViolationError(`${field}: measure "${measure.title}" is decided twice`, {
          field: `${field}.measureId`,
          measureId: measure.id,
          measure: measure.title,
        });
      }
      seen.add(d.measureId);
      if (d.grantedOre + d.rejectedOre !== measure.requestedAmountOre) {
        throw new RuleViolationError(
          `Measure "${measure.title}": granted ${kr(d.grantedOre)} + rejected ${kr(d.rejectedOre)} = ` +
            `${kr(d.grantedOre + d.rejectedOre)}, but ${kr(measure.requestedAmountOre)} was requested`,
          {
            field,
            measureId: measure.id,
            measure: measure.title,
            requestedOre: measure.requestedAmountOre,
            grantedOre: d.grantedOre,
            rejectedOre: d.rejectedOre,
          },
        );
      }
      result.push({
        measureId: measure.id,
        requestedOre: measure.requestedAmountOre,
        grantedOre: d.grantedOre,
        rejectedOre: d.rejectedOre,
        reason: d.reason?.trim() ?? null,
      });
    }
    const missing = measures.filter((x) => !seen.has(x.id));
    if (missing.length > 0) {
      throw new RuleViolationError(
        `The decision must decide every measure; missing: ${missing.map((x) => `"${x.title}"`).join(', ')}`,
        { field: 'measures', missing: missing.map((x) => ({ measureId: x.id, measure: x.title })) },
      );
    }
    return result;
  }

  private checkStatedTotals(
    computed: { requestedOre: number; grantedOre: number; rejectedOre: number },
    dto: RecordGrantDecisionDto,
  ): void {
    if (!dto.statedTotals) return;
    for (const key of ['requestedOre', 'grantedOre', 'rejectedOre'] as const) {
      if (dto.statedTotals[key] !== computed[key]) {
        throw new RuleViolationError(
          `statedTotals.${key}: the decision states ${kr(dto.statedTotals[key])}, but the measures add up to ${kr(computed[key])}`,
          { field: `statedTotals.${key}`, stated: dto.statedTotals[key], computed: computed[key] },
        );
      }
    }
  }

  private checkConditions(
    measures: GrantMeasure[],
    decided: { measureId: string; grantedOre: number }[],
    grantedTotal: number,
    dto: RecordGrantDecisionDto,
  ): void {
    for (const [i, c] of (dto.conditions ?? []).entries()) {
      const field = `conditions[${i}]`;
      let cap = grantedTotal;
      if (c.measureId) {
        const measure = measures.find((x) => x.id === c.measureId);
        if (!measure) {
          throw new RuleViolationError(`${field}: not a measure of this application`, {
            field: `${field}.measureId`,
          });
        }
        cap = decided.find((d) => d.measureId === c.measureId)!.grantedOre;
        if (c.maxAmountOre !== undefined && c.maxAmountOre > cap) {
          throw new RuleViolationError(
            `${field}: at most ${kr(c.maxAmountOre)} of measure "${measure.title}" exceeds the ${kr(cap)} granted for it`,
            { field: `${field}.maxAmountOre`, measureId: measure.id, measure: measure.title },
          );
        }
      } else if (c.maxAmountOre !== undefined && c.maxAmountOre > cap) {
        throw new RuleViolationError(
          `${field}: at most ${kr(c.maxAmountOre)} exceeds the ${kr(cap)} granted in total`,
          { field: `${field}.maxAmountOre` },
        );
      }
    }
  }

  private checkDisbursements(grantedTotal: number, dto: RecordGrantDecisionDto): void {
    const disbursements = dto.disbursements ?? [];
    const years = disbursements.map((x) => x.year);
    if (new Set(years).size !== years.length) {
      throw new RuleViolationError('One disbursement per year', { field: 'disbursements' });
    }
    const decisionYear = Number(dto.decidedOn.slice(0, 4));
    for (const [i, x] of disbursements.entries()) {
      if (x.year < decisionYear) {
        throw new RuleViolationError(
          `disbursements[${i}]: a disbursement for ${x.year} is before the decision year ${decisionYear}`,
          { field: `disbursements[${i}].year` },
        );
      }
      if (x.paidOn) assertNotFuture(x.paidOn, `disbursements[${i}].paidOn`);
      if (x.paidOn && x.paidOn < dto.decidedOn) {
        throw new RuleViolationError(`disbursements[${i}].paidOn is before the decision`, {
          field: `disbursements[${i}].paidOn`,
        });
      }
    }
    const total = sum(disbursements.map((x) => x.amountOre));
    if (total !== grantedTotal) {
      throw new RuleViolationError(
        `The disbursements add up to ${kr(total)}, but ${kr(grantedTotal)} is granted`,
        { field: 'disbursements', disbursedOre: total, grantedOre: grantedTotal },
      );
    }
  }

  private checkReports(dto: RecordGrantDecisionDto): void {
    const reports = dto.reports ?? [];
    const finals = reports.filter((r) => r.kind === 'final');
    if (finals.length > 1) {
      throw new RuleViolationError('Only one final report', { field: 'reports' });
    }
    for (const [i, r] of reports.entries()) {
      if (r.dueOn < dto.decidedOn) {
        throw new RuleViolationError(`reports[${i}].dueOn is before the decision`, {
          field: `reports[${i}].dueOn`,
        });
      }
      if (r.submittedOn) assertNotFuture(r.submittedOn, `reports[${i}].submittedOn`);
      if (r.submittedOn && r.submittedOn < dto.decidedOn) {
        throw new RuleViolationError(`reports[${i}].submittedOn is before the decision`, {
          field: `reports[${i}].submittedOn`,
        });
      }
      if (r.kind === 'interim' && finals[0] && r.dueOn > finals[0].dueOn) {
        throw new RuleViolationError(
          `reports[${i}]: an interim report cannot be due after the final one`,
          {
            field: `reports[${i}].dueOn`,
          },
        );
      }
    }
  }

  private async decisionForWrite(
    m: EntityManager,
    actor: Actor,
    grantDecisionId: string,
  ): Promise<GrantDecision> {
    const decision = await m.getRepository(GrantDecision).findOneByOrFail({ id: grantDecisionId });
    const app = await m
      .getRepository(GrantApplication)
      .findOne({ where: { id: decision.applicationId }, lock: { mode: 'pessimistic_write' } });
    assertCanWrite(actor, app!.organisationId);
    if (app!.status === 'closed') {
      throw new ConflictError('The application is closed');
    }
    return decision;
  }
}

/** A day something happened cannot lie after today in Sweden (422 naming the field). */
export function assertNotFuture(date: string, field: string, today = todayInSweden()): void {
  if (date > today) {
    throw new RuleViolationError(`${field} ${date} is in the future (today is ${today})`, {
      field,
    });
  }
}
