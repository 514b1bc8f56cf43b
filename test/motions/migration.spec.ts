import { Motions1795500000000 } from '../../migrations/1795500000000-Motions';
import { withNewerMigrationsReverted } from '../migration-helpers';
import { createDataSource } from '../../src/database/data-source';
import { createTestApp, TestApp } from '../test-app';

describe('motions migration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reverts and re-applies cleanly', async () => {
    const migration = new Motions1795500000000();
    // Dropping and creating tables is the owner's business, not the application role's.
    const owner = createDataSource(t.ownerDatabaseUrl);
    await owner.initialize();
    const runner = owner.createQueryRunner();
    try {
      await withNewerMigrationsReverted(t, runner, 1795500000000, async () => {
        await migration.down(runner);
        const [gone] = await runner.query(`SELECT to_regclass('motion') IS NULL AS gone`);
        expect(gone.gone).toBe(true);
        await migration.up(runner);
        const [back] = await runner.query(`SELECT to_regclass('motion_event') IS NOT NULL AS back`);
        expect(back.back).toBe(true);
      });
    } finally {
      await runner.release();
      await owner.destroy();
    }
  });
});
