import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { NotFoundError, RuleViolationError } from '../common/errors';
import {
  decodeCursor,
  encodeCursor,
  isNumberValue,
  isStringValue,
  Page,
  PageQuery,
} from '../common/pagination';
import { TransactionRunner } from '../database/transaction-runner';
import { assertCanReadInternal } from './access';
import { DispatchChannel, DispatchDto, RecipientKind } from './dto/extracts.dto';
import { ExtractsService } from './extracts.service';

export interface DispatchView {
  id: string;
  extractId: string;
  recipient: { id: string; kind: RecipientKind; name: string };
  channel: DispatchChannel;
  address: string | null;
  note: string | null;
  dispatchedAt: string;
  dispatchedByUserId: string | null;
}

/** One recipient on the list of an adjusted paragraph that has not been sent an extract yet. */
export interface QueueItem {
  paragraph: {
    id: string;
    reference: string;
    title: string;
    meetingId: string;
    adjustedAt: string;
  };
  position: number;
  /** As written in the minutes. */
  label: string;
  note: string | null;
  recipient: { id: string; kind: RecipientKind; name: string; email: string | null };
  /** The latest extract covering the paragraph, to send; null when none is issued yet. */
  latestExtractId: string | null;
}

interface DispatchRow {
  id: string;
  extract_id: string;
  recipient_id: string;
  recipient_kind: RecipientKind;
  recipient_name: string;
  channel: DispatchChannel;
  address: string | null;
  note: string | null;
  dispatched_at: Date;
  dispatched_by_user_id: string | null;
}

const toDispatchView = (r: DispatchRow): DispatchView => ({
  id: r.id,
  extractId: r.extract_id,
  recipient: { id: r.recipient_id, kind: r.recipient_kind, name: r.recipient_name },
  channel: r.channel,
  address: r.address,
  note: r.note,
  dispatchedAt: r.dispatched_at.toISOString(),
  dispatchedByUserId: r.dispatched_by_user_id,
});

const DISPATCH_SELECT = `
  SELECT d.id, d.extract_id, d.recipient_id, r.kind AS recipient_kind, r.name AS recipient_name,
         d.channel, d.address, d.note, d.dispatched_at, d.dispatched_by_user_id
    FROM extract_dispatch d JOIN recipient r ON r.id = d.recipient_id`;

