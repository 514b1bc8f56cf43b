import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { canSeeUnpublished } from '../common/auth/permissions';
import { addDays, todayInSweden } from '../common/dates';
import { NotFoundError } from '../common/errors';
import {
  CursorCheck,
  decodeCursor,
  encodeCursor,
  isNumberValue,
  isUuidValue,
  Page,
} from '../common/pagination';
import {
  clauseCitation,
  clauseUrl,
  DECIDING_BODY_KINDS,
  decisionCitation,
  DecisionStatus,
  decisionStatus,
  decisionStatusSql,
  decisionUrl,
} from './decision-status';
import { ListDecisionsQuery } from './dto/decisions.dto';

/** One paragraph with what a citation and a legal status need (contract columns only). */
interface ParagraphRow {
  /** 'paragraph' (decided at a meeting) or 'delegation_decision' (an office holder's). */
  kind: 'paragraph';
  id: string;
  sort_key: number;
  label: string;
  organisation_id: string;
  organisation_name: string;
  organisation_number: string | null;
  body_id: string;
  body_name: string;
  body_short_name: string;
  body_kind: string;
  meeting_id: string;
  /** Full, partial ('2014-03') or null (transcribed, not printed). */
  meeting_date: string | null;
  sort_date: string;
  number: number;
  reference: string;
  title: string;
  case_number: string | null;
  is_public: boolean;
  outcome_kind: string;
  adjusted_at: Date | null;
  announced_on: string | null;
  appeal_last_day: string | null;
  appealable: boolean;
  appeal_registered_at: Date | null;
  delegation_id: string | null;
  announcement_id: string | null;
  /** Office-holder decisions only (null for paragraphs). */
  decided_on: string | null;
  decided_by_name: string | null;
  decided_by_role: string | null;
  decision_text: string | null;
}

/** An office-holder decision row as the register reads it (meeting columns are null). */
type DelegationDecisionRow = Omit<
  ParagraphRow,
  'kind' | 'meeting_id' | 'number' | 'label' | 'reference' | 'appealable'
> & {
  kind: 'delegation_decision';
  meeting_id: null;
  number: null;
  label: null;
  reference: null;
  /** As the delegation says; null when no delegation is recorded for it. */
  appealable: boolean | null;
};

type RegisterRow = ParagraphRow | DelegationDecisionRow;

export type DecisionKind = 'paragraph' | 'delegation_decision';

/**
 * An adjusted paragraph's organisation and body are read from its frozen snapshot (as they
 * were at adjustment), so later renames or a change of kind do not rewrite citations.
 */
const FROZEN = (path: string, live: string) => `coalesce(s.view #>> '{${path}}', ${live})`;

const PARAGRAPH_SELECT = `
  SELECT 'paragraph'::text AS kind, p.id, p.organisation_id, ${FROZEN('organisation,name', 'o.name')} AS organisation_name,
         ${FROZEN('organisation,organisationNumber', 'o.organisation_number')} AS organisation_number,
         p.body_id, ${FROZEN('body,name', 'b.name')} AS body_name,
         ${FROZEN('body,shortName', 'b.short_name')} AS body_short_name,
         ${FROZEN('body,kind', 'b.kind')} AS body_kind,
         p.meeting_id,
         -- transcribed meetings may know only part of the date, or none: never a guessed day
         COALESCE(TO_CHAR(mt.meeting_date, 'YYYY-MM-DD'), mt.meeting_date_partial) AS meeting_date,
         COALESCE(mt.meeting_date, DATE '0001-01-01') AS sort_date, p.number,
         p.sort_key::float8 AS sort_key, p.label, p.reference, p.title, p.case_number, p.is_public,
         p.outcome_kind, p.adjusted_at, p.announced_on, p.appeal_last_day, p.appealable,
         p.appeal_registered_at, p.delegation_id, p.announcement_id,
         NULL::text AS decided_on, NULL::text AS decided_by_name, NULL::text AS decided_by_role,
         NULL::text AS decision_text
    FROM paragraph p
    JOIN organisation o ON o.id = p.organisation_id
    JOIN body b ON b.id = p.body_id
    JOIN meeting mt ON mt.id = p.meeting_id
    LEFT JOIN adjusted_record_snapshot s ON s.paragraph_id = p.id`;

