import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';

/**
 * Applies pending migrations, each in its own transaction, then (re)grants the application's
 * group role exactly its privileges on every table, so no migration needs grant code.
 * Run it as the role that owns the schema. Returns the names applied.
 */
export async function runMigrations(ownerDatabaseUrl: string): Promise<string[]> {
  const dataSource = createDataSource(ownerDatabaseUrl);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await applyAppGrants(dataSource);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** SELECT apply_app_grants() when the schema has it (a no-op before 1795800000000-LeastPrivilege). */
export async function applyAppGrants(dataSource: DataSource): Promise<void> {
  const [{ present }]: { present: boolean }[] = await dataSource.query(
    `SELECT to_regprocedure('public.apply_app_grants()') IS NOT NULL AS present`,
  );
  if (present) await dataSource.query('SELECT apply_app_grants()');
}
