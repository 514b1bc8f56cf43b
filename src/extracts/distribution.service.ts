import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite, canSeeUnpublished } from '../common/auth/permissions';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { assertCanReadInternal } from './access';
import { DistributionHeading, RecipientKind, SetDistributionDto } from './dto/extracts.dto';

export type DistributionStatus = 'missing' | 'not_dispatched' | 'listed';

export interface DistributionEntryView {
  position: number;
  recipientId: string;
  kind: RecipientKind;
  /** The recipient's name as written in the minutes when the list was set. */
  label: string;
  note: string | null;
}

export interface DistributionView {
  paragraphId: string;
  reference: string;
  adjusted: boolean;
  /** missing: neither a list nor "Expedieras inte" yet (incomplete before adjustment). */
  status: DistributionStatus;
  heading: DistributionHeading | null;
  /** "Utdrag till" / "Expedieras till" / "Expedieras inte" */
  headingText: string | null;
  entries: DistributionEntryView[];
}

export interface IncompleteParagraph {
  paragraphId: string;
  meetingId: string;
  meetingDate: string;
  bodyName: string;
  number: number;
  reference: string;
  title: string;
}

interface ParagraphHead {
  id: string;
  organisation_id: string;
  reference: string;
  is_public: boolean;
  adjusted_at: Date | null;
}

export const HEADING_TEXT: Record<DistributionHeading, string> = {
  utdrag_till: 'Utdrag till',
  expedieras_till: 'Expedieras till',
};
export const NOT_DISPATCHED_TEXT = 'Expedieras inte';

