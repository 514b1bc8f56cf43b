import { Global, Inject, Injectable, LoggerService, Module } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';
import { AppConfig } from '../config/app-config';
import { requestIdOf } from '../common/request-context.middleware';
import { currentRequestContext } from '../common/request-context';

export const PINO = Symbol('PINO');

/**
 * Nest's LoggerService on top of pino: one JSON line per message, carrying the request id of
 * the request being served (if any). Replaces nestjs-pino, whose current major needs Node 22.
 */
@Injectable()
export class PinoLogger implements LoggerService {
  constructor(@Inject(PINO) private readonly pino: Pino) {}

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    params: unknown[],
  ): void {
    // Nest passes the context (a string) as the last parameter; an error's stack before it.
    const rest = [...params];
    const context = typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const requestId = currentRequestContext()?.requestId;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (requestId) fields.reqId = requestId;
    if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest.shift();
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(message as object) });
    } else {
      this.pino[level](fields, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}

/** The pino-http middleware: one access-log line per request, with the request id. */
export function createHttpLogger(logger: Pino): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
  }) as unknown as RequestHandler;
}

@Global()
@Module({
  providers: [
    {
      provide: PINO,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization'] }),
    },
    PinoLogger,
  ],
  exports: [PINO, PinoLogger],
})
export class LoggingModule {}
