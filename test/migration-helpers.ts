import { QueryRunner } from 'typeorm';
import type { TestApp } from './test-app';

const timestampOf = (name: string | undefined): number => Number(/(\d{13})$/.exec(name ?? '')?.[1]);

/**
 * Runs `work` with every migration newer than the one at `timestamp` reverted (newest first), so
 * an old migration's down() meets the schema it was written for; re-applies them afterwards.
 */
export async function withNewerMigrationsReverted(
  t: TestApp,
  runner: QueryRunner,
  timestamp: number,
  work: () => Promise<void>,
): Promise<void> {
  const newer = t.dataSource.migrations
    .filter((m) => timestampOf(m.name) > timestamp)
    .sort((a, b) => timestampOf(a.name) - timestampOf(b.name));
  for (const migration of [...newer].reverse()) await migration.down(runner);
  await work();
  for (const migration of newer) await migration.up(runner);
}
