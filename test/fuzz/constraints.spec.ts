import { CONSTRAINTS } from '../../src/common/constraints';
import { problemFromPostgres } from '../../src/common/problem-details.filter';
import { createTestApp, TestApp } from '../test-app';

/** The problem filter's constraint table covers every constraint and unique index of the schema. */
describe('constraint table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every constraint and unique index a request can break', async () => {
    const rows: { name: string }[] = await t.dataSource.query(`
      SELECT c.conname AS name FROM pg_constraint c
        JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND c.contype IN ('u', 'f', 'c', 'x')
      UNION
      SELECT i.relname FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = i.relnamespace
       WHERE n.nspname = 'public' AND x.indisunique AND NOT x.indisprimary`);
    const missing = rows.map((r) => r.name).filter((name) => !(name in CONSTRAINTS));
    expect(missing).toEqual([]);
  });

  it('answers a duplicate with the field and a message naming no table or column', async () => {
    const problem = problemFromPostgres({
      code: '23505',
      constraint: 'body_short_name_unique',
      message: 'duplicate key value violates unique constraint "body_short_name_unique"',
    });
    expect(problem).toMatchObject({
      status: 409,
      errors: [{ field: 'shortName', messages: [expect.any(String)] }],
    });
    expect(JSON.stringify(problem)).not.toMatch(/short_name|body_|violates|duplicate key/);
    const unknown = problemFromPostgres({ code: '23514', constraint: 'some_table_col_check' });
    expect(unknown).toMatchObject({ status: 422 });
    expect(JSON.stringify(unknown)).not.toMatch(/some_table|col_check/);
  });

  it.each([
    ['22001', 400],
    ['22003', 400],
    ['22P02', 400],
    ['22007', 400],
    ['22008', 400],
    ['22021', 400],
    ['54001', 400],
    ['40001', 409],
  ])('maps SQLSTATE %s to %i', (code, status) => {
    expect(problemFromPostgres({ code, message: 'relation "meeting" …' })).toMatchObject({
      status,
    });
    expect(JSON.stringify(problemFromPostgres({ code }))).not.toMatch(/relation|meeting/);
  });
});
