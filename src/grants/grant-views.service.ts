import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { canSeeUnpublished } from '../common/auth/permissions';
import { NotFoundError } from '../common/errors';
import { formatKronor } from '../common/format';
import { clauseCitation, decisionCitation } from '../decisions/decision-status';
import { DecisionsService } from '../decisions/decisions.service';
import { authorisationProblems } from './authorisation';
import { ApplicationStatus, GrantApplication, GrantMeasure } from './grant-application.entity';
import {
  GrantCondition,
  GrantDecision,
  GrantDecisionMeasure,
  GrantDisbursement,
  GrantReport,
  ReportKind,
} from './grant-decision.entity';

export interface AuthorisationView {
  clauseId: string;
  clausePosition: number;
  /** Null when the paragraph is not published and the caller may not see drafts. */
  clauseText: string | null;
  paragraphId: string;
  reference: string;
  /** "Regionstyrelsen 2024-11-12 § 123, dnr RS/1234/2024" */
  citation: string;
  /** "Regionstyrelsen 2024-11-12 § 123 p. 1, dnr RS/1234/2024" */
  clauseCitation: string;
  decisionUrl: string;
  clauseUrl: string;
  organisation: { id: string; name: string };
  body: { name: string; shortName: string; kind: string };
  /** Full, partial (transcribed) or null when not printed. */
  meetingDate: string | null;
  number: number;
  /** As the body prints it: "§ 123", "KSAU 130/2014". */
  label: string;
  /** Null, like clauseText, when the caller may not see the paragraph. */
  title: string | null;
  caseNumber: string | null;
  outcomeKind: string;
  adjusted: boolean;
  adjustedAt: string | null;
  adjustedOn: string | null;
  decisionStatus: string | null;
  /** True when the clause authorises the applicant (see problems otherwise). */
  valid: boolean;
  problems: string[];
}

export interface ApplicantView {
  id: string;
  position: number;
  organisation: { id: string; name: string; organisationNumber: string | null };
  isLead: boolean;
  signatory: { name: string; title: string | null } | null;
  authorisation: AuthorisationView | null;
  /** What stops submission for this applicant; empty when ready. */
  problems: string[];
}

export interface MeasureView {
  id: string;
  position: number;
  title: string;
  description: string | null;
  expectedEffect: string | null;
  estimatedCostOre: number;
  requestedAmountOre: number;
  estimatedCost: string;
  requestedAmount: string;
}

export interface GrantDecisionView {
  id: string;
  applicationId: string;
  decidedOn: string;
  decidedBy: string;
  caseNumber: string | null;
  totals: {
    requestedOre: number;
    grantedOre: number;
    rejectedOre: number;
    requested: string;
    granted: string;
    rejected: string;
  };
  measures: {
    measureId: string;
    position: number;
    title: string;
    outcome: 'granted' | 'partly_granted' | 'rejected';
    requestedOre: number;
    grantedOre: number;
    rejectedOre: number;
    requested: string;
    granted: string;
    rejected: string;
    reason: string | null;
  }[];
  conditions: {
    id: string;
    position: number;
    text: string;
    measureId: string | null;
    measureTitle: string | null;
    maxAmountOre: number | null;
    maxAmount: string | null;
  }[];
  disbursements: {
    id: string;
    year: number;
    amountOre: number;
    amount: string;
    paidOn: string | null;
  }[];
  disbursedTotalOre: number;
  paidTotalOre: number;
  reports: { id: string; kind: ReportKind; dueOn: string; submittedOn: string | null }[];
  implementationDeadline: string | null;
  appealable: boolean;
  appealNote: string | null;
}

