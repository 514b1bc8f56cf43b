/**
 * A date known only as far as the source gives it: a year ('2014'), a year and month ('2014-03')
 * or a full date ('2014-03-05'). Nothing is guessed: `earliest` and `latest` give the range of
 * days the date can be, and a computation that needs a day must use the range, never a guess.
 */
import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate } from './dates';

export type PartialDatePrecision = 'year' | 'month' | 'day';

export interface PartialDate {
  /** As given: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  value: string;
  precision: PartialDatePrecision;
  year: number;
  month: number | null;
  day: number | null;
}

const YEAR = /^(\d{4})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** Parses 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; null when it is none of these (or not a real date). */
export function parsePartialDate(value: unknown): PartialDate | null {
  if (typeof value !== 'string') return null;
  let m = YEAR.exec(value);
  if (m) {
    const year = Number(m[1]);
    return year >= 1 ? { value, precision: 'year', year, month: null, day: null } : null;
  }
  m = YEAR_MONTH.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year < 1 || month < 1 || month > 12) return null;
    return { value, precision: 'month', year, month, day: null };
  }
  if (isCalendarDate(value)) {
    const [year, month, day] = value.split('-').map(Number);
    return { value, precision: 'day', year, month, day };
  }
  return null;
}

export const isPartialDate = (value: unknown): value is string => parsePartialDate(value) !== null;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first day the date can be. */
export function earliest(date: PartialDate | string): string {
  const d = typeof date === 'string' ? mustParse(date) : date;
  return `${pad(d.year, 4)}-${pad(d.month ?? 1)}-${pad(d.day ?? 1)}`;
}

/** The last day the date can be. */
export function latest(date: PartialDate | string): string {
  const d = typeof date === 'string' ? mustParse(date) : date;
  const month = d.month ?? 12;
  return `${pad(d.year, 4)}-${pad(month)}-${pad(d.day ?? lastDayOfMonth(d.year, month))}`;
}

const MONTHS_SV = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** Swedish: '2014', 'mars 2014', '5 mars 2014'; null (unknown) as 'datum okänt'. */
export function formatPartialDateSv(date: PartialDate | string | null): string {
  if (date === null) return 'datum okänt';
  const d = typeof date === 'string' ? mustParse(date) : date;
  if (d.precision === 'year') return String(d.year);
  if (d.precision === 'month') return `${MONTHS_SV[d.month! - 1]} ${d.year}`;
  return `${d.day} ${MONTHS_SV[d.month! - 1]} ${d.year}`;
}

function mustParse(value: string): PartialDate {
  const d = parsePartialDate(value);
  if (!d) throw new Error(`Not a partial date: ${value}`);
  return d;
}

/** class-validator: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
export function IsPartialDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPartialDate',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a date written YYYY-MM-DD, or YYYY-MM or YYYY when only that is known`,
        ...options,
      },
      validator: { validate: (value: unknown) => isPartialDate(value) },
    });
}
