import { join } from 'node:path';
import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// A DATE is a calendar day, not an instant: keep 'YYYY-MM-DD' so no time zone can shift it.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// BIGINT holds money in öre; parse to number and refuse anything a JS number cannot hold exactly.
types.setTypeParser(types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} exceeds the safe integer range`);
  return n;
});

/** The one set of options used by the app, the migration CLI and the tests. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Query errors reach the problem-details filter, which logs the unexpected ones.
    logging: false,
    extra: { max: 10, application_name: 'decision-register' },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
