import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { DelegationRow, inForce } from './delegation-rules';
import {
  CreateDelegationDecisionDto,
  CreateDelegationDto,
  ReportedDelegationDecisionsDto,
  UpdateDelegationDecisionDto,
  UpdateDelegationDto,
} from './dto/delegations.dto';
import { reportedDelegationDecisions, ReportedDelegationView } from './reported';

export interface DelegationView {
  id: string;
  organisationId: string;
  fromBodyId: string;
  toBodyId: string | null;
  toRole: string | null;
  toHolderName: string | null;
  matters: string[];
  matterKinds: string[];
  /** null: not printed (unknown). */
  validFrom: string | null;
  validTo: string | null;
  appealable: boolean;
  decidedInParagraphId: string | null;
  decidedInReference: string | null;
}

export interface DelegationDecisionView {
  id: string;
  organisationId: string;
  bodyId: string;
  delegationId: string | null;
  decidedOn: string;
  decidedByName: string | null;
  decidedByRole: string | null;
  title: string;
  text: string | null;
  caseNumber: string | null;
  /** From the delegation; null when no delegation record is linked (not known). */
  appealable: boolean | null;
}

const toView = (d: DelegationRow): DelegationView => ({
  id: d.id,
  organisationId: d.organisation_id,
  fromBodyId: d.from_body_id,
  toBodyId: d.to_body_id,
  toRole: d.to_role,
  toHolderName: d.to_holder_name,
  matters: d.matters,
  matterKinds: d.matter_kinds,
  validFrom: d.valid_from,
  validTo: d.valid_to,
  appealable: d.appealable,
  decidedInParagraphId: d.decided_in_paragraph_id,
  decidedInReference: d.decided_in_reference,
});

interface DecisionRow {
  id: string;
  organisation_id: string;
  body_id: string;
  delegation_id: string | null;
  decided_on: string;
  decided_by_name: string | null;
  decided_by_role: string | null;
  title: string;
  text: string | null;
  case_number: string | null;
  appealable: boolean | null;
}

const decisionView = (r: DecisionRow): DelegationDecisionView => ({
  id: r.id,
  organisationId: r.organisation_id,
  bodyId: r.body_id,
  delegationId: r.delegation_id,
  decidedOn: r.decided_on,
  decidedByName: r.decided_by_name,
  decidedByRole: r.decided_by_role,
  title: r.title,
  text: r.text,
  caseNumber: r.case_number,
  appealable: r.appealable,
});

const DECISION_SELECT = `SELECT dd.*, dl.appealable FROM delegation_decision dd
  LEFT JOIN delegation dl ON dl.id = dd.delegation_id`;

