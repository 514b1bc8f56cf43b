import { EntityManager } from 'typeorm';
import { ConflictError, RuleViolationError } from '../common/errors';
import { paragraphReference } from './reference-pattern';

/**
 * The numbering period of a meeting: its year for per-year numbering, 0 for continuous. The
 * meeting date may be partial (a transcribed protocol); without a known year per-year numbering
 * cannot place the paragraph, and that is refused rather than guessed.
 */
export function numberingPeriodOf(numbering: string, meetingDate: string | null): number {
  if (numbering !== 'per_year') return 0;
  if (!meetingDate) {
    throw new RuleViolationError(
      'The meeting year is not known: paragraphs numbered per year need it',
      { field: 'meetingDate' },
    );
  }
  return Number(meetingDate.slice(0, 4));
}

/**
 * The number of a new paragraph. Live meetings: the next number of the counter (the upsert
 * locks the counter row until commit, so numbers stay unique and gap-free). A transcribed
 * meeting's paragraph may take the number printed on it: unique in the body and period, and a
 * number above the counter moves the counter on.
 */
export async function assignParagraphNumber(
  m: EntityManager,
  bodyId: string,
  period: number,
  printed: number | undefined,
): Promise<number> {
  if (printed === undefined) {
    const [{ last_number }]: { last_number: number }[] = await m.query(
      `INSERT INTO paragraph_number_counter (body_id, numbering_period, last_number)
       VALUES ($1, $2, 1)
       ON CONFLICT (body_id, numbering_period)
       DO UPDATE SET last_number = paragraph_number_counter.last_number + 1
       RETURNING last_number`,
      [bodyId, period],
    );
    return last_number;
  }
  await m.query(
    `INSERT INTO paragraph_number_counter (body_id, numbering_period, last_number)
     VALUES ($1, $2, $3)
     ON CONFLICT (body_id, numbering_period)
     DO UPDATE SET last_number = greatest(paragraph_number_counter.last_number, EXCLUDED.last_number)`,
    [bodyId, period, printed],
  );
  const taken: { reference: string }[] = await m.query(
    `SELECT reference FROM paragraph WHERE body_id = $1 AND numbering_period = $2 AND number = $3`,
    [bodyId, period, printed],
  );
  if (taken.length > 0) {
    throw new ConflictError(
      `Number ${printed} is already taken in this numbering period by ${taken[0].reference}`,
      { field: 'number' },
    );
  }
  return printed;
}

/** Only a paragraph of a transcribed meeting takes a printed number. */
export function assertPrintedNumberAllowed(recordedAs: string, printed: number | undefined): void {
  if (printed !== undefined && recordedAs !== 'transcribed') {
    throw new RuleViolationError(
      'A paragraph takes a printed number only in a meeting transcribed from a printed protocol; live meetings are numbered by the register',
      { field: 'number' },
    );
  }
}

/** Re-renders the reference and label of the body's draft paragraphs (adjusted ones are frozen). */
export async function rewriteDraftReferences(m: EntityManager, bodyId: string): Promise<void> {
  const rows: {
    id: string;
    number: number;
    meeting_date: string;
    short_name: string;
    reference_pattern: string | null;
  }[] = await m.query(
    `SELECT p.id, p.number, to_char(mt.meeting_date, 'YYYY-MM-DD') AS meeting_date,
            b.short_name, b.reference_pattern
       FROM paragraph p JOIN meeting mt ON mt.id = p.meeting_id JOIN body b ON b.id = p.body_id
      WHERE p.body_id = $1 AND p.adjusted_at IS NULL`,
    [bodyId],
  );
  for (const r of rows) {
    const { reference, label } = paragraphReference({
      pattern: r.reference_pattern,
      shortName: r.short_name,
      number: r.number,
      meetingDate: r.meeting_date,
    });
    await m.query(`UPDATE paragraph SET reference = $2, label = $3 WHERE id = $1`, [
      r.id,
      reference,
      label,
    ]);
  }
}

/** "36." as printed is agenda item "36". */
export const agendaItemOf = (item: string | null | undefined): string | null =>
  item ? item.trim().replace(/\.$/, '') : null;

/**
 * The paragraph's case numbers: caseNumbers as given (caseNumber, when also given, must be the
 * first of them), or caseNumber alone; undefined when neither is given.
 */
export function caseNumbersOf(
  caseNumber: string | null | undefined,
  caseNumbers: string[] | undefined,
): string[] | undefined {
  const first = caseNumber?.trim();
  if (caseNumbers !== undefined) {
    const all = caseNumbers.map((c) => c.trim());
    if (all.some((c) => c === '')) {
      throw new RuleViolationError('A case number cannot be empty', { field: 'caseNumbers' });
    }
    if (first !== undefined && first !== all[0]) {
      throw new RuleViolationError('caseNumber must be the first of caseNumbers', {
        field: 'caseNumber',
      });
    }
    return all;
  }
  if (caseNumber === undefined) return undefined;
  return first ? [first] : [];
}