export interface ApplicationView {
  id: string;
  url: string;
  organisationId: string;
  grantor: string;
  legalBasis: string;
  title: string;
  caseNumber: string | null;
  deadline: string | null;
  submittedOn: string | null;
  status: ApplicationStatus;
  joint: boolean;
  applicants: ApplicantView[];
  /** Every authorising clause, one per applicant that has one linked. */
  authorisingClauses: (AuthorisationView & { applicantOrganisationId: string })[];
  measures: MeasureView[];
  totals: {
    estimatedCostOre: number;
    requestedAmountOre: number;
    estimatedCost: string;
    requestedAmount: string;
  };
  /** Why the application cannot be submitted now (empty when it can, or once submitted). */
  submissionProblems: string[];
  allowedNextSteps: string[];
  grantDecision: GrantDecisionView | null;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Read side of grant applications and grant decisions. */
@Injectable()
export class GrantViewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: DecisionsService,
  ) {}

  /** Drafts are seen by admins and by users of an applicant organisation; the rest by anyone. */
  async getVisibleApplication(actor: Actor, id: string): Promise<ApplicationView> {
    const view = await this.getApplicationView(actor, id);
    if (view.status === 'draft' && !this.canSeeDraft(actor, view)) {
      throw new NotFoundError('grant application', id);
    }
    return view;
  }

  canSeeDraft(actor: Actor, view: Pick<ApplicationView, 'applicants'>): boolean {
    return view.applicants.some((a) => canSeeUnpublished(actor, a.organisation.id));
  }

  async getApplicationView(
    actor: Actor,
    id: string,
    manager?: EntityManager,
  ): Promise<ApplicationView> {
    const m = manager ?? this.dataSource.manager;
    const app = await m.getRepository(GrantApplication).findOneBy({ id });
    if (!app) throw new NotFoundError('grant application', id);
    const applicantRows: {
      id: string;
      position: number;
      organisation_id: string;
      name: string;
      organisation_number: string | null;
      is_lead: boolean;
      signatory_name: string | null;
      signatory_title: string | null;
      authorising_clause_id: string | null;
    }[] = await m.query(
      `SELECT ap.id, ap.position, ap.organisation_id, o.name, o.organisation_number, ap.is_lead,
              -- What another organisation entered in an applicant's name does not count.
              CASE WHEN ap.entered_by_own_organisation THEN ap.signatory_name END AS signatory_name,
              CASE WHEN ap.entered_by_own_organisation THEN ap.signatory_title END AS signatory_title,
              CASE WHEN ap.entered_by_own_organisation THEN ap.authorising_clause_id END
                AS authorising_clause_id
         FROM grant_applicant ap JOIN organisation o ON o.id = ap.organisation_id
        WHERE ap.application_id = $1 ORDER BY ap.position`,
      [id],
    );
    const measures = await m
      .getRepository(GrantMeasure)
      .find({ where: { applicationId: id }, order: { position: 'ASC' } });

    const submittedOn = app.submittedOn ?? undefined;
    const applicants: ApplicantView[] = [];
    for (const a of applicantRows) {
      const ref = a.authorising_clause_id
        ? await this.decisions.findClause(a.authorising_clause_id, m)
        : null;
      const owner = { organisationId: a.organisation_id, organisationName: a.name };
      const clauseProblems = authorisationProblems(ref, owner, submittedOn);
      let authorisation: AuthorisationView | null = null;
      if (ref) {
        const showText =
          (ref.adjustedAt !== null && ref.isPublic) || canSeeUnpublished(actor, ref.organisationId);
        // A paragraph the caller may not see shows only where it is (body, date, §), as in the
        // minutes: no title, case number or text.
        const hidden = {
          bodyName: ref.bodyName,
          meetingDate: ref.meetingDate,
          number: ref.number,
          label: ref.label,
        };
        authorisation = {
          clauseId: ref.clauseId,
          clausePosition: ref.position,
          clauseText: showText ? ref.text : null,
          paragraphId: ref.paragraphId,
          reference: ref.reference,
          citation: showText ? ref.citation : decisionCitation({ ...hidden, caseNumber: null }),
          clauseCitation: showText
            ? ref.clauseCitation
            : clauseCitation({ ...hidden, caseNumber: null }, ref.position),
          decisionUrl: ref.decisionUrl,
          clauseUrl: ref.clauseUrl,
          organisation: { id: ref.organisationId, name: ref.organisationName },
          body: { name: ref.bodyName, shortName: ref.bodyShortName, kind: ref.bodyKind },
          meetingDate: ref.meetingDate,
          number: ref.number,
          label: ref.label,
          title: showText ? ref.title : null,
          caseNumber: showText ? ref.caseNumber : null,
          outcomeKind: ref.outcomeKind,
          adjusted: ref.adjustedAt !== null,
          adjustedAt: ref.adjustedAt,
          adjustedOn: ref.adjustedOn,
          decisionStatus: ref.status,
          valid: clauseProblems.length === 0,
          problems: clauseProblems,
        };
      }
      const problems = [...clauseProblems];
      if (!a.signatory_name) {
        problems.push(`${a.name} has no authorised signatory (behörig företrädare)`);
      }
      applicants.push({
        id: a.id,
        position: a.position,
        organisation: {
          id: a.organisation_id,
          name: a.name,
          organisationNumber: a.organisation_number,
        },
        isLead: a.is_lead,
        signatory: a.signatory_name ? { name: a.signatory_name, title: a.signatory_title } : null,
        authorisation,
        problems,
      });
    }

    const requested = sum(measures.map((x) => x.requestedAmountOre));
    const estimated = sum(measures.map((x) => x.estimatedCostOre));
    const submissionProblems: string[] = [];
    if (app.status === 'draft') {
      if (!applicants.some((a) => a.isLead)) submissionProblems.push('No lead applicant');
      if (measures.length === 0) submissionProblems.push('The application has no measures');
      else if (requested === 0) submissionProblems.push('Nothing is requested');
      submissionProblems.push(...applicants.flatMap((a) => a.problems));
    }
    const grantDecision = await this.findGrantDecisionView(id, m);
    return {
      id: app.id,
      url: `/api/grant-applications/${app.id}`,
      organisationId: app.organisationId,
      grantor: app.grantor,
      legalBasis: app.legalBasis,
      title: app.title,
      caseNumber: app.caseNumber,
      deadline: app.deadline,
      submittedOn: app.submittedOn,
      status: app.status,
      joint: applicants.length > 1,
      applicants,
      authorisingClauses: applicants
        .filter((a) => a.authorisation)
        .map((a) => ({ ...a.authorisation!, applicantOrganisationId: a.organisation.id })),
      measures: measures.map((x) => ({
        id: x.id,
        position: x.position,
        title: x.title,
        description: x.description,
        expectedEffect: x.expectedEffect,
        estimatedCostOre: x.estimatedCostOre,
        requestedAmountOre: x.requestedAmountOre,
        estimatedCost: formatKronor(x.estimatedCostOre),
        requestedAmount: formatKronor(x.requestedAmountOre),
      })),
      totals: {
        estimatedCostOre: estimated,
        requestedAmountOre: requested,
        estimatedCost: formatKronor(estimated),
        requestedAmount: formatKronor(requested),
      },
      submissionProblems,
      allowedNextSteps: nextSteps(app.status, grantDecision),
      grantDecision,
    };
  }

  async findGrantDecisionView(
    applicationId: string,
    manager?: EntityManager,
  ): Promise<GrantDecisionView | null> {
    const m = manager ?? this.dataSource.manager;
    const d = await m.getRepository(GrantDecision).findOneBy({ applicationId });
    if (!d) return null;
    // Sequential: inside a transaction all queries share one connection.
    const measures = await m
      .getRepository(GrantMeasure)
      .find({ where: { applicationId }, order: { position: 'ASC' } });
    const decided = await m.getRepository(GrantDecisionMeasure).findBy({ grantDecisionId: d.id });
    const conditions = await m
      .getRepository(GrantCondition)
      .find({ where: { grantDecisionId: d.id }, order: { position: 'ASC' } });
    const disbursements = await m
      .getRepository(GrantDisbursement)
      .find({ where: { grantDecisionId: d.id }, order: { year: 'ASC' } });
    const reports = await m
      .getRepository(GrantReport)
      .find({ where: { grantDecisionId: d.id }, order: { dueOn: 'ASC', id: 'ASC' } });
    const titleOf = new Map(measures.map((x) => [x.id, x]));
    return {
      id: d.id,
      applicationId,
      decidedOn: d.decidedOn,
      decidedBy: d.decidedBy,
      caseNumber: d.caseNumber,
      totals: {
        requestedOre: d.requestedTotalOre,
        grantedOre: d.grantedTotalOre,
        rejectedOre: d.rejectedTotalOre,
        requested: formatKronor(d.requestedTotalOre),
        granted: formatKronor(d.grantedTotalOre),
        rejected: formatKronor(d.rejectedTotalOre),
      },
      measures: decided
        .map((x) => ({
          measureId: x.measureId,
          position: titleOf.get(x.measureId)!.position,
          title: titleOf.get(x.measureId)!.title,
          outcome:
            x.rejectedOre === 0
              ? ('granted' as const)
              : x.grantedOre === 0
                ? ('rejected' as const)
                : ('partly_granted' as const),
          requestedOre: x.requestedOre,
          grantedOre: x.grantedOre,
          rejectedOre: x.rejectedOre,
          requested: formatKronor(x.requestedOre),
          granted: formatKronor(x.grantedOre),
          rejected: formatKronor(x.rejectedOre),
          reason: x.reason,
        }))
        .sort((a, b) => a.position - b.position),
      conditions: conditions.map((c) => ({
        id: c.id,
        position: c.position,
        text: c.text,
        measureId: c.measureId,
        measureTitle: c.measureId ? (titleOf.get(c.measureId)?.title ?? null) : null,
        maxAmountOre: c.maxAmountOre,
        maxAmount: c.maxAmountOre === null ? null : formatKronor(c.maxAmountOre),
      })),
      disbursements: disbursements.map((x) => ({
        id: x.id,
        year: x.year,
        amountOre: x.amountOre,
        amount: formatKronor(x.amountOre),
        paidOn: x.paidOn,
      })),
      disbursedTotalOre: sum(disbursements.map((x) => x.amountOre)),
      paidTotalOre: sum(disbursements.filter((x) => x.paidOn).map((x) => x.amountOre)),
      reports: reports.map((r) => ({
        id: r.id,
        kind: r.kind,
        dueOn: r.dueOn,
        submittedOn: r.submittedOn,
      })),
      implementationDeadline: d.implementationDeadline,
      appealable: d.appealable,
      appealNote: d.appealNote,
    };
  }
}

function nextSteps(status: ApplicationStatus, decision: GrantDecisionView | null): string[] {
  switch (status) {
    case 'draft':
      return ['edit', 'authorisation', 'submit'];
    case 'submitted':
      return ['grant-decision'];
    case 'decided':
    case 'reporting': {
      const steps: string[] = [];
      if (decision?.disbursements.some((x) => !x.paidOn)) steps.push('disbursement-payment');
      if (decision?.reports.some((r) => !r.submittedOn)) steps.push('report-submission');
      else steps.push('close');
      return steps;
    }
    case 'closed':
      return [];
  }
}
