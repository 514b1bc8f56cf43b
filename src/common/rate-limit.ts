import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { DomainError } from './errors';

/** 429: too many requests; the filter sends `Retry-After` with the seconds to wait. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly type = '/problems/too-many-requests';
  readonly title = 'Too many requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail, { retryAfter: retryAfterSeconds });
  }
}

/**
 * The two rate limits, counted in @nestjs/throttler's in-memory storage (one process):
 * failed authentications per client IP (blocked for a window once over the limit, even with a
 * right token, so guessing gains nothing) and writes per token (a sliding window).
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();
  private readonly windowMs: number;

  constructor(private readonly config: AppConfig) {
    this.windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  }

  /** Throws 429 while this IP is blocked for failed authentications. */
  assertAuthAllowed(ip: string): void {
    const record = this.storage.storage.get(`auth:${ip}`);
    const now = Date.now();
    if (record?.isBlocked && record.blockExpiresAt > now) {
      throw this.tooManyAuthFailures(Math.ceil((record.blockExpiresAt - now) / 1000));
    }
  }

  /** Counts a failed authentication; the one over the limit gets 429 instead of 401. */
  async authFailed(ip: string): Promise<void> {
    const result = await this.storage.increment(
      `auth:${ip}`,
      this.windowMs,
      this.config.RATE_LIMIT_AUTH_FAILURES,
      this.windowMs,
      'auth',
    );
    if (result.isBlocked) throw this.tooManyAuthFailures(result.timeToBlockExpire);
  }

  /** Counts a write by this user; over the limit, 429 until the oldest write leaves the window. */
  async countWrite(userId: string): Promise<void> {
    const result = await this.storage.increment(
      `write:${userId}`,
      this.windowMs,
      this.config.RATE_LIMIT_WRITES,
      0,
      'write',
    );
    if (result.isBlocked) {
      throw new TooManyRequestsError(
        `More than ${this.config.RATE_LIMIT_WRITES} writes in ${this.config.RATE_LIMIT_WINDOW_SECONDS} s with this token`,
        Math.max(1, result.timeToBlockExpire),
      );
    }
  }

  private tooManyAuthFailures(seconds: number): TooManyRequestsError {
    return new TooManyRequestsError(
      `Too many failed authentications from this address; try again later`,
      Math.max(1, seconds),
    );
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}