/**
 * A formal decision: adjusted, outcome 'decision', taken by a council, board or committee, or by
 * any body (a working committee too) under a delegation.
 */
const IS_FORMAL_DECISION = `p.adjusted_at IS NOT NULL AND p.outcome_kind = 'decision'
  AND (${FROZEN('body,kind', 'b.kind')} IN (${DECIDING_BODY_KINDS.map((k) => `'${k}'`).join(', ')})
       OR p.delegation_id IS NOT NULL)`;

/**
 * A decision by an office holder on delegation, taken outside a meeting, in the same columns
 * (same order) as PARAGRAPH_SELECT. It has no meeting, number, adjustment or notice; it sorts
 * by the day it was decided. Such decisions have no adjustment and no visibility rule: public
 * once recorded.
 */
const DELEGATION_DECISION_SELECT = `
  SELECT 'delegation_decision'::text AS kind, dd.id, dd.organisation_id, o.name AS organisation_name,
         o.organisation_number, dd.body_id, b.name AS body_name, b.short_name AS body_short_name,
         b.kind AS body_kind, NULL::uuid AS meeting_id, NULL::text AS meeting_date,
         dd.decided_on AS sort_date, NULL::int AS number, 0::float8 AS sort_key, NULL::text AS label,
         NULL::text AS reference, dd.title, dd.case_number, true AS is_public,
         'decision'::text AS outcome_kind, NULL::timestamptz AS adjusted_at, NULL::date AS announced_on,
         NULL::date AS appeal_last_day, dl.appealable, NULL::timestamptz AS appeal_registered_at,
         dd.delegation_id, NULL::uuid AS announcement_id,
         TO_CHAR(dd.decided_on, 'YYYY-MM-DD') AS decided_on, dd.decided_by_name, dd.decided_by_role,
         dd.text AS decision_text
    FROM delegation_decision dd
    JOIN organisation o ON o.id = dd.organisation_id
    JOIN body b ON b.id = dd.body_id
    LEFT JOIN delegation dl ON dl.id = dd.delegation_id`;

/** Both kinds of decision of the register, one row each, in the same columns. */
const REGISTER_SELECT = `SELECT * FROM ((${PARAGRAPH_SELECT} WHERE ${IS_FORMAL_DECISION})
  UNION ALL (${DELEGATION_DECISION_SELECT})) u`;

/** "Kommunstyrelsens ordförande Gunnar Andersson, beslut på delegation 2020-08-25, dnr KS 2020/1" */
export function delegationDecisionCitation(d: {
  decidedByRole: string | null;
  decidedByName: string | null;
  decidedOn: string;
  caseNumber: string | null;
}): string {
  const who = [d.decidedByRole, d.decidedByName].filter((x): x is string => !!x).join(' ');
  const capitalised = who ? who.charAt(0).toUpperCase() + who.slice(1) : 'Okänd beslutsfattare';
  const dnr = d.caseNumber ? `, dnr ${d.caseNumber}` : '';
  return `${capitalised}, beslut på delegation ${d.decidedOn}${dnr}`;
}