/** Per-paragraph distribution lists ("Utdrag till" / "Expedieras till") or "Expedieras inte". */
@Injectable()
export class DistributionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** Replaces the paragraph's distribution decision; refused once the paragraph is adjusted. */
  async setDistribution(
    actor: Actor,
    paragraphId: string,
    dto: SetDistributionDto,
  ): Promise<DistributionView> {
    return this.tx.run(async (m) => {
      const rows: ParagraphHead[] = await m.query(
        `SELECT id, organisation_id, reference, is_public, adjusted_at FROM paragraph WHERE id = $1 FOR UPDATE`,
        [paragraphId],
      );
      const p = rows[0];
      if (!p) throw new NotFoundError('paragraph', paragraphId);
      assertCanWrite(actor, p.organisation_id);
      if (p.adjusted_at) {
        throw new ConflictError(
          `Paragraph ${p.reference} is adjusted: its distribution list is part of the public record and can no longer be changed`,
          { allowedNextSteps: ['extracts', 'dispatches'] },
        );
      }
      const entries = dto.entries ?? [];
      if (dto.notDispatched && entries.length > 0) {
        throw new RuleViolationError('A paragraph marked "Expedieras inte" has no recipients', {
          field: 'entries',
        });
      }
      if (!dto.notDispatched && entries.length === 0) {
        throw new RuleViolationError(
          'A distribution list needs at least one recipient (or mark it "Expedieras inte")',
          { field: 'entries' },
        );
      }
      const ids = entries.map((e) => e.recipientId);
      if (new Set(ids).size !== ids.length) {
        throw new RuleViolationError('A recipient appears twice in the distribution list', {
          field: 'entries',
        });
      }
      const recipients: {
        id: string;
        organisation_id: string;
        name: string;
        active: boolean;
      }[] = ids.length
        ? await m.query(
            `SELECT id, organisation_id, name, active FROM recipient WHERE id = ANY ($1)`,
            [ids],
          )
        : [];
      const byId = new Map(recipients.map((r) => [r.id, r]));
      for (const [i, id] of ids.entries()) {
        const r = byId.get(id);
        if (!r) throw new NotFoundError('recipient', id);
        if (r.organisation_id !== p.organisation_id) {
          throw new RuleViolationError('The recipient belongs to another organisation', {
            field: `entries[${i}].recipientId`,
          });
        }
        if (!r.active) {
          throw new RuleViolationError(`The recipient ${r.name} is retired`, {
            field: `entries[${i}].recipientId`,
          });
        }
      }

      await m.query(`DELETE FROM paragraph_distribution_entry WHERE paragraph_id = $1`, [p.id]);
      await m.query(
        `INSERT INTO paragraph_distribution (paragraph_id, organisation_id, not_dispatched, heading)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (paragraph_id) DO UPDATE
           SET not_dispatched = EXCLUDED.not_dispatched, heading = EXCLUDED.heading, updated_at = now()`,
        [p.id, p.organisation_id, dto.notDispatched, dto.heading ?? 'expedieras_till'],
      );
      for (const [i, e] of entries.entries()) {
        await m.query(
          `INSERT INTO paragraph_distribution_entry (paragraph_id, position, recipient_id, recipient_label, note)
           VALUES ($1, $2, $3, $4, $5)`,
          [p.id, i + 1, e.recipientId, byId.get(e.recipientId)!.name, e.note?.trim() || null],
        );
      }
      return (await this.distributionsOf(m, [p.id])).get(p.id)!;
    });
  }

  /** Public once the paragraph is adjusted and public; before that only for the organisation. */
  async getDistribution(actor: Actor, paragraphId: string): Promise<DistributionView> {
    const rows: ParagraphHead[] = await this.dataSource.query(
      `SELECT id, organisation_id, reference, is_public, adjusted_at FROM paragraph WHERE id = $1`,
      [paragraphId],
    );
    const p = rows[0];
    const published = !!p && p.adjusted_at !== null && p.is_public;
    if (!p || (!published && !canSeeUnpublished(actor, p.organisation_id))) {
      throw new NotFoundError('paragraph', paragraphId);
    }
    return (await this.distributionsOf(this.dataSource.manager, [p.id])).get(p.id)!;
  }

  /** Unadjusted paragraphs with neither a distribution list nor "Expedieras inte". */
  async listIncomplete(
    actor: Actor,
    scope: { organisationId: string } | { meetingId: string },
  ): Promise<{ items: IncompleteParagraph[] }> {
    let organisationId: string;
    if ('meetingId' in scope) {
      const meetings: { organisation_id: string }[] = await this.dataSource.query(
        `SELECT organisation_id FROM meeting WHERE id = $1`,
        [scope.meetingId],
      );
      if (!meetings[0]) throw new NotFoundError('meeting', scope.meetingId);
      organisationId = meetings[0].organisation_id;
    } else {
      organisationId = scope.organisationId;
    }
    assertCanReadInternal(actor, organisationId);
    const items: IncompleteParagraph[] = await this.dataSource.query(
      `SELECT p.id AS "paragraphId", p.meeting_id AS "meetingId", mt.meeting_date AS "meetingDate",
              b.name AS "bodyName", p.number, p.reference, p.title
         FROM paragraph p
         JOIN meeting mt ON mt.id = p.meeting_id
         JOIN body b ON b.id = p.body_id
        WHERE p.organisation_id = $1 AND ($2::uuid IS NULL OR p.meeting_id = $2)
          AND p.adjusted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM paragraph_distribution d WHERE d.paragraph_id = p.id)
        ORDER BY mt.meeting_date, b.name, p.number, p.id`,
      [organisationId, 'meetingId' in scope ? scope.meetingId : null],
    );
    return { items };
  }

  /** Distribution views of the given paragraphs (all assumed to exist), in stable order. */
  async distributionsOf(
    m: EntityManager,
    paragraphIds: string[],
  ): Promise<Map<string, DistributionView>> {
    const heads: (ParagraphHead & {
      not_dispatched: boolean | null;
      heading: DistributionHeading | null;
    })[] = await m.query(
      `SELECT p.id, p.organisation_id, p.reference, p.is_public, p.adjusted_at, d.not_dispatched, d.heading
         FROM paragraph p LEFT JOIN paragraph_distribution d ON d.paragraph_id = p.id
        WHERE p.id = ANY ($1)`,
      [paragraphIds],
    );
    const entries: (DistributionEntryView & { paragraphId: string })[] = await m.query(
      `SELECT e.paragraph_id AS "paragraphId", e.position, e.recipient_id AS "recipientId",
              r.kind, e.recipient_label AS label, e.note
         FROM paragraph_distribution_entry e JOIN recipient r ON r.id = e.recipient_id
        WHERE e.paragraph_id = ANY ($1)
        ORDER BY e.paragraph_id, e.position`,
      [paragraphIds],
    );
    const result = new Map<string, DistributionView>();
    for (const h of heads) {
      const status: DistributionStatus =
        h.not_dispatched === null ? 'missing' : h.not_dispatched ? 'not_dispatched' : 'listed';
      result.set(h.id, {
        paragraphId: h.id,
        reference: h.reference,
        adjusted: h.adjusted_at !== null,
        status,
        heading: h.heading,
        headingText:
          status === 'missing'
            ? null
            : status === 'not_dispatched'
              ? NOT_DISPATCHED_TEXT
              : HEADING_TEXT[h.heading!],
        entries: entries
          .filter((e) => e.paragraphId === h.id)
          .map((e) => ({
            position: e.position,
            recipientId: e.recipientId,
            kind: e.kind,
            label: e.label,
            note: e.note,
          })),
      });
    }
    return result;
  }
}