/** Dispatch records (append-only; a re-send is a new row) and the registrar's work queue. */
@Injectable()
export class DispatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly extracts: ExtractsService,
  ) {}

  async recordDispatch(actor: Actor, extractId: string, dto: DispatchDto): Promise<DispatchView> {
    return this.tx.run(async (m) => {
      const { extract, paragraphs } = await this.extracts.loadVisible(actor, extractId, m);
      assertCanWrite(actor, extract.organisationId);
      const recipients: {
        id: string;
        organisation_id: string;
        name: string;
        email: string | null;
      }[] = await m.query(`SELECT id, organisation_id, name, email FROM recipient WHERE id = $1`, [
        dto.recipientId,
      ]);
      const recipient = recipients[0];
      if (!recipient) throw new NotFoundError('recipient', dto.recipientId);
      const listed: unknown[] = await m.query(
        `SELECT 1 FROM paragraph_distribution_entry WHERE recipient_id = $1 AND paragraph_id = ANY ($2)`,
        [recipient.id, paragraphs.map((p) => p.paragraphId)],
      );
      if (listed.length === 0) {
        throw new RuleViolationError(
          `${recipient.name} is not on the distribution list of ${paragraphs.map((p) => p.reference).join(', ')}`,
          { field: 'recipientId' },
        );
      }
      const address = dto.address?.trim() || (dto.channel === 'email' ? recipient.email : null);
      if (dto.channel === 'email' && !address) {
        throw new RuleViolationError(
          `${recipient.name} has no e-mail address: give one (address) or choose another channel`,
          { field: 'address' },
        );
      }
      const dispatchedAt = dto.dispatchedAt ? new Date(dto.dispatchedAt) : new Date();
      if (dispatchedAt.getTime() > Date.now() + 60_000) {
        throw new RuleViolationError('dispatchedAt cannot be in the future', {
          field: 'dispatchedAt',
        });
      }
      if (dispatchedAt.getTime() < extract.issuedAt.getTime()) {
        throw new RuleViolationError('dispatchedAt cannot be before the extract was issued', {
          field: 'dispatchedAt',
          issuedAt: extract.issuedAt.toISOString(),
        });
      }
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO extract_dispatch
           (organisation_id, extract_id, recipient_id, channel, address, note, dispatched_at, dispatched_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          extract.organisationId,
          extract.id,
          recipient.id,
          dto.channel,
          address,
          dto.note?.trim() || null,
          dispatchedAt,
          actor.userId,
        ],
      );
      const rows: DispatchRow[] = await m.query(`${DISPATCH_SELECT} WHERE d.id = $1`, [
        inserted[0].id,
      ]);
      return toDispatchView(rows[0]);
    });
  }

  /** Every sending of the extract, oldest first (re-sends included). */
  async listDispatches(actor: Actor, extractId: string): Promise<{ items: DispatchView[] }> {
    const { extract } = await this.extracts.loadVisible(actor, extractId);
    assertCanReadInternal(actor, extract.organisationId);
    const rows: DispatchRow[] = await this.dataSource.query(
      `${DISPATCH_SELECT} WHERE d.extract_id = $1 ORDER BY d.dispatched_at, d.id`,
      [extractId],
    );
    return { items: rows.map(toDispatchView) };
  }

  /**
   * The registrar's work queue: recipients on the lists of adjusted paragraphs of the
   * organisation that no extract covering that paragraph has been sent to yet.
   */
  async workQueue(actor: Actor, organisationId: string, page: PageQuery): Promise<Page<QueueItem>> {
    assertCanReadInternal(actor, organisationId);
    const limit = page.limit ?? 50;
    const cursor = page.cursor
      ? decodeCursor<[string, string, number]>(page.cursor, [
          isStringValue,
          isStringValue,
          isNumberValue,
        ])
      : null;
    const rows: {
      paragraph_id: string;
      reference: string;
      title: string;
      meeting_id: string;
      adjusted_at: Date;
      adjusted_at_text: string;
      position: number;
      label: string;
      note: string | null;
      recipient_id: string;
      kind: RecipientKind;
      name: string;
      email: string | null;
      latest_extract_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT p.id AS paragraph_id, p.reference, p.title, p.meeting_id, p.adjusted_at,
              p.adjusted_at::text AS adjusted_at_text, e.position, e.recipient_label AS label, e.note,
              r.id AS recipient_id, r.kind, r.name, r.email,
              (SELECT ep.extract_id FROM extract_paragraph ep JOIN certified_extract x ON x.id = ep.extract_id
                WHERE ep.paragraph_id = p.id ORDER BY x.issued_at DESC, x.id DESC LIMIT 1) AS latest_extract_id
         FROM paragraph_distribution_entry e
         JOIN paragraph p ON p.id = e.paragraph_id
         JOIN recipient r ON r.id = e.recipient_id
        WHERE p.organisation_id = $1 AND p.adjusted_at IS NOT NULL
          AND NOT EXISTS (
            SELECT 1 FROM extract_dispatch d JOIN extract_paragraph ep ON ep.extract_id = d.extract_id
             WHERE ep.paragraph_id = e.paragraph_id AND d.recipient_id = e.recipient_id)
          AND ($2::timestamptz IS NULL OR (p.adjusted_at, p.id, e.position) > ($2::timestamptz, $3::uuid, $4::int))
        ORDER BY p.adjusted_at, p.id, e.position
        LIMIT $5`,
      [organisationId, cursor?.[0] ?? null, cursor?.[1] ?? null, cursor?.[2] ?? null, limit + 1],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({
        paragraph: {
          id: r.paragraph_id,
          reference: r.reference,
          title: r.title,
          meetingId: r.meeting_id,
          adjustedAt: r.adjusted_at.toISOString(),
        },
        position: r.position,
        label: r.label,
        note: r.note,
        recipient: { id: r.recipient_id, kind: r.kind, name: r.name, email: r.email },
        latestExtractId: r.latest_extract_id,
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([last.adjusted_at_text, last.paragraph_id, last.position])
          : null,
    };
  }
}
