import { AuditChain1795810000000 } from '../../migrations/1795810000000-AuditChain';
import { createDataSource } from '../../src/database/data-source';
import { createPerson, createRegistry } from '../factories';
import { withNewerMigrationsReverted } from '../migration-helpers';
import { createTestApp, TestApp } from '../test-app';

describe('audit chain migration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reverts to the per-migration functions and re-applies, chaining existing events the same way', async () => {
    const r = await createRegistry(t);
    await createPerson(t, r.registrarToken, r.organisationId, { name: 'Kerstin Berg' });
    const [head] = await t.dataSource.query(`SELECT seq::int, hash FROM audit_chain_head`);
    expect(head.seq).toBeGreaterThan(0);
    const migration = new AuditChain1795810000000();
    // Dropping and creating triggers is the owner's business, not the application role's.
    const owner = createDataSource(t.ownerDatabaseUrl);
    await owner.initialize();
    const runner = owner.createQueryRunner();
    try {
      await withNewerMigrationsReverted(t, runner, 1795810000000, async () => {
        await migration.down(runner);
        const [old] = await runner.query(`
          SELECT to_regclass('audit_chain_link') IS NULL AS chain_gone,
                 to_regprocedure('paragraph_child_lock()') IS NOT NULL AS lock_back,
                 to_regprocedure('locked_by_parent()') IS NULL AS shared_gone`);
        expect(old).toEqual({ chain_gone: true, lock_back: true, shared_gone: true });
        await migration.up(runner);
        const [again] = await runner.query(`SELECT seq::int, hash FROM audit_chain_head`);
        expect(again).toEqual(head);
      });
      await runner.query(`SELECT apply_app_grants()`);
    } finally {
      await runner.release();
      await owner.destroy();
    }
    const verify = await t.http
      .get('/api/audit/verify')
      .set('Authorization', `Bearer ${r.adminToken}`)
      .expect(200);
    // Re-applying the newer migrations may record events of its own (e.g. token expiry dates).
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.checked).toBeGreaterThanOrEqual(head.seq);
  });
});
