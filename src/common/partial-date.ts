import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from './dates';
import { SWEDISH_MONTHS } from './format';

/**
 * A date as far as the source gives it: a year ('2014'), a year and month ('2014-03') or a full
 * calendar day ('2014-03-18'); `null` when no date is known at all. Transcribed paper often lacks
 * part of a date; the register stores what is printed and never fills in the rest.
 */
export type PartialDate = string;
export type PartialDatePrecision = 'year' | 'month' | 'day';

const YEAR = /^[0-9]{4}$/;
const YEAR_MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;

export function partialDatePrecision(value: unknown): PartialDatePrecision | null {
  if (typeof value !== 'string') return null;
  if (YEAR.test(value) && value !== '0000') return 'year';
  if (YEAR_MONTH.test(value) && !value.startsWith('0000')) return 'month';
  if (isCalendarDate(value)) return 'day';
  return null;
}

export function isPartialDate(value: unknown): value is PartialDate {
  return partialDatePrecision(value) !== null;
}

/** A full calendar day ('YYYY-MM-DD'): the only form anything may compute with. */
export function isFullDate(value: PartialDate | null | undefined): value is string {
  return value != null && partialDatePrecision(value) === 'day';
}

/** '2014', '2014-03' or '2014-03-18' (field name in the message). */
export function IsPartialDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPartialDate',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a date written YYYY-MM-DD, YYYY-MM or YYYY`,
        ...options,
      },
      validator: { validate: (value: unknown) => isPartialDate(value) },
    });
}

/** Splits a partial date into the full-date column and the partial column. */
export function splitPartialDate(value: PartialDate | null): {
  full: string | null;
  partial: string | null;
} {
  if (value == null) return { full: null, partial: null };
  return isFullDate(value) ? { full: value, partial: null } : { full: null, partial: value };
}

/** The stored pair back as one partial date (null: not known). */
export function joinPartialDate(full: string | null, partial: string | null): PartialDate | null {
  return full ?? partial ?? null;
}

export const DATE_NOT_KNOWN_SV = 'datum okänt';

/** '2014' → "2014", '2014-03' → "mars 2014", '2014-03-18' → "18 mars 2014", null → "datum okänt". */
export function formatPartialDateSv(value: PartialDate | null | undefined): string {
  if (value == null) return DATE_NOT_KNOWN_SV;
  const precision = partialDatePrecision(value);
  const [y, m, d] = value.split('-').map(Number);
  if (precision === 'year') return String(y);
  if (precision === 'month') return `${SWEDISH_MONTHS[m - 1]} ${y}`;
  if (precision === 'day') return `${d} ${SWEDISH_MONTHS[m - 1]} ${y}`;
  throw new Error(`not a partial date: ${value}`);
}

/** The year when known (year, month or day precision), otherwise null. */
export function partialDateYear(value: PartialDate | null | undefined): number | null {
  return value != null && isPartialDate(value) ? Number(value.slice(0, 4)) : null;
}

/**
 * The earliest and latest full day a partial date may stand for ('2014-02' → 2014-02-01 …
 * 2014-02-28); null when nothing is known. For showing ranges, never for picking one.
 */
export function partialDateRange(
  value: PartialDate | null | undefined,
): { from: string; to: string } | null {
  if (value == null) return null;
  const precision = partialDatePrecision(value);
  if (precision === 'day') return { from: value, to: value };
  const y = Number(value.slice(0, 4));
  if (precision === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (precision === 'month') {
    const m = Number(value.slice(5, 7));
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: `${value}-01`, to: `${value}-${String(last).padStart(2, '0')}` };
  }
  throw new Error(`not a partial date: ${value}`);
}

/**
 * Compares two partial dates: 'before' / 'same' / 'after' when certain, 'unknown' when the
 * known parts overlap (e.g. '2014-03' and '2014-03-18') or either is unknown.
 */
export function comparePartialDates(
  a: PartialDate | null | undefined,
  b: PartialDate | null | undefined,
): 'before' | 'same' | 'after' | 'unknown' {
  const ra = partialDateRange(a);
  const rb = partialDateRange(b);
  if (!ra || !rb) return 'unknown';
  if (ra.to < rb.from) return 'before';
  if (ra.from > rb.to) return 'after';
  if (isFullDate(a) && isFullDate(b) && a === b) return 'same';
  return 'unknown';
}

/** A partial date taken apart (the motions' one-year rule works on its parts and its range). */
export interface PartialDateParts {
  /** As given: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  value: string;
  precision: PartialDatePrecision;
  year: number;
  month: number | null;
  day: number | null;
}

/** Parses 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; null when it is none of these (or not a real date). */
export function parsePartialDate(value: unknown): PartialDateParts | null {
  const precision = partialDatePrecision(value);
  if (precision === null) return null;
  const [year, month, day] = (value as string).split('-').map(Number);
  return { value: value as string, precision, year, month: month ?? null, day: day ?? null };
}

/** The first day the date can be. */
export function earliest(date: PartialDateParts | PartialDate): string {
  const range = partialDateRange(typeof date === 'string' ? date : date.value);
  if (!range) throw new Error(`not a partial date: ${String(date)}`);
  return range.from;
}

/** The last day the date can be. */
export function latest(date: PartialDateParts | PartialDate): string {
  const range = partialDateRange(typeof date === 'string' ? date : date.value);
  if (!range) throw new Error(`not a partial date: ${String(date)}`);
  return range.to;
}
