import { randomUUID } from 'node:crypto';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ANONYMOUS } from './auth/actor';
import { runWithRequestContext } from './request-context';

const SAFE_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Gives each request an id (kept from X-Request-Id when sane) that logs, errors and audit rows carry. */
export function requestIdOf(req: Request, res: Response): string {
  const existing = (req as Request & { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
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
