import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Body } from '../bodies/body.entity';
import { Actor } from '../common/auth/actor';
import { assertCanWrite, canSeeUnpublished } from '../common/auth/permissions';
import { ConflictError, NotFoundError } from '../common/errors';
import { CursorCheck, decodeCursor, encodeCursor, isUuidValue, Page } from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { ClauseChange, diffClauses } from './clause-diff';
import { onwardBodiesOf } from './proposal-chain';
import { CreateProposalDto, ListProposalsQuery, ProposalStatus } from './dto/minutes.dto';

export interface ProposalView {
  id: string;
  organisationId: string;
  toBody: { id: string; name: string; shortName: string };
  sourceKind: 'officer' | 'body_paragraph';
  sourceParagraph: { id: string; reference: string } | null;
  officerName: string | null;
  officerTitle: string | null;
  heading: string;
  title: string;
  caseNumber: string | null;
  description: string | null;
  status: ProposalStatus;
  /**
   * On the deciding body's agenda as ready: open or tabled, and from an officer or from an
   * adjusted paragraph. A proposal sent back, withdrawn or decided is not ready.
   */
  readyForDecision: boolean;
  /** Tjänsteskrivelse: the officer's report (date and handläggare as known), or null. */
  report: { date: string | null; caseOfficerName: string | null } | null;
  /** The bodies the proposal goes on to after toBody, in order (a proposal chain). */
  onwardBodies: { id: string; name: string; shortName: string }[];
  /**
   * The chain so far, earliest first: each earlier proposal the source paragraph handled
   * ("Arbetsutskottet föreslår kommunstyrelsen föreslå kommunfullmäktige …"), with its outcome.
   */
  history: {
    proposalId: string;
    heading: string;
    toBody: string;
    sourceParagraphReference: string | null;
    status: ProposalStatus;
  }[];
  clauses: { position: number; text: string }[];
  basisDocuments: string[];
  /** Each paragraph of the deciding body that handled it, with the clause-by-clause outcome. */
  handlings: {
    paragraphId: string;
    reference: string;
    outcome: string | null;
    changes: ClauseChange[] | null;
  }[];
}

interface ProposalRow {
  id: string;
  organisation_id: string;
  to_body_id: string;
  to_name: string;
  to_short_name: string;
  source_kind: 'officer' | 'body_paragraph';
  source_paragraph_id: string | null;
  source_reference: string | null;
  source_published: boolean | null;
  source_adjusted: boolean | null;
  officer_name: string | null;
  officer_title: string | null;
  is_officer_report: boolean;
  report_date: string | null;
  case_officer_name: string | null;
  heading: string;
  title: string;
  case_number: string | null;
  description: string | null;
  status: ProposalStatus;
  public_status: ProposalStatus;
  created_at: Date;
  created_at_text: string;
}

/** created_at as PostgreSQL prints it, with microseconds, so no row is skipped or repeated. */
const isPgTimestampValue: CursorCheck = (v) =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(v);

const FINAL = ['decided_as_proposed', 'decided_with_changes', 'withdrawn'];
const READY_STATUSES: ProposalStatus[] = ['open', 'tabled'];

