import { Global, Injectable, LoggerService, Module, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import pino, { Logger as Pino } from 'pino';
import pinoHttp, { HttpLogger } from 'pino-http';
import { AppConfig } from '../config/app-config';
import { currentRequestContext } from './request-context';
import { requestIdOf } from './request-context.middleware';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger on pino: JSON lines carrying the context and, inside a request, its id.
 * (In-house instead of nestjs-pino, whose current versions need Node 22.)
 */
@Injectable()
export class PinoLoggerService implements LoggerService {
  readonly pino: Pino;

  constructor(config: AppConfig) {
    this.pino = pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization'] });
  }

  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...optional];
    // Nest passes the context last; error() may pass a stack before it.
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? rest.shift() : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    const requestId = currentRequestContext()?.requestId;
    if (requestId) fields.reqId = requestId;
    if (stack) fields.stack = stack;
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (message !== null && typeof message === 'object')
      this.pino[level]({ ...fields, ...(message as object) });
    else this.pino[level](fields, String(message));
  }
}

/** One JSON line per request (method, url, status, time), with the request id. */
@Injectable()
export class HttpLoggerMiddleware implements NestMiddleware {
  private readonly http: HttpLogger<Request, Response>;

  constructor(logger: PinoLoggerService) {
    this.http = pinoHttp<Request, Response>({ logger: logger.pino, genReqId: requestIdOf });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.http(req, res);
    next();
  }
}

@Global()
@Module({
  providers: [PinoLoggerService, HttpLoggerMiddleware],
  exports: [PinoLoggerService, HttpLoggerMiddleware],
})
export class LoggingModule {}
