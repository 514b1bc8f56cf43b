import { randomUUID } from 'node:crypto';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ANONYMOUS } from './auth/actor';
import { runWithRequestContext } from './request-context';

/** A UUID (any version, canonical form) or a W3C trace id (32 lower-case hex digits). */
export const WELL_FORMED_REQUEST_ID =
  /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-f]{32})$/;

/**
 * Gives each request an id that logs, errors and audit rows carry. A client's X-Request-Id is
 * kept only when it is well-formed (a UUID or a trace id); anything else gets a fresh UUID, so
 * a client cannot write arbitrary text into the audit trail.
 */
export function requestIdOf(req: Request, res: Response): string {
  const existing = (req as Request & { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const header = req.headers['x-request-id'];
  const id =
    typeof header === 'string' && WELL_FORMED_REQUEST_ID.test(header) ? header : randomUUID();
  (req as Request & { id?: string }).id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = requestIdOf(req, res);
    runWithRequestContext({ requestId, actor: { ...ANONYMOUS } }, () => next());
  }
}
