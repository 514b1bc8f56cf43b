import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, Observable, of, switchMap } from 'rxjs';
import type { Actor } from '../auth/actor';
import { ValidationFailedError } from '../errors';
import { SKIP_IDEMPOTENCY } from './idempotency.decorator';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Printable ASCII, no spaces, 1–255 characters (a UUID fits). */
const WELL_FORMED_KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers replayed with the stored body. */
const REPLAYED_HEADERS = ['location', 'x-content-sha256', 'etag', 'content-disposition'];

/** SHA-256 of what makes two requests "the same": method, path with query, and body. */
export function requestHashOf(req: Request): string {
  return createHash('sha256')
    .update(JSON.stringify([req.method, req.originalUrl, req.body ?? null]))
    .digest('hex');
}

/**
 * `Idempotency-Key` on POST: the same user sending the same key and request within 24 h gets
 * the first response again (with `Idempotent-Replayed: true`) and nothing is created twice;
 * the same key with another request is a 422. Only successful (2xx) responses are kept.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly store: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (req.method !== 'POST' || header === undefined) return next.handle();
    if (typeof header !== 'string' || !WELL_FORMED_KEY.test(header)) {
      throw new ValidationFailedError([
        {
          field: 'Idempotency-Key',
          messages: ['Idempotency-Key must be 1 to 255 printable ASCII characters'],
        },
      ]);
    }
    const skip = this.reflector.getAllAndOverride<boolean | undefined>(SKIP_IDEMPOTENCY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const userId = req.actor?.userId;
    if (skip || !userId) return next.handle();

    const key = header;
    const hash = requestHashOf(req);
    return from(this.store.claim(userId, key, hash)).pipe(
      switchMap((claim) => {
        if (claim.kind === 'replay') return of(this.replay(res, claim.response));
        this.captureFirstResponse(res, userId, key, hash);
        return next.handle();
      }),
    );
  }

  /** Sends the stored response: its status, headers and body, marked as replayed. */
  private replay(
    res: Response,
    stored: { status: number; headers: Record<string, string>; body: string },
  ): unknown {
    for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(stored.status);
    // Nest would set the route's default status after this; the stored one wins.
    res.status = () => res;
    return JSON.parse(stored.body) as unknown;
  }

  /**
   * Holds back the first response until it is stored (2xx) or the claim released (anything
   * else), so a duplicate arriving right after it replays it rather than running again.
   */
  private captureFirstResponse(res: Response, userId: string, key: string, hash: string): void {
    let settled = false;
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      if (settled) return json(body);
      settled = true;
      const status = res.statusCode;
      const work =
        status >= 200 && status < 300
          ? this.store.complete(userId, key, hash, {
              status,
              headers: Object.fromEntries(
                REPLAYED_HEADERS.filter((h) => res.getHeader(h) !== undefined).map((h) => [
                  h,
                  String(res.getHeader(h)),
                ]),
              ),
              body: JSON.stringify(body ?? null),
            })
          : this.store.release(userId, key, hash);
      work
        .catch((error: unknown) =>
          this.logger.error(`Idempotency-Key store failed: ${String(error)}`),
        )
        .finally(() => json(body));
      return res;
    }) as Response['json'];
    // A response sent another way (or a dropped connection) releases the claim.
    res.on('close', () => {
      if (settled) return;
      settled = true;
      this.store.release(userId, key, hash).catch(() => undefined);
    });
  }
}
