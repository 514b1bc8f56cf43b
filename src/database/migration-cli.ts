import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { applyAppGrants } from './migrate';
import { resolveDatabase } from './resolve-database';

/** npm run migration:run | migration:revert | migration:generate -- <PascalName> */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const database = await resolveDatabase(loadConfig());
  // Migrations run as the owner of the schema, never as the application role.
  const dataSource = createDataSource(database.ownerUrl);
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await applyAppGrants(dataSource);
      console.log(
        applied.length
          ? `Applied: ${applied.map((m) => m.name).join(', ')}`
          : 'No pending migrations',
      );
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      await applyAppGrants(dataSource);
      console.log('Reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name))
        throw new Error('Give a PascalCase name: migration:generate -- AddThing');
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        console.log('Entities and schema agree: nothing to generate');
        return;
      }
      const timestamp = Date.now();
      const lines = (queries: { query: string }[]) =>
        queries.map((q) => `    await queryRunner.query(${JSON.stringify(q.query)});`).join('\n');
      const file = join(__dirname, '..', '..', 'migrations', `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...sql.downQueries].reverse())}
  }
}
`,
      );
      console.log(`Wrote ${file}: review it before committing`);
    } else {
      throw new Error('Usage: migration-cli run|revert|generate <Name>');
    }
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
