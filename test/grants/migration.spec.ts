import { QueryRunner } from 'typeorm';
import { Grants1795700000000 } from '../../migrations/1795700000000-Grants';
import { withNewerMigrationsReverted } from '../migration-helpers';
import { createDataSource } from '../../src/database/data-source';
import { createTestApp, TestApp } from '../test-app';

describe('grants migration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reverts and re-applies cleanly', async () => {
    // Dropping and creating tables is the owner's business, not the application role's.
    const owner = createDataSource(t.ownerDatabaseUrl);
    await owner.initialize();
    const runner: QueryRunner = owner.createQueryRunner();
    try {
      await withNewerMigrationsReverted(t, runner, 1795700000000, async () => {
        const migration = new Grants1795700000000();
        await migration.down(runner);
        const gone: unknown[] = await runner.query(`SELECT to_regclass('grant_application') AS t`);
        expect(gone).toEqual([{ t: null }]);
        await migration.up(runner);
        const back: { t: string }[] = await runner.query(
          `SELECT to_regclass('grant_report')::text AS t`,
        );
        expect(back).toEqual([{ t: 'grant_report' }]);
      });
    } finally {
      await runner.release();
      await owner.destroy();
    }
  });
});
