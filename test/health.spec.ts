import { Client } from 'pg';
import { inspectDatabaseRole } from '../src/database/database-role';
import { withDatabase } from './database-url';
import { createTestApp, TestApp } from './test-app';

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /health reports the database up, connected as a least-privilege role', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      databaseRole: { name: 'dr_test_app', leastPrivilege: true, warnings: [] },
    });
  });

  it('says so when the server runs as the owner of the tables', async () => {
    const owner = await createTestApp({ connectAs: 'owner' });
    try {
      const res = await owner.http.get('/health').expect(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.databaseRole).toMatchObject({ name: 'dr_test_owner', leastPrivilege: false });
      expect(res.body.databaseRole.warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/owns \d+ register tables/),
          expect.stringMatching(/TRUNCATE/),
        ]),
      );
    } finally {
      await owner.close();
    }
  });

  it('names a superuser connection', async () => {
    const url = new URL(t.databaseUrl);
    const client = new Client({
      connectionString: withDatabase(process.env.TEST_SERVER_URL!, url.pathname.slice(1)),
    });
    await client.connect();
    try {
      const report = await inspectDatabaseRole(async (sql) => (await client.query(sql)).rows);
      expect(report.leastPrivilege).toBe(false);
      expect(report.warnings).toContain('connected as a superuser');
    } finally {
      await client.end();
    }
  });
});
