import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth/actor';
import { assertCanWrite } from '../common/auth/permissions';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors';
import { TransactionRunner } from '../database/transaction-runner';
import { SetNextNumberDto } from './dto/numbering.dto';
import { DEFAULT_REFERENCE_PATTERN } from './reference-pattern';

export interface NumberingPeriodView {
  period: number;
  lastNumber: number;
  nextNumber: number;
}

export interface NumberingView {
  bodyId: string;
  paragraphNumbering: string;
  referencePattern: string;
  periods: NumberingPeriodView[];
}

/** A body's numbering: its periods' counters, and the next number a registrar may set. */
@Injectable()
export class NumberingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  async getNumbering(bodyId: string): Promise<NumberingView> {
    const [body]: { paragraph_numbering: string; reference_pattern: string | null }[] =
      await this.dataSource.query(
        `SELECT paragraph_numbering, reference_pattern FROM body WHERE id = $1`,
        [bodyId],
      );
    if (!body) throw new NotFoundError('body', bodyId);
    const rows: { numbering_period: number; last_number: number }[] = await this.dataSource.query(
      `SELECT numbering_period, last_number FROM paragraph_number_counter WHERE body_id = $1
        ORDER BY numbering_period`,
      [bodyId],
    );
    return {
      bodyId,
      paragraphNumbering: body.paragraph_numbering,
      referencePattern: body.reference_pattern ?? DEFAULT_REFERENCE_PATTERN,
      periods: rows.map((r) => ({
        period: r.numbering_period,
        lastNumber: r.last_number,
        nextNumber: r.last_number + 1,
      })),
    };
  }

  /**
   * Sets the number the next paragraph of a period gets, so a register can start in the middle
   * of the body's series (audited through the counter's audit trigger). Numbers only go forward:
   * refused with 409 once a paragraph of the period has that number or a later one.
   */
  async setNextNumber(actor: Actor, bodyId: string, dto: SetNextNumberDto): Promise<NumberingView> {
    await this.tx.run(async (m) => {
      const [body]: { organisation_id: string; paragraph_numbering: string }[] = await m.query(
        `SELECT organisation_id, paragraph_numbering FROM body WHERE id = $1 FOR UPDATE`,
        [bodyId],
      );
      if (!body) throw new NotFoundError('body', bodyId);
      assertCanWrite(actor, body.organisation_id);
      let period = 0;
      if (body.paragraph_numbering === 'per_year') {
        if (dto.period === undefined) {
          throw new RuleViolationError('The body numbers per year: give the period (the year)', {
            field: 'period',
          });
        }
        period = dto.period;
      } else if (dto.period !== undefined && dto.period !== 0) {
        throw new RuleViolationError('The body numbers continuously: it has no yearly period', {
          field: 'period',
        });
      }
      // Lock the counter row (or its absence) against concurrent numbering.
      await m.query(
        `INSERT INTO paragraph_number_counter (body_id, numbering_period, last_number)
         VALUES ($1, $2, 0) ON CONFLICT (body_id, numbering_period) DO NOTHING`,
        [bodyId, period],
      );
      const [counter]: { last_number: number }[] = await m.query(
        `SELECT last_number FROM paragraph_number_counter
          WHERE body_id = $1 AND numbering_period = $2 FOR UPDATE`,
        [bodyId, period],
      );
      const later: { reference: string; number: number }[] = await m.query(
        `SELECT reference, number FROM paragraph WHERE body_id = $1 AND numbering_period = $2
            AND number >= $3 ORDER BY number DESC LIMIT 1`,
        [bodyId, period, dto.nextNumber],
      );
      if (later.length > 0) {
        throw new ConflictError(
          `Paragraph ${later[0].reference} already has number ${later[0].number}: the next number can no longer be ${dto.nextNumber}`,
          { field: 'nextNumber', lastNumber: counter.last_number },
        );
      }
      if (counter.last_number >= dto.nextNumber) {
        throw new ConflictError(
          `Numbers up to ${counter.last_number} have already been given in this period: numbers are never given twice`,
          { field: 'nextNumber', lastNumber: counter.last_number },
        );
      }
      await m.query(
        `UPDATE paragraph_number_counter SET last_number = $3 WHERE body_id = $1 AND numbering_period = $2`,
        [bodyId, period, dto.nextNumber - 1],
      );
    });
    return this.getNumbering(bodyId);
  }
}