/** Proposals to a deciding body, from an officer or a preparing body, tracked to the decision. */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** An officer's proposal ("Regiondirektörens förslag"). */
  async createOfficerProposal(actor: Actor, dto: CreateProposalDto): Promise<ProposalView> {
    return this.tx.run(async (m) => {
      const body = await m.getRepository(Body).findOneBy({ id: dto.toBodyId });
      if (!body) throw new NotFoundError('body', dto.toBodyId);
      assertCanWrite(actor, body.organisationId);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO proposal (organisation_id, to_body_id, source_kind, officer_name, officer_title,
                               heading, title, case_number, description,
                               is_officer_report, report_date, case_officer_name)
         VALUES ($1, $2, 'officer', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          body.organisationId,
          body.id,
          dto.officerName.trim(),
          dto.officerTitle?.trim() ?? null,
          dto.heading?.trim() ??
            (dto.report
              ? 'Tjänsteskrivelse'
              : dto.officerTitle
                ? `${dto.officerTitle.trim()}ens förslag`
                : 'Förslag till beslut'),
          dto.title.trim(),
          dto.caseNumber?.trim() ?? null,
          dto.description ?? null,
          dto.report !== undefined,
          dto.report?.date ?? null,
          dto.report?.caseOfficerName?.trim() ?? null,
        ],
      );
      for (const [i, text] of dto.clauses.entries()) {
        await m.query(
          `INSERT INTO proposal_clause (proposal_id, position, text) VALUES ($1, $2, $3)`,
          [row.id, i + 1, text.trim()],
        );
      }
      for (const [i, title] of (dto.basisDocuments ?? []).entries()) {
        await m.query(
          `INSERT INTO proposal_basis_document (proposal_id, position, title) VALUES ($1, $2, $3)`,
          [row.id, i + 1, title.trim()],
        );
      }
      return this.view(m, row.id, actor);
    });
  }

  /** Återtagen: the proposer withdraws a proposal not yet decided. */
  async withdraw(actor: Actor, id: string): Promise<ProposalView> {
    return this.tx.run(async (m) => {
      const [row]: { organisation_id: string; status: string }[] = await m.query(
        `SELECT organisation_id, status FROM proposal WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new NotFoundError('proposal', id);
      assertCanWrite(actor, row.organisation_id);
      if (FINAL.includes(row.status)) {
        throw new ConflictError(`The proposal is already ${row.status}`, { allowedNextSteps: [] });
      }
      await m.query(`UPDATE proposal SET status = 'withdrawn', updated_at = now() WHERE id = $1`, [
        id,
      ]);
      return this.view(m, id, actor);
    });
  }

  async getProposal(actor: Actor, id: string): Promise<ProposalView> {
    const row = await this.row(this.dataSource.manager, id);
    if (!row || !this.visible(actor, row)) throw new NotFoundError('proposal', id);
    return this.view(this.dataSource.manager, id, actor);
  }

  /**
   * Keyset pages in (created_at, id) order. The visibility rule is part of the WHERE clause, so
   * every page is full and nextCursor is null only on the last page.
   */
  async listProposals(actor: Actor, query: ListProposalsQuery): Promise<Page<ProposalView>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.toBodyId) where.push(`pr.to_body_id = ${param(query.toBodyId)}`);
    // Outsiders filter on the public status, never on an unpublished outcome.
    const status = (): string =>
      actor.role === 'admin'
        ? 'pr.status'
        : actor.role !== 'anonymous' && actor.organisationId
          ? `CASE WHEN pr.organisation_id = ${param(actor.organisationId)} THEN pr.status ELSE proposal_public_status(pr.id) END`
          : 'proposal_public_status(pr.id)';
    if (query.status) where.push(`${status()} = ${param(query.status)}`);
    if (query.ready !== undefined) {
      const ready = `(${status()} IN ('open', 'tabled') AND (pr.source_kind = 'officer' OR sp.adjusted_at IS NOT NULL))`;
      where.push(query.ready === 'true' ? ready : `NOT ${ready}`);
    }
    if (actor.role !== 'admin') {
      // Same rule as visible(): officer proposals, proposals of published paragraphs, and
      // everything of the actor's own organisation.
      const published = `(pr.source_kind = 'officer' OR (sp.adjusted_at IS NOT NULL AND sp.is_public))`;
      where.push(
        actor.role !== 'anonymous' && actor.organisationId
          ? `(${published} OR pr.organisation_id = ${param(actor.organisationId)})`
          : published,
      );
    }
    if (query.cursor) {
      const [createdAt, id] = decodeCursor<[string, string]>(query.cursor, [
        isPgTimestampValue,
        isUuidValue,
      ]);
      where.push(`(pr.created_at, pr.id) > (${param(createdAt)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: ProposalRow[] = await this.dataSource.query(
      `${this.select()} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY pr.created_at, pr.id LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    // One at a time: each view runs several queries.
    const items: ProposalView[] = [];
    for (const r of page) items.push(await this.view(this.dataSource.manager, r.id, actor));
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.created_at_text, last.id]) : null,
    };
  }

  /**
   * The proposals before this one in its chain: those handled in its source paragraph, and
   * theirs, earliest first. Outsiders see only the steps they may see.
   */
  private async history(
    m: EntityManager,
    start: ProposalRow,
    actor: Actor,
  ): Promise<ProposalView['history']> {
    const steps: ProposalView['history'] = [];
    const seen = new Set<string>([start.id]);
    let paragraphId = start.source_paragraph_id;
    while (paragraphId) {
      const [prev]: { id: string }[] = await m.query(
        `SELECT proposal_id AS id FROM proposal_handling WHERE paragraph_id = $1 ORDER BY position LIMIT 1`,
        [paragraphId],
      );
      if (!prev || seen.has(prev.id)) break;
      seen.add(prev.id);
      const row = await this.row(m, prev.id);
      if (!row) break;
      if (this.visible(actor, row)) {
        steps.unshift({
          proposalId: row.id,
          heading: row.heading,
          toBody: row.to_name,
          sourceParagraphReference: row.source_reference,
          status: canSeeUnpublished(actor, row.organisation_id) ? row.status : row.public_status,
        });
      }
      paragraphId = row.source_paragraph_id;
    }
    return steps;
  }

  /** Officer proposals are public documents; a body's proposal once its paragraph is published. */
  private visible(actor: Actor, row: ProposalRow): boolean {
    if (canSeeUnpublished(actor, row.organisation_id)) return true;
    return row.source_kind === 'officer' || row.source_published === true;
  }

  private select(): string {
    // created_at as text keeps the microseconds for the keyset cursor (a JS Date drops them).
    return `SELECT pr.*, pr.created_at::text AS created_at_text, pr.report_date::text AS report_date, b.name AS to_name, b.short_name AS to_short_name,
                   sp.reference AS source_reference,
                   (sp.adjusted_at IS NOT NULL AND sp.is_public) AS source_published,
                   (sp.adjusted_at IS NOT NULL) AS source_adjusted,
                   proposal_public_status(pr.id) AS public_status
              FROM proposal pr JOIN body b ON b.id = pr.to_body_id
              LEFT JOIN paragraph sp ON sp.id = pr.source_paragraph_id`;
  }

  private async row(m: EntityManager, id: string): Promise<ProposalRow | undefined> {
    const rows: ProposalRow[] = await m.query(`${this.select()} WHERE pr.id = $1`, [id]);
    return rows[0];
  }

  /**
   * The proposal as the actor may see it: outside the organisation only handlings in adjusted,
   * public paragraphs are shown, so a draft decision (its outcome and clauses) does not leak.
   */
  private async view(m: EntityManager, id: string, actor: Actor): Promise<ProposalView> {
    const r = await this.row(m, id);
    if (!r) throw new NotFoundError('proposal', id);
    const seeAll = canSeeUnpublished(actor, r.organisation_id);
    const clauses: { position: number; text: string }[] = await m.query(
      `SELECT position, text FROM proposal_clause WHERE proposal_id = $1 ORDER BY position`,
      [id],
    );
    const basis: { title: string }[] = await m.query(
      `SELECT title FROM proposal_basis_document WHERE proposal_id = $1 ORDER BY position`,
      [id],
    );
    const allHandlings: {
      paragraph_id: string;
      reference: string;
      outcome: ProposalStatus | null;
      published: boolean;
    }[] = await m.query(
      `SELECT h.paragraph_id, p.reference, h.outcome, (p.adjusted_at IS NOT NULL AND p.is_public) AS published
         FROM proposal_handling h JOIN paragraph p ON p.id = h.paragraph_id
        WHERE h.proposal_id = $1 ORDER BY h.created_at, h.id`,
      [id],
    );
    const handlings = seeAll ? allHandlings : allHandlings.filter((h) => h.published);
    // Outsiders: an outcome counts once its paragraph is adjusted and public.
    const status = seeAll ? r.status : r.public_status;
    const result: ProposalView['handlings'] = [];
    for (const h of handlings) {
      let changes: ClauseChange[] | null = null;
      if (h.outcome === 'decided_as_proposed' || h.outcome === 'decided_with_changes') {
        const decided: { text: string }[] = await m.query(
          `SELECT text FROM paragraph_clause WHERE paragraph_id = $1 ORDER BY position`,
          [h.paragraph_id],
        );
        changes = diffClauses(
          clauses.map((c) => c.text),
          decided.map((d) => d.text),
        );
      }
      result.push({
        paragraphId: h.paragraph_id,
        reference: h.reference,
        outcome: h.outcome,
        changes,
      });
    }
    return {
      id: r.id,
      organisationId: r.organisation_id,
      toBody: { id: r.to_body_id, name: r.to_name, shortName: r.to_short_name },
      sourceKind: r.source_kind,
      sourceParagraph:
        r.source_paragraph_id && r.source_reference
          ? { id: r.source_paragraph_id, reference: r.source_reference }
          : null,
      officerName: r.officer_name,
      officerTitle: r.officer_title,
      heading: r.heading,
      title: r.title,
      caseNumber: r.case_number,
      description: r.description,
      status,
      readyForDecision:
        READY_STATUSES.includes(status) &&
        (r.source_kind === 'officer' || r.source_adjusted === true),
      report: r.is_officer_report
        ? { date: r.report_date, caseOfficerName: r.case_officer_name }
        : null,
      onwardBodies: r.source_paragraph_id ? await onwardBodiesOf(m, r.source_paragraph_id) : [],
      history: await this.history(m, r, actor),
      clauses,
      basisDocuments: basis.map((b) => b.title),
      handlings: result,
    };
  }
}
