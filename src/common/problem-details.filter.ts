import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
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
  detail?: string;
  message?: string;
  table?: string;
  column?: string;
}

/** Postgres errors that mean "your request" rather than "our bug". */
function problemFromPostgres(error: PgError): Problem | null {
  switch (error.code) {
    case '23505':
      return {
        type: '/problems/duplicate',
        title: 'Already exists',
        status: 409,
        detail: error.detail ?? 'A record with the same unique values already exists',
        constraint: error.constraint,
      };
    case '23503':
      return {
        type: '/problems/reference',
        title: 'Unknown or still referenced record',
        status: 422,
        detail: error.detail ?? 'The request refers to a record that does not exist',
        constraint: error.constraint,
      };
    case '23502':
      return {
        type: '/problems/rule-violation',
        title: 'The request breaks a rule of the register',
        status: 422,
        detail: `A value is required for ${error.column ?? 'a field'}`,
      };
    case '23514':
      return {
        type: '/problems/rule-violation',
        title: 'The request breaks a rule of the register',
        status: 422,
        detail: `Constraint ${error.constraint ?? error.code} was violated`,
        constraint: error.constraint,
      };
    case '23P01':
      return {
        type: '/problems/conflict',
        title: 'Conflict with the current state',
        status: 409,
        detail: `Overlaps an existing record (${error.constraint ?? 'exclusion constraint'})`,
      };
    // Raised by our own triggers guarding the public record (USING ERRCODE = 'P0409').
    case 'P0409':
      return {
        type: '/problems/locked',
        title: 'The record is locked',
        status: 409,
        detail: error.message,
      };
    case '22P02':
    case '22007':
    case '22008':
      return {
        type: '/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: 'A value has the wrong format',
      };
    default:
      return null;
  }
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
