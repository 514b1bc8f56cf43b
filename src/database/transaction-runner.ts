import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { currentRequestContext } from '../common/request-context';

/**
 * Runs a unit of work in one transaction. It first tells the database who is acting, so the
 * audit triggers record the actor and request id in the same transaction as the change.
 * A thrown error rolls everything back: a failed request leaves the database as it was.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const context = currentRequestContext();
      await manager.query(
        `SELECT set_config('app.actor_user_id', $1, true), set_config('app.request_id', $2, true)`,
        [context?.actor.userId ?? '', context?.requestId ?? ''],
      );
      return work(manager);
    });
  }
}
