import { Motions1795500000000 } from '../../migrations/1795500000000-Motions';
import { PublicState1795840000000 } from '../../migrations/1795840000000-PublicState';
import { createTestApp, TestApp } from '../test-app';

describe('motions migration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reverts and re-applies cleanly', async () => {
    const migration = new Motions1795500000000();
    const runner = t.dataSource.createQueryRunner();
    try {
      // The public-state view reads the motion tables: it goes first and comes back last.
      const publicState = new PublicState1795840000000();
      await publicState.down(runner);
      await migration.down(runner);
      const [gone] = await runner.query(`SELECT to_regclass('motion') IS NULL AS gone`);
      expect(gone.gone).toBe(true);
      await migration.up(runner);
      await publicState.up(runner);
      const [back] = await runner.query(`SELECT to_regclass('motion_event') IS NOT NULL AS back`);
      expect(back.back).toBe(true);
    } finally {
      await runner.release();
    }
  });
});