/**
 * Delegations (delegationsordning), decisions by office holders on delegation, and the list of
 * delegation decisions reported to a meeting of the delegating body (anmälan).
 */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  // --- delegations ---------------------------------------------------------------------------

  async create(
    actor: Actor,
    organisationId: string,
    dto: CreateDelegationDto,
  ): Promise<DelegationView> {
    assertCanWrite(actor, organisationId);
    return this.tx.run(async (m) => {
      const row = await this.validated(m, organisationId, dto);
      const [d]: DelegationRow[] = await m.query(
        `INSERT INTO delegation (organisation_id, from_body_id, to_body_id, to_role, to_holder_name,
                                 matters, matter_kinds, valid_from, valid_to, appealable,
                                 decided_in_paragraph_id, decided_in_reference)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          organisationId,
          row.from_body_id,
          row.to_body_id,
          row.to_role,
          row.to_holder_name,
          row.matters,
          row.matter_kinds,
          row.valid_from,
          row.valid_to,
          row.appealable,
          row.decided_in_paragraph_id,
          row.decided_in_reference,
        ],
      );
      return toView(d);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateDelegationDto): Promise<DelegationView> {
    return this.tx.run(async (m) => {
      const current = await this.lockDelegation(m, id);
      assertCanWrite(actor, current.organisation_id);
      const used: { meeting_date: string }[] = await m.query(
        `SELECT mt.meeting_date FROM paragraph p JOIN meeting mt ON mt.id = p.meeting_id
          WHERE p.delegation_id = $1 AND p.adjusted_at IS NOT NULL`,
        [id],
      );
      const merged: CreateDelegationDto = {
        fromBodyId: dto.fromBodyId ?? current.from_body_id,
        toBodyId: dto.toBodyId ?? current.to_body_id ?? undefined,
        toRole: dto.toRole ?? current.to_role ?? undefined,
        toHolderName: dto.toHolderName ?? current.to_holder_name ?? undefined,
        matters: dto.matters ?? current.matters,
        matterKinds:
          dto.matterKinds ?? (current.matter_kinds as CreateDelegationDto['matterKinds']),
        validFrom: dto.validFrom ?? current.valid_from ?? undefined,
        validTo: dto.validTo ?? current.valid_to ?? undefined,
        appealable: dto.appealable ?? current.appealable,
        decidedInParagraphId:
          dto.decidedInParagraphId ?? current.decided_in_paragraph_id ?? undefined,
        decidedInReference: dto.decidedInReference ?? current.decided_in_reference ?? undefined,
      };
      const row = await this.validated(m, current.organisation_id, merged);
      // Adjusted decisions taken under the delegation keep their legal basis.
      if (
        used.length > 0 &&
        (row.from_body_id !== current.from_body_id ||
          row.to_body_id !== current.to_body_id ||
          row.appealable !== current.appealable ||
          used.some((u) => !inForce(row, u.meeting_date)))
      ) {
        throw new ConflictError(
          'Adjusted paragraphs are decided under this delegation: its bodies, appealability and the dates they fall in can no longer change',
        );
      }
      const [d]: DelegationRow[] = await m.query(
        `UPDATE delegation SET from_body_id = $2, to_body_id = $3, to_role = $4, to_holder_name = $5,
                matters = $6, matter_kinds = $7, valid_from = $8, valid_to = $9, appealable = $10,
                decided_in_paragraph_id = $11, decided_in_reference = $12, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [
          id,
          row.from_body_id,
          row.to_body_id,
          row.to_role,
          row.to_holder_name,
          row.matters,
          row.matter_kinds,
          row.valid_from,
          row.valid_to,
          row.appealable,
          row.decided_in_paragraph_id,
          row.decided_in_reference,
        ],
      );
      return toView(d);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.tx.run(async (m) => {
      const current = await this.lockDelegation(m, id);
      assertCanWrite(actor, current.organisation_id);
      const used: unknown[] = await m.query(
        `SELECT 1 FROM paragraph WHERE delegation_id = $1
         UNION ALL SELECT 1 FROM delegation_decision WHERE delegation_id = $1 LIMIT 1`,
        [id],
      );
      if (used.length > 0) {
        throw new ConflictError(
          'Decisions are recorded under this delegation: it cannot be deleted',
        );
      }
      await m.query(`DELETE FROM delegation WHERE id = $1`, [id]);
    });
  }

  async get(id: string): Promise<DelegationView> {
    const [d]: DelegationRow[] = await this.dataSource.query(
      `SELECT * FROM delegation WHERE id = $1`,
      [id],
    );
    if (!d) throw new NotFoundError('delegation', id);
    return toView(d);
  }

  /** Delegations from or to the body, optionally only those in force on a day. */
  async listForBody(
    bodyId: string,
    on?: string,
  ): Promise<{ items: DelegationView[]; nextCursor: null }> {
    await this.assertBody(this.dataSource.manager, bodyId);
    const rows: DelegationRow[] = await this.dataSource.query(
      `SELECT * FROM delegation WHERE from_body_id = $1 OR to_body_id = $1
        ORDER BY valid_from NULLS FIRST, id`,
      [bodyId],
    );
    const items = rows.filter((r) => !on || inForce(r, on)).map(toView);
    return { items, nextCursor: null };
  }

  // --- decisions by office holders -----------------------------------------------------------

  async createDecision(
    actor: Actor,
    organisationId: string,
    dto: CreateDelegationDecisionDto,
  ): Promise<DelegationDecisionView> {
    assertCanWrite(actor, organisationId);
    return this.tx.run(async (m) => {
      const v = await this.validatedDecision(m, organisationId, dto);
      const [row]: { id: string }[] = await m.query(
        `INSERT INTO delegation_decision (organisation_id, body_id, delegation_id, decided_on,
                decided_by_name, decided_by_role, title, text, case_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          organisationId,
          v.bodyId,
          dto.delegationId ?? null,
          dto.decidedOn,
          dto.decidedByName?.trim() ?? null,
          dto.decidedByRole?.trim() ?? null,
          dto.title.trim(),
          dto.text ?? null,
          dto.caseNumber?.trim() ?? null,
        ],
      );
      return this.getDecision(row.id, m);
    });
  }

  async updateDecision(
    actor: Actor,
    id: string,
    dto: UpdateDelegationDecisionDto,
  ): Promise<DelegationDecisionView> {
    return this.tx.run(async (m) => {
      const [cur]: DecisionRow[] = await m.query(
        `SELECT * FROM delegation_decision WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!cur) throw new NotFoundError('delegation decision', id);
      assertCanWrite(actor, cur.organisation_id);
      const merged: CreateDelegationDecisionDto = {
        bodyId: dto.bodyId ?? cur.body_id,
        delegationId: dto.delegationId ?? cur.delegation_id ?? undefined,
        decidedOn: dto.decidedOn ?? cur.decided_on,
        decidedByName: dto.decidedByName ?? cur.decided_by_name ?? undefined,
        decidedByRole: dto.decidedByRole ?? cur.decided_by_role ?? undefined,
        title: dto.title ?? cur.title,
        text: dto.text ?? cur.text ?? undefined,
        caseNumber: dto.caseNumber ?? cur.case_number ?? undefined,
      };
      const v = await this.validatedDecision(m, cur.organisation_id, merged);
      await m.query(
        `UPDATE delegation_decision SET body_id = $2, delegation_id = $3, decided_on = $4,
                decided_by_name = $5, decided_by_role = $6, title = $7, text = $8, case_number = $9
          WHERE id = $1`,
        [
          id,
          v.bodyId,
          merged.delegationId ?? null,
          merged.decidedOn,
          merged.decidedByName?.trim() ?? null,
          merged.decidedByRole?.trim() ?? null,
          merged.title.trim(),
          merged.text ?? null,
          merged.caseNumber?.trim() ?? null,
        ],
      );
      return this.getDecision(id, m);
    });
  }

  async removeDecision(actor: Actor, id: string): Promise<void> {
    await this.tx.run(async (m) => {
      const [cur]: DecisionRow[] = await m.query(
        `SELECT * FROM delegation_decision WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!cur) throw new NotFoundError('delegation decision', id);
      assertCanWrite(actor, cur.organisation_id);
      const reported: unknown[] = await m.query(
        `SELECT 1 FROM meeting_reported_delegation WHERE delegation_decision_id = $1`,
        [id],
      );
      if (reported.length > 0) {
        throw new ConflictError(
          'The decision is reported to a meeting: remove it from that list first',
        );
      }
      await m.query(`DELETE FROM delegation_decision WHERE id = $1`, [id]);
    });
  }

  async getDecision(
    id: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<DelegationDecisionView> {
    const [r]: DecisionRow[] = await m.query(`${DECISION_SELECT} WHERE dd.id = $1`, [id]);
    if (!r) throw new NotFoundError('delegation decision', id);
    return decisionView(r);
  }

  /** The decision register's part for decisions taken outside meetings, newest first. */
  async listDecisions(
    organisationId: string,
    bodyId?: string,
  ): Promise<{ items: DelegationDecisionView[]; nextCursor: null }> {
    const rows: DecisionRow[] = await this.dataSource.query(
      `${DECISION_SELECT} WHERE dd.organisation_id = $1 AND ($2::uuid IS NULL OR dd.body_id = $2)
        ORDER BY dd.decided_on DESC, dd.id`,
      [organisationId, bodyId ?? null],
    );
    return { items: rows.map(decisionView), nextCursor: null };
  }

  // --- anmälan av delegationsbeslut ----------------------------------------------------------

  /**
   * Replaces the list of delegation decisions reported to the meeting. Each item is a paragraph
   * decided under a delegation from the meeting's body, an office holder's decision on behalf of
   * that body, or a line printed in the minutes; none may be dated after the meeting.
   */
  async setReported(
    actor: Actor,
    meetingId: string,
    dto: ReportedDelegationDecisionsDto,
  ): Promise<{ items: ReportedDelegationView[] }> {
    return this.tx.run(async (m) => {
      const [meeting]: {
        id: string;
        organisation_id: string;
        body_id: string;
        meeting_date: string;
        adjusted_at: Date | null;
      }[] = await m.query(
        `SELECT id, organisation_id, body_id, meeting_date, adjusted_at FROM meeting WHERE id = $1 FOR UPDATE`,
        [meetingId],
      );
      if (!meeting) throw new NotFoundError('meeting', meetingId);
      assertCanWrite(actor, meeting.organisation_id);
      if (meeting.adjusted_at) {
        throw new ConflictError('The minutes are adjusted: the reported list can no longer change');
      }
      for (const [i, item] of dto.items.entries()) {
        const field = `items[${i}]`;
        const given = [item.paragraphId, item.delegationDecisionId, item.printedText].filter(
          (x) => x !== undefined,
        );
        if (given.length !== 1) {
          throw new RuleViolationError(
            'Give exactly one of paragraphId, delegationDecisionId or printedText',
            { field },
          );
        }
        if (item.paragraphId) {
          const [p]: { from_body_id: string | null; meeting_date: string }[] = await m.query(
            `SELECT d.from_body_id, mt.meeting_date FROM paragraph p
               JOIN meeting mt ON mt.id = p.meeting_id
               LEFT JOIN delegation d ON d.id = p.delegation_id
              WHERE p.id = $1`,
            [item.paragraphId],
          );
          if (!p) throw new NotFoundError('paragraph', item.paragraphId);
          if (p.from_body_id !== meeting.body_id) {
            throw new RuleViolationError(
              'The paragraph is not decided under a delegation from the body of this meeting',
              { field: `${field}.paragraphId` },
            );
          }
          if (p.meeting_date > meeting.meeting_date) {
            throw new RuleViolationError(
              'The decision is later than the meeting it is reported to',
              {
                field: `${field}.paragraphId`,
              },
            );
          }
        }
        if (item.delegationDecisionId) {
          const [d]: { body_id: string; decided_on: string }[] = await m.query(
            `SELECT body_id, decided_on FROM delegation_decision WHERE id = $1`,
            [item.delegationDecisionId],
          );
          if (!d) throw new NotFoundError('delegation decision', item.delegationDecisionId);
          if (d.body_id !== meeting.body_id) {
            throw new RuleViolationError('The decision was not taken on behalf of this body', {
              field: `${field}.delegationDecisionId`,
            });
          }
          if (d.decided_on > meeting.meeting_date) {
            throw new RuleViolationError(
              'The decision is later than the meeting it is reported to',
              {
                field: `${field}.delegationDecisionId`,
              },
            );
          }
        }
      }
      await m.query(`DELETE FROM meeting_reported_delegation WHERE meeting_id = $1`, [meetingId]);
      for (const [i, item] of dto.items.entries()) {
        await m.query(
          `INSERT INTO meeting_reported_delegation (meeting_id, position, paragraph_id, delegation_decision_id, printed_text)
           VALUES ($1, $2, $3, $4, $5)`,
          [
            meetingId,
            i + 1,
            item.paragraphId ?? null,
            item.delegationDecisionId ?? null,
            item.printedText?.trim() ?? null,
          ],
        );
      }
      return { items: await reportedDelegationDecisions(m, meetingId) };
    });
  }

  async getReported(meetingId: string): Promise<{ items: ReportedDelegationView[] }> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM meeting WHERE id = $1`, [
      meetingId,
    ]);
    if (rows.length === 0) throw new NotFoundError('meeting', meetingId);
    return { items: await reportedDelegationDecisions(this.dataSource.manager, meetingId) };
  }

  // --- helpers ------------------------------------------------------------------------------

  private async lockDelegation(m: EntityManager, id: string): Promise<DelegationRow> {
    const [d]: DelegationRow[] = await m.query(
      `SELECT * FROM delegation WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!d) throw new NotFoundError('delegation', id);
    return d;
  }

  private async assertBody(
    m: EntityManager,
    bodyId: string,
    organisationId?: string,
    field = 'bodyId',
  ): Promise<void> {
    const [b]: { organisation_id: string }[] = await m.query(
      `SELECT organisation_id FROM body WHERE id = $1`,
      [bodyId],
    );
    if (!b) throw new NotFoundError('body', bodyId);
    if (organisationId && b.organisation_id !== organisationId) {
      throw new RuleViolationError('The body belongs to another organisation', { field });
    }
  }

  private async validated(
    m: EntityManager,
    organisationId: string,
    dto: CreateDelegationDto,
  ): Promise<DelegationRow> {
    await this.assertBody(m, dto.fromBodyId, organisationId, 'fromBodyId');
    if (dto.toBodyId) {
      await this.assertBody(m, dto.toBodyId, organisationId, 'toBodyId');
      if (dto.toBodyId === dto.fromBodyId) {
        throw new RuleViolationError('A body cannot delegate to itself', { field: 'toBodyId' });
      }
      if (dto.toRole || dto.toHolderName) {
        throw new RuleViolationError('Give either toBodyId or toRole / toHolderName, not both', {
          field: 'toBodyId',
        });
      }
    } else if (!dto.toRole && !dto.toHolderName) {
      throw new RuleViolationError('Give the delegate: toBodyId, toRole or toHolderName', {
        field: 'toBodyId',
      });
    }
    const matters = (dto.matters ?? []).map((x) => x.trim());
    if (matters.length + (dto.matterKinds ?? []).length === 0) {
      throw new RuleViolationError('Give the kinds of matter delegated: matters or matterKinds', {
        field: 'matters',
      });
    }
    if (dto.validFrom && dto.validTo && dto.validTo < dto.validFrom) {
      throw new RuleViolationError('validTo is before validFrom', { field: 'validTo' });
    }
    if (dto.decidedInParagraphId) {
      const [p]: { body_id: string; organisation_id: string }[] = await m.query(
        `SELECT body_id, organisation_id FROM paragraph WHERE id = $1`,
        [dto.decidedInParagraphId],
      );
      if (!p) throw new NotFoundError('paragraph', dto.decidedInParagraphId);
      if (p.body_id !== dto.fromBodyId) {
        throw new RuleViolationError(
          'A delegation is decided by the delegating body: the paragraph is of another body',
          { field: 'decidedInParagraphId' },
        );
      }
    }
    return {
      id: '',
      organisation_id: organisationId,
      from_body_id: dto.fromBodyId,
      to_body_id: dto.toBodyId ?? null,
      to_role: dto.toRole?.trim() ?? null,
      to_holder_name: dto.toHolderName?.trim() ?? null,
      matters,
      matter_kinds: dto.matterKinds ?? [],
      valid_from: dto.validFrom ?? null,
      valid_to: dto.validTo ?? null,
      appealable: dto.appealable,
      decided_in_paragraph_id: dto.decidedInParagraphId ?? null,
      decided_in_reference: dto.decidedInReference?.trim() ?? null,
    };
  }

  private async validatedDecision(
    m: EntityManager,
    organisationId: string,
    dto: CreateDelegationDecisionDto,
  ): Promise<{ bodyId: string }> {
    if (!dto.decidedByName && !dto.decidedByRole) {
      throw new RuleViolationError('Give who decided: decidedByName or decidedByRole', {
        field: 'decidedByName',
      });
    }
    let bodyId = dto.bodyId;
    if (dto.delegationId) {
      const [d]: DelegationRow[] = await m.query(`SELECT * FROM delegation WHERE id = $1`, [
        dto.delegationId,
      ]);
      if (!d || d.organisation_id !== organisationId) {
        throw new NotFoundError('delegation', dto.delegationId);
      }
      if (bodyId && bodyId !== d.from_body_id) {
        throw new RuleViolationError('bodyId must be the delegating body of the delegation', {
          field: 'bodyId',
        });
      }
      if (d.to_body_id) {
        throw new RuleViolationError(
          'The delegation is to a body: its decisions are paragraphs of that body',
          { field: 'delegationId' },
        );
      }
      if (!inForce(d, dto.decidedOn)) {
        throw new RuleViolationError('The delegation is not in force on decidedOn', {
          field: 'decidedOn',
        });
      }
      bodyId = d.from_body_id;
    }
    if (!bodyId) {
      throw new RuleViolationError('Give the delegating body: bodyId or delegationId', {
        field: 'bodyId',
      });
    }
    await this.assertBody(m, bodyId, organisationId);
    return { bodyId };
  }
}
