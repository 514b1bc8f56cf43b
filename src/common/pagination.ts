import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from './errors';
import { badText } from './input-guard';

export class PageQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as ?cursor= to get the next page; null on the last page. */
  nextCursor: string | null;
}

type SortValue = string | number;

/** Checks one position of a cursor, e.g. "is a UUID". */
export type CursorCheck = (value: unknown) => boolean;

export const isUuidValue: CursorCheck = (v) =>
  typeof v === 'string' &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
export const isStringValue: CursorCheck = (v) => typeof v === 'string';
export const isNumberValue: CursorCheck = (v) => typeof v === 'number';
export const isSortValue: CursorCheck = (v) => typeof v === 'string' || typeof v === 'number';

/** An opaque cursor holding the keyset values of the last row of a page. */
export function encodeCursor(values: SortValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What any cursor position may hold, whatever the list: a safe integer (keys are bigint at
 * most) or a short string PostgreSQL can store.
 */
function isSafeCursorValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value === 'string') return badText(value, 500) === null;
  return false;
}

/**
 * Decodes a cursor made by encodeCursor, checking each position; anything else is a 400
 * naming `cursor`, never a database error.
 */
export function decodeCursor<T extends SortValue[]>(cursor: string, checks: CursorCheck[]): T {
  try {
    if (cursor.length > 2000) throw new Error('too long');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === checks.length &&
      value.every(isSafeCursorValue) &&
      checks.every((check, i) => check(value[i]))
    ) {
      return value as T;
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationFailedError([{ field: 'query.cursor', messages: ['cursor is not valid'] }]);
}

/**
 * Keyset pagination in a stable order (sort column, then id). Unlike OFFSET it neither skips
 * nor repeats rows when records are added between pages.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  options: {
    sortColumn: string;
    idColumn: string;
    sortValue: (row: T) => SortValue;
    id: (row: T) => string;
    page: PageQuery;
    descending?: boolean;
  },
): Promise<Page<T>> {
  const limit = options.page.limit ?? 50;
  const direction = options.descending ? 'DESC' : 'ASC';
  if (options.page.cursor) {
    const [sort, id] = decodeCursor<[SortValue, string]>(options.page.cursor, [
      isSortValue,
      isStringValue,
    ]);
    const op = options.descending ? '<' : '>';
    qb.andWhere(`(${options.sortColumn}, ${options.idColumn}) ${op} (:cursorSort, :cursorId)`, {
      cursorSort: sort,
      cursorId: id,
    });
  }
  qb.orderBy(options.sortColumn, direction)
    .addOrderBy(options.idColumn, direction)
    .limit(limit + 1);
  const rows = await qb.getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last ? encodeCursor([options.sortValue(last), options.id(last)]) : null;
  return { items, nextCursor };
}
