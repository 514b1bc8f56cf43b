import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { CONSTRAINTS, constraintMessage } from './constraints';
import { DomainError } from './errors';
import { TooManyRequestsError } from './rate-limit';
import { currentRequestContext } from './request-context';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
  column?: string;
}

const camelCase = (name: string): string =>
  name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function fieldProblem(
  status: number,
  type: string,
  title: string,
  field: string | null,
  detail: string,
): Problem {
  return {
    type,
    title,
    status,
    detail,
    ...(field ? { errors: [{ field, messages: [detail] }] } : {}),
  };
}

/**
 * A constraint violation in the API's words: the field and message come from the one table in
 * constraints.ts; PostgreSQL's text, table and column names never reach the client.
 */
function constraintProblem(error: PgError): Problem {
  const info = error.constraint ? CONSTRAINTS[error.constraint] : undefined;
  switch (error.code) {
    case '23505':
      return fieldProblem(
        409,
        '/problems/duplicate',
        'Already exists',
        info?.field ?? null,
        info ? constraintMessage(info) : 'A record with the same values already exists',
      );
    case '23503': {
      // "update or delete on table … violates foreign key constraint": the row is still in use.
      const stillReferenced = /^update or delete on/i.test(error.message ?? '');
      if (stillReferenced) {
        return {
          type: '/problems/conflict',
          title: 'Conflict with the current state',
          status: 409,
          detail: 'The record is still referred to by other records',
        };
      }
      return fieldProblem(
        422,
        '/problems/reference',
        'Unknown or still referenced record',
        info?.field ?? null,
        info ? constraintMessage(info) : 'The request refers to a record that does not exist',
      );
    }
    case '23P01':
      return fieldProblem(
        409,
        '/problems/conflict',
        'Conflict with the current state',
        info?.field ?? null,
        info ? constraintMessage(info) : 'Overlaps an existing record',
      );
    default:
      return fieldProblem(
        422,
        '/problems/rule-violation',
        'The request breaks a rule of the register',
        info?.field ?? null,
        info ? constraintMessage(info) : 'A value is not allowed by the rules of the register',
      );
  }
}

const invalid = (detail: string): Problem => ({
  type: '/problems/validation',
  title: 'Invalid request',
  status: 400,
  detail,
});

/** Postgres errors that mean "your request" rather than "our bug". */
export function problemFromPostgres(error: PgError): Problem | null {
  const code = error.code ?? '';
  switch (code) {
    case '23505':
    case '23503':
    case '23514':
    case '23P01':
      return constraintProblem(error);
    case '23502': {
      const field = error.column ? camelCase(error.column) : null;
      return fieldProblem(
        422,
        '/problems/rule-violation',
        'The request breaks a rule of the register',
        field,
        field ? `A value is required for ${field}` : 'A required value is missing',
      );
    }
    // Raised by our own triggers guarding the public record (USING ERRCODE = 'P0409').
    case 'P0409':
      return {
        type: '/problems/locked',
        title: 'The record is locked',
        status: 409,
        detail: error.message,
      };
    case '22001':
      return invalid('A value is too long');
    case '22003':
      return invalid('A number is out of range');
    case '22P02':
    case '22007':
    case '22008':
      return invalid('A value has the wrong format');
    case '22021':
    case '22P05':
      return invalid('A text contains characters that cannot be stored');
    case '54001':
    case '54000':
      return invalid('The request is too large or too deeply nested');
    case '40001':
    case '40P01':
    case '55P03':
      return {
        type: '/problems/conflict',
        title: 'Conflict with the current state',
        status: 409,
        detail: 'The record was changed by another request at the same time; try again',
      };
    case '57014':
      return {
        type: '/problems/unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The request took too long and was cancelled; try again later',
      };
    default:
      // Any other data exception (class 22): a value the database cannot take.
      if (code.startsWith('22')) return invalid('A value has the wrong format or is out of range');
      return null;
  }
}

/** Errors of the HTTP layer (body parser, router) that carry a 4xx status (http-errors). */
function problemFromHttpLayer(error: unknown): Problem | null {
  const e = error as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown };
  if (!e || typeof e !== 'object') return null;
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  const type = typeof e.type === 'string' ? e.type : '';
  const detail =
    type === 'entity.parse.failed'
      ? 'The body is not valid JSON'
      : type === 'entity.too.large'
        ? 'The body is too large'
        : type === 'encoding.unsupported' || type === 'charset.unsupported'
          ? 'The body has an unsupported encoding'
          : status === 415
            ? 'Unsupported media type'
            : 'The request cannot be read';
  return {
    type: status === 400 ? '/problems/validation' : `/problems/http-${status}`,
    title: status === 400 ? 'Invalid request' : 'Request not accepted',
    status,
    detail,
  };
}

/**
 * The one place where errors become HTTP: RFC 9457 problem documents, never a stack trace
 * or SQL. Unknown errors become a bare 500 and are logged with the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    const requestId = currentRequestContext()?.requestId;
    if (exception instanceof TooManyRequestsError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (problem.status === 503) response.setHeader('Retry-After', '1');
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, instance: request.originalUrl, ...(requestId ? { requestId } : {}) });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return {
        type: exception.type,
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        ...exception.extensions,
      };
    }
    if (exception instanceof QueryFailedError) {
      const fromPg = problemFromPostgres(exception.driverError as PgError);
      if (fromPg) return fromPg;
    }
    const pgLike = exception as PgError;
    if (pgLike && typeof pgLike.code === 'string') {
      const fromPg = problemFromPostgres(pgLike);
      if (fromPg) return fromPg;
    }
    if (!(exception instanceof HttpException)) {
      const fromHttpLayer = problemFromHttpLayer(exception);
      if (fromHttpLayer) return fromHttpLayer;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? (body as { message: unknown }).message
          : exception.message;
      return {
        type: `/problems/http-${status}`,
        title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message),
      };
    }
    return { type: '/problems/internal', title: 'Internal Server Error', status: 500 };
  }
}
