import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../database/transaction-runner';
import { ConflictError, RuleViolationError } from '../errors';

/** How long a key and its first response are kept. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a duplicate waits for the first request with its key to finish. */
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 25;
/** A claim never completed for this long belongs to a request that died with its process. */
const ABANDONED_AFTER = '2 minutes';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim = { kind: 'claimed' } | { kind: 'replay'; response: StoredResponse };

interface Row {
  request_hash: string;
  status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Idempotency-Key store. The first request claims (user, key) with an INSERT that the
 * primary key makes exclusive; duplicates wait for its outcome and replay it. A failed first
 * request releases its claim, so a retry with the same key runs again.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly tx: TransactionRunner) {}

  async claim(userId: string, key: string, requestHash: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const inserted = await this.tx.run(async (manager) => {
        await manager.query(
          `DELETE FROM idempotency_key
            WHERE user_id = $1 AND key = $2
              AND (expires_at <= now()
                   OR (completed_at IS NULL AND created_at < now() - interval '${ABANDONED_AFTER}'))`,
          [userId, key],
        );
        const rows: unknown[] = await manager.query(
          `INSERT INTO idempotency_key (user_id, key, request_hash, expires_at)
           VALUES ($1, $2, $3, now() + interval '${IDEMPOTENCY_TTL_HOURS} hours')
           ON CONFLICT (user_id, key) DO NOTHING
           RETURNING 1`,
          [userId, key, requestHash],
        );
        return rows.length === 1;
      });
      if (inserted) return { kind: 'claimed' };

      const rows: Row[] = await this.tx.run((manager) =>
        manager.query(
          `SELECT request_hash, status, response_headers, response_body
             FROM idempotency_key WHERE user_id = $1 AND key = $2`,
          [userId, key],
        ),
      );
      const row = rows[0];
      if (row) {
        if (row.request_hash !== requestHash) {
          throw new RuleViolationError(
            'This Idempotency-Key was used for a different request; use a new key for a new request',
          );
        }
        if (row.status !== null) {
          return {
            kind: 'replay',
            response: {
              status: row.status,
              headers: row.response_headers ?? {},
              body: row.response_body ?? '',
            },
          };
        }
      }
      if (Date.now() > deadline) {
        throw new ConflictError(
          'A request with this Idempotency-Key is still being processed; retry later',
        );
      }
      if (row) await sleep(POLL_MS);
    }
  }

  /** Stores the first request's successful response for replay. */
  async complete(
    userId: string,
    key: string,
    requestHash: string,
    response: StoredResponse,
  ): Promise<void> {
    await this.tx.run((manager) =>
      manager.query(
        `UPDATE idempotency_key
            SET status = $4, response_headers = $5, response_body = $6, completed_at = now()
          WHERE user_id = $1 AND key = $2 AND request_hash = $3 AND completed_at IS NULL`,
        [
          userId,
          key,
          requestHash,
          response.status,
          JSON.stringify(response.headers),
          response.body,
        ],
      ),
    );
  }

  /** Forgets a claim whose request failed, so the key may be used again. */
  async release(userId: string, key: string, requestHash: string): Promise<void> {
    await this.tx.run((manager) =>
      manager.query(
        `DELETE FROM idempotency_key
          WHERE user_id = $1 AND key = $2 AND request_hash = $3 AND completed_at IS NULL`,
        [userId, key, requestHash],
      ),
    );
  }
}
