import { createRegistry, Registry } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import { createApplication } from './grant-helpers';

describe('grant application list', () => {
  let t: TestApp;
  let reg: Registry;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    reg = await createRegistry(t);
    for (const title of ['Ansökan A', 'Ansökan B', 'Ansökan C']) {
      const app = await createApplication(t, reg.registrarToken, {
        title,
        applicants: [{ organisationId: reg.organisationId }],
      });
      ids.push(app.id);
    }
  });
  afterAll(() => t.close());

  async function allPages(limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const query: Record<string, string | number> = { organisationId: reg.organisationId, limit };
      if (cursor) query.cursor = cursor;
      const res = await t.http
        .get('/api/grant-applications')
        .set('Authorization', `Bearer ${reg.registrarToken}`)
        .query(query)
        .expect(200);
      seen.push(...res.body.items.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  it('pages without skipping applications created within the same millisecond', async () => {
    // Three applications 100 µs apart: the same millisecond, as in a bulk import.
    for (const [i, id] of ids.entries()) {
      await t.dataSource.query(
        `UPDATE grant_application SET created_at = $2::timestamptz WHERE id = $1`,
        [id, `2025-03-01T10:00:00.1231${i}0Z`],
      );
    }
    expect(await allPages(1)).toEqual([...ids].reverse());
    expect(await allPages(2)).toEqual([...ids].reverse());
  });

  it('refuses amounts whose totals could not be kept exact (400), so the list keeps working', async () => {
    const huge = 5_000_000_000_000_000; // öre: safe alone, not as a sum of two
    const res = await t.http
      .post('/api/grant-applications')
      .set('Authorization', `Bearer ${reg.registrarToken}`)
      .send({
        grantor: 'Kammarkollegiet',
        legalBasis: 'Förordning (2024:1102)',
        title: 'Orimlig ansökan',
        applicants: [{ organisationId: reg.organisationId }],
        measures: [
          { title: 'A', estimatedCostOre: huge, requestedAmountOre: huge },
          { title: 'B', estimatedCostOre: huge, requestedAmountOre: huge },
        ],
      })
      .expect(400);
    expect(JSON.stringify(res.body.errors)).toContain('measures[0].requestedAmountOre');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM grant_application`);
    expect(n).toBe(ids.length);
    await t.http.get('/api/grant-applications').expect(200);
  });
});
