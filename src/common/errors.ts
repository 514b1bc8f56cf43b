/**
 * Domain errors thrown by services. The global ProblemDetailsFilter turns them into
 * RFC 9457 application/problem+json responses; services never deal with HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: string;
  /** Extra members of the problem document (e.g. allowed next steps). */
  readonly extensions: Record<string, unknown>;

  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.extensions = extensions;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly type = '/problems/not-found';
  readonly title = 'Not found';
  constructor(entity: string, id: string) {
    super(`No ${entity} with id ${id}`, { entity, id });
  }
}

/** An illegal state change, e.g. editing an adjusted paragraph or deciding twice. */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly type = '/problems/conflict';
  readonly title = 'Conflict with the current state';
}

/** Well-formed input that breaks a rule of the register (dates out of order, wrong body kind). */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  readonly type = '/problems/rule-violation';
  readonly title = 'The request breaks a rule of the register';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly type = '/problems/forbidden';
  readonly title = 'Forbidden';
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly type = '/problems/unauthorized';
  readonly title = 'Authentication required';
}

export interface FieldError {
  field: string;
  messages: string[];
}

export class ValidationFailedError extends DomainError {
  readonly status = 400;
  readonly type = '/problems/validation';
  readonly title = 'Invalid request';
  constructor(readonly errors: FieldError[]) {
    super(`Invalid field(s): ${errors.map((e) => e.field).join(', ')}`, { errors });
  }
}