export interface DecisionSummary {
  /** 'paragraph': a § of a meeting; 'delegation_decision': an office holder's, outside meetings. */
  kind: DecisionKind;
  id: string;
  /** "Regionstyrelsen 2024-11-12 § 123, dnr RS/1234/2024" */
  citation: string;
  /** Stable address of the decision in this register. */
  url: string;
  organisation: { id: string; name: string; organisationNumber: string | null };
  body: { id: string; name: string; shortName: string; kind: string };
  /** Null for an office holder's decision (no meeting). */
  meetingId: string | null;
  meetingDate: string | null;
  number: number | null;
  /** "RS 2024-11-12 § 123"; null for an office holder's decision. */
  reference: string | null;
  title: string;
  caseNumber: string | null;
  isPublic: boolean;
  /**
   * An office holder's decision has no notice recorded: 'posting_date_unknown' (the appeal
   * period cannot be computed), never a guessed one.
   */
  status: DecisionStatus;
  /** Null for an office holder's decision (no adjustment). */
  adjustedAt: string | null;
  adjustedOn: string | null;
  announcedOn: string | null;
  /** Null when not known (an office holder's decision with no delegation recorded). */
  appealable: boolean | null;
  appealLastDay: string | null;
  /** Decided under this delegation (delegationsbeslut); null otherwise. */
  delegationId: string | null;
  /** The day it became (or becomes) final without an appeal; null if it never runs an appeal period. */
  finalOn: string | null;
  /** Office holder's decision only: when, by whom (as recorded, null parts unknown), its text. */
  decidedOn?: string;
  decidedBy?: { role: string | null; name: string | null };
  text?: string | null;
}

export interface AuthorisedApplicationRef {
  applicationId: string;
  url: string;
  title: string;
  grantor: string;
  status: string;
  caseNumber: string | null;
  applicant: { organisationId: string; name: string; isLead: boolean };
  clausePosition: number;
  clauseCitation: string;
}

export interface DecisionClauseView {
  id: string;
  position: number;
  /** "Regionstyrelsen 2024-11-12 § 123 p. 2, dnr RS/1234/2024" */
  citation: string;
  url: string;
  text: string;
}

export interface DecisionView extends DecisionSummary {
  clauses: DecisionClauseView[];
  /** Every grant application whose applicant is authorised by a clause of this decision. */
  authorisedApplications: AuthorisedApplicationRef[];
}

export interface ClauseDecisionView {
  decision: DecisionSummary;
  clause: DecisionClauseView;
  authorisedApplications: AuthorisedApplicationRef[];
}

/**
 * A paragraph clause as a possible authorisation of a grant applicant, whatever the state of its
 * paragraph: the grant rules decide whether it is good enough.
 */
export interface ClauseRef {
  clauseId: string;
  position: number;
  text: string;
  paragraphId: string;
  organisationId: string;
  organisationName: string;
  bodyName: string;
  bodyShortName: string;
  bodyKind: string;
  outcomeKind: string;
  meetingDate: string | null;
  number: number;
  /** As the body prints it: "§ 123", "KSAU 130/2014". */
  label: string;
  reference: string;
  title: string;
  caseNumber: string | null;
  isPublic: boolean;
  adjustedAt: string | null;
  adjustedOn: string | null;
  status: DecisionStatus | null;
  citation: string;
  clauseCitation: string;
  /** Stable URLs; only resolve for formal decisions. */
  decisionUrl: string;
  clauseUrl: string;
}

const adjustedOnOf = (at: Date): string => todayInSweden(at);

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const isDateValue: CursorCheck = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * The decision register: every adjusted paragraph of a deciding body, clause by clause, with a
 * stable citation and URL, its legal status and the grant applications it authorises.
 * Reads are open; a non-public paragraph is shown only to its organisation's users and admins.
 */
@Injectable()
export class DecisionsService {
  constructor(private readonly dataSource: DataSource) {}

