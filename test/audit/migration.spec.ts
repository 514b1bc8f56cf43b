import { AuditChain1795810000000 } from '../../migrations/1795810000000-AuditChain';
import { createPerson, createRegistry } from '../factories';
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
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const [old] = await runner.query(`
        SELECT to_regclass('audit_chain_link') IS NULL AS chain_gone,
               to_regprocedure('paragraph_child_lock()') IS NOT NULL AS lock_back,
               to_regprocedure('locked_by_parent()') IS NULL AS shared_gone`);
      expect(old).toEqual({ chain_gone: true, lock_back: true, shared_gone: true });
      await migration.up(runner);
      const [again] = await runner.query(`SELECT seq::int, hash FROM audit_chain_head`);
      expect(again).toEqual(head);
    } finally {
      await runner.release();
    }
    const verify = await t.http
      .get('/api/audit/verify')
      .set('Authorization', `Bearer ${r.adminToken}`)
      .expect(200);
    expect(verify.body).toMatchObject({ ok: true, checked: head.seq });
  });
});