  async listDecisions(actor: Actor, query: ListDecisionsQuery): Promise<Page<DecisionSummary>> {
    const today = query.on ?? todayInSweden();
    const params: unknown[] = [];
    // p: paragraphs decided at meetings; dd: office holders' decisions (public once recorded).
    const where: string[] = [IS_FORMAL_DECISION];
    const ddWhere: string[] = ['true'];
    const outer: string[] = ['true'];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (actor.role !== 'admin') {
      where.push(
        actor.organisationId
          ? `(p.is_public OR p.organisation_id = ${param(actor.organisationId)})`
          : 'p.is_public',
      );
    }
    if (query.organisationId) {
      const o = param(query.organisationId);
      where.push(`p.organisation_id = ${o}`);
      ddWhere.push(`dd.organisation_id = ${o}`);
    }
    if (query.bodyId) {
      const b = param(query.bodyId);
      where.push(`p.body_id = ${b}`);
      ddWhere.push(`dd.body_id = ${b}`);
    }
    if (query.from) {
      const from = param(query.from);
      where.push(`mt.meeting_date >= ${from}::date`);
      ddWhere.push(`dd.decided_on >= ${from}::date`);
    }
    if (query.to) {
      const to = param(query.to);
      where.push(`mt.meeting_date <= ${to}::date`);
      ddWhere.push(`dd.decided_on <= ${to}::date`);
    }
    if (query.caseNumber) {
      const c = param(`%${escapeLike(query.caseNumber.trim())}%`);
      where.push(`p.case_number ILIKE ${c}`);
      ddWhere.push(`dd.case_number ILIKE ${c}`);
    }
    if (query.q) {
      const q = param(`%${escapeLike(query.q.trim())}%`);
      where.push(`(p.title ILIKE ${q} OR p.description ILIKE ${q} OR p.reference ILIKE ${q}
        OR EXISTS (SELECT 1 FROM paragraph_clause c WHERE c.paragraph_id = p.id AND c.text ILIKE ${q}))`);
      ddWhere.push(`(dd.title ILIKE ${q} OR dd.text ILIKE ${q} OR dd.decided_by_name ILIKE ${q}
        OR dd.decided_by_role ILIKE ${q})`);
    }
    if (query.status) {
      const status = param(query.status);
      where.push(`(${decisionStatusSql(param(today))}) = ${status}`);
      // No notice is recorded for an office holder's decision: its posting date is unknown.
      ddWhere.push(`'posting_date_unknown' = ${status}`);
    }
    if (query.cursor) {
      const [date, key, id] = decodeCursor<[string, number, string]>(query.cursor, [
        isDateValue,
        isNumberValue,
        isUuidValue,
      ]);
      outer.push(
        `(u.sort_date, u.sort_key, u.id) < (${param(date)}::date, ${param(key)}::float8, ${param(id)}::uuid)`,
      );
    }
    const limit = query.limit ?? 50;
    const rows: RegisterRow[] = await this.dataSource.query(
      `SELECT * FROM ((${PARAGRAPH_SELECT} WHERE ${where.join(' AND ')})
         UNION ALL (${DELEGATION_DECISION_SELECT} WHERE ${ddWhere.join(' AND ')})) u
        WHERE ${outer.join(' AND ')}
        ORDER BY u.sort_date DESC, u.sort_key DESC, u.id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map((r) => this.summary(r, today));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([rows[limit - 1].sort_date, rows[limit - 1].sort_key, last.id])
          : null,
    };
  }

  async getDecision(actor: Actor, id: string, today = todayInSweden()): Promise<DecisionView> {
    const row = await this.visibleDecisionRow(actor, id);
    const summary = this.summary(row, today);
    if (row.kind === 'delegation_decision') {
      // An office holder's decision has no numbered clauses and authorises no grant applicant.
      return { ...summary, clauses: [], authorisedApplications: [] };
    }
    const clauses: { id: string; position: number; text: string }[] = await this.dataSource.query(
      `SELECT id, position, text FROM paragraph_clause WHERE paragraph_id = $1 ORDER BY position`,
      [id],
    );
    return {
      ...summary,
      clauses: clauses.map((c) => this.clauseView(row, c)),
      authorisedApplications: await this.applicationsAuthorisedBy(actor, row, null),
    };
  }

  async getDecisionClause(
    actor: Actor,
    id: string,
    position: number,
    today = todayInSweden(),
  ): Promise<ClauseDecisionView> {
    const row = await this.visibleDecisionRow(actor, id);
    if (row.kind === 'delegation_decision') {
      throw new NotFoundError('decision clause', `${id} p. ${position}`);
    }
    const clauses: { id: string; position: number; text: string }[] = await this.dataSource.query(
      `SELECT id, position, text FROM paragraph_clause WHERE paragraph_id = $1 AND position = $2`,
      [id, position],
    );
    if (!clauses[0]) throw new NotFoundError('decision clause', `${id} p. ${position}`);
    return {
      decision: this.summary(row, today),
      clause: this.clauseView(row, clauses[0]),
      authorisedApplications: await this.applicationsAuthorisedBy(actor, row, position),
    };
  }

  /** The clause and its paragraph, in any state, or null when no such clause exists. */
  async findClause(clauseId: string, manager?: EntityManager): Promise<ClauseRef | null> {
    const m = manager ?? this.dataSource.manager;
    const rows: (ParagraphRow & { clause_id: string; position: number; text: string })[] =
      await m.query(
        `SELECT q.*, c.id AS clause_id, c.position, c.text
           FROM paragraph_clause c
           JOIN (${PARAGRAPH_SELECT}) q ON q.id = c.paragraph_id
          WHERE c.id = $1`,
        [clauseId],
      );
    const r = rows[0];
    if (!r) return null;
    const parts = this.citationParts(r);
    const formal =
      r.adjusted_at !== null &&
      r.outcome_kind === 'decision' &&
      ((DECIDING_BODY_KINDS as readonly string[]).includes(r.body_kind) ||
        r.delegation_id !== null);
    return {
      clauseId: r.clause_id,
      position: r.position,
      text: r.text,
      paragraphId: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      bodyName: r.body_name,
      bodyShortName: r.body_short_name,
      bodyKind: r.body_kind,
      outcomeKind: r.outcome_kind,
      meetingDate: r.meeting_date,
      number: r.number,
      label: r.label,
      reference: r.reference,
      title: r.title,
      caseNumber: r.case_number,
      isPublic: r.is_public,
      adjustedAt: r.adjusted_at ? r.adjusted_at.toISOString() : null,
      adjustedOn: r.adjusted_at ? adjustedOnOf(r.adjusted_at) : null,
      status: formal ? decisionStatus(this.dates(r)) : null,
      citation: decisionCitation(parts),
      clauseCitation: clauseCitation(parts, r.position),
      decisionUrl: decisionUrl(r.id),
      clauseUrl: clauseUrl(r.id, r.position),
    };
  }

  // --- helpers ----------------------------------------------------------------------------

  private async visibleDecisionRow(actor: Actor, id: string): Promise<RegisterRow> {
    const rows: RegisterRow[] = await this.dataSource.query(`${REGISTER_SELECT} WHERE u.id = $1`, [
      id,
    ]);
    const row = rows[0];
    if (!row || (!row.is_public && !canSeeUnpublished(actor, row.organisation_id))) {
      throw new NotFoundError('decision', id);
    }
    return row;
  }

  private async applicationsAuthorisedBy(
    actor: Actor,
    row: ParagraphRow,
    position: number | null,
  ): Promise<AuthorisedApplicationRef[]> {
    const found: {
      application_id: string;
      title: string;
      grantor: string;
      status: string;
      case_number: string | null;
      organisation_id: string;
      organisation_name: string;
      is_lead: boolean;
      position: number;
      applicant_organisation_ids: string[];
    }[] = await this.dataSource.query(
      `SELECT ga.id AS application_id, ga.title, ga.grantor, ga.status, ga.case_number,
              ap.organisation_id, o.name AS organisation_name, ap.is_lead, c.position,
              (SELECT array_agg(x.organisation_id) FROM grant_applicant x
                WHERE x.application_id = ga.id) AS applicant_organisation_ids
         FROM grant_applicant ap
         JOIN grant_application ga ON ga.id = ap.application_id
         JOIN paragraph_clause c ON c.id = ap.authorising_clause_id
         JOIN organisation o ON o.id = ap.organisation_id
        WHERE c.paragraph_id = $1 AND ($2::int IS NULL OR c.position = $2)
          -- Only entries the organisation made itself, never one made in its name.
          AND ap.entered_by_own_organisation
        ORDER BY c.position, ga.created_at, ga.id`,
      [row.id, position],
    );
    const parts = this.citationParts(row);
    return found
      .filter(
        (a) =>
          a.status !== 'draft' ||
          actor.role === 'admin' ||
          (actor.organisationId !== null &&
            a.applicant_organisation_ids.includes(actor.organisationId)),
      )
      .map((a) => ({
        applicationId: a.application_id,
        url: `/api/grant-applications/${a.application_id}`,
        title: a.title,
        grantor: a.grantor,
        status: a.status,
        caseNumber: a.case_number,
        applicant: {
          organisationId: a.organisation_id,
          name: a.organisation_name,
          isLead: a.is_lead,
        },
        clausePosition: a.position,
        clauseCitation: clauseCitation(parts, a.position),
      }));
  }

  private citationParts(r: ParagraphRow) {
    return {
      bodyName: r.body_name,
      meetingDate: r.meeting_date,
      number: r.number,
      label: r.label,
      caseNumber: r.case_number,
    };
  }

  private dates(r: ParagraphRow) {
    return {
      announcedOn: r.announced_on,
      appealable: r.appealable,
      appealLastDay: r.appeal_last_day,
      appealRegisteredAt: r.appeal_registered_at,
      hasNotice: r.announcement_id !== null,
    };
  }

  private clauseView(
    row: ParagraphRow,
    c: { id: string; position: number; text: string },
  ): DecisionClauseView {
    return {
      id: c.id,
      position: c.position,
      citation: clauseCitation(this.citationParts(row), c.position),
      url: clauseUrl(row.id, c.position),
      text: c.text,
    };
  }

  private summary(r: RegisterRow, today: string): DecisionSummary {
    if (r.kind === 'delegation_decision') return this.delegationSummary(r);
    return this.paragraphSummary(r, today);
  }

  private delegationSummary(r: DelegationDecisionRow): DecisionSummary {
    const decidedOn = r.decided_on!;
    return {
      kind: 'delegation_decision',
      id: r.id,
      citation: delegationDecisionCitation({
        decidedByRole: r.decided_by_role,
        decidedByName: r.decided_by_name,
        decidedOn,
        caseNumber: r.case_number,
      }),
      url: decisionUrl(r.id),
      organisation: {
        id: r.organisation_id,
        name: r.organisation_name,
        organisationNumber: r.organisation_number,
      },
      body: { id: r.body_id, name: r.body_name, shortName: r.body_short_name, kind: r.body_kind },
      meetingId: null,
      meetingDate: null,
      number: null,
      reference: null,
      title: r.title,
      caseNumber: r.case_number,
      isPublic: true,
      // No notice (or posting day) is recorded for it: say so, never compute from a guess.
      status: 'posting_date_unknown',
      adjustedAt: null,
      adjustedOn: null,
      announcedOn: null,
      appealable: r.appealable,
      appealLastDay: null,
      delegationId: r.delegation_id,
      finalOn: null,
      decidedOn,
      decidedBy: { role: r.decided_by_role, name: r.decided_by_name },
      text: r.decision_text,
    };
  }

  private paragraphSummary(r: ParagraphRow, today: string): DecisionSummary {
    const adjustedAt = r.adjusted_at!;
    return {
      kind: 'paragraph',
      id: r.id,
      citation: decisionCitation(this.citationParts(r)),
      url: decisionUrl(r.id),
      organisation: {
        id: r.organisation_id,
        name: r.organisation_name,
        organisationNumber: r.organisation_number,
      },
      body: { id: r.body_id, name: r.body_name, shortName: r.body_short_name, kind: r.body_kind },
      meetingId: r.meeting_id,
      meetingDate: r.meeting_date,
      number: r.number,
      reference: r.reference,
      title: r.title,
      caseNumber: r.case_number,
      isPublic: r.is_public,
      status: decisionStatus(this.dates(r), today),
      adjustedAt: adjustedAt.toISOString(),
      adjustedOn: adjustedOnOf(adjustedAt),
      announcedOn: r.announced_on,
      appealable: r.appealable,
      appealLastDay: r.appeal_last_day,
      delegationId: r.delegation_id,
      finalOn:
        r.appealable && r.appeal_last_day && !r.appeal_registered_at
          ? addDays(r.appeal_last_day, 1)
          : null,
    };
  }
}
